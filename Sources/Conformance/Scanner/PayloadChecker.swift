/// Validates one payload value against a compiled plan node while scanning its bytes once:
/// no intermediate tree, member names matched as bytes, every violation recorded with its
/// path. Malformed JSON throws (with the offset); everything else is an issue and the scan
/// goes on. How an issue reads (its path, its message) is `IssueText`'s.
final class PayloadChecker {
    /// Deeper payloads are reported and skipped (iteratively) rather than followed.
    static let maximumDepth = 1_000

    let plan: ValidationPlan
    /// The plan's pattern table, which the plan holds: called through `_withUnsafeGuaranteedRef`
    /// for every patterned value (a call through an `unowned(unsafe)` property retained and
    /// released it each time).
    private let patternTable: Unmanaged<PatternTable>
    /// The table as a reference, for messages.
    var patterns: PatternTable { patternTable.takeUnretainedValue() }
    // The checker's own state is read on every byte step: stored without dynamic exclusivity
    // checks (each access to a class's stored `var` pays one otherwise).
    @exclusivity(unchecked) var issues = [ValidationIssue]()

    @exclusivity(unchecked) var lexer = JSONLexer(UnsafeBufferPointer(start: nil, count: 0))
    /// Placebo recordings: datetime/StreamingBody objects and a root `ResponseMetadata` are theirs.
    @exclusivity(unchecked) var placebo = false
    @exclusivity(unchecked) var path = ScratchStack<PathComponent>()
    /// Paths and messages of the issues found.
    @exclusivity(unchecked) private var text = IssueText()
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) private var seenWords = ScratchStack<UInt64>()
    @exclusivity(unchecked) var mapKeys = ScratchStack<(hash: UInt64, start: Int, length: Int)>()

    /// The plan's tables (always current: the plan refreshes them after compiling).
    var tables: PlanStorage {
        @inline(__always) unsafeAddress { UnsafePointer(planStorage) }
    }
    private let planStorage: UnsafePointer<PlanStorage>

    @exclusivity(unchecked) private var skipStack = ScratchStack<UInt8>()
    private var unescaped = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1024)

    init(plan: ValidationPlan) {
        self.plan = plan
        self.patternTable = Unmanaged.passUnretained(plan.patterns)
        self.planStorage = plan.storagePointer
    }

    deinit {
        unescaped.deallocate()
        path.release()
        seenWords.release()
        mapKeys.release()
        text.release()
        skipStack.release()
    }

    // MARK: - issues

    func report(_ code: IssueCode, _ message: String, extra: PathComponent? = nil) {
        issues.append(ValidationIssue(path: text.path(path, extra: extra, record: lexer.p, storage: planStorage), code: code, message: message))
    }

    /// A message built as bytes (see `IssueText.message`).
    @inline(__always)
    func message(_ build: (UnsafeMutablePointer<ScratchStack<UInt8>>) -> Void) -> String {
        text.message(build)
    }

    func appendDisplay(_ str: ScannedString, to out: UnsafeMutablePointer<ScratchStack<UInt8>>) {
        IssueText.appendDisplay(str, record: lexer.p, to: out)
    }

    func display(_ str: ScannedString) -> String { IssueText.display(str, record: lexer.p) }

    func memberName(_ mi: Int) -> UnsafeBufferPointer<UInt8> { IssueText.memberName(mi, planStorage) }

    func keyString(_ c: PathComponent) -> String { IssueText.keyString(c, record: lexer.p) }

    func numberText(_ n: ScannedNumber) -> String { String(decoding: IssueText.number(n, record: lexer.p), as: UTF8.self) }

    func appendNumber(_ n: ScannedNumber, to out: UnsafeMutablePointer<ScratchStack<UInt8>>) {
        out.pointee.append(bytes: IssueText.number(n, record: lexer.p))
    }

    /// The UTF-8 bytes of a scanned string with escapes resolved (the raw bytes when it has
    /// none), for matching against enums, patterns and member names.
    func contentBytes(_ str: ScannedString) -> UnsafeBufferPointer<UInt8> {
        let raw = UnsafeBufferPointer(start: lexer.p + str.start, count: str.end - str.start)
        guard str.hasEscapes else { return raw }
        let decoded = IssueText.string(str, record: lexer.p)
        let n = decoded.utf8.count
        if unescaped.count < n {
            unescaped.deallocate()
            unescaped = .allocate(capacity: n * 2)
        }
        _ = unescaped.initialize(from: decoded.utf8)
        return UnsafeBufferPointer(rebasing: unescaped[0..<n])
    }

    // MARK: - values

    /// Skips a value the plan does not follow (an unknown member, a document, a type
    /// mismatch), still holding it to JSON's syntax and to the nesting limit.
    func skip(boundingDepth: Bool = true) throws(MalformedJSON) {
        try lexer.skipValue(stack: &skipStack, depthLeft: boundingDepth ? Self.maximumDepth - depth : .max, onTooDeep: { at in
            self.reportTooDeep(at: at)
        }) { word, _ in
            self.report(.malformed, "\(word) is not valid JSON (byte \(self.lexer.pos))")
        }
    }

    /// Nesting past `maximumDepth`: reported once per value, whose rest is skipped unchecked.
    func reportTooDeep(at offset: Int) {
        report(.malformed, "nested deeper than \(Self.maximumDepth) levels; the rest of this value is not checked (byte \(offset))")
    }

    func jsonTypeName() -> StaticString { Self.jsonTypeName(lexer.byte) }

    /// The JSON type of a value that starts with `byte`.
    static func jsonTypeName(_ byte: UInt8) -> StaticString {
        switch byte {
        case 0x7B: return "object"
        case 0x5B: return "array"
        case 0x22: return "string"
        case 0x74, 0x66: return "boolean"
        case 0x6E: return "null"
        default: return "number"
        }
    }

    func typeMismatch(_ node: UnsafePointer<PlanNode>) throws(MalformedJSON) {
        let kind = node.pointee.kind
        let got = jsonTypeName()
        report(.type, message { m in
            m.pointee.add("expected ")
            switch kind {
            case .structure, .union, .map: m.pointee.add("object ("); m.pointee.add(kind.name); m.pointee.push(0x29)
            case .list: m.pointee.add("array")
            case .timestamp: m.pointee.add("timestamp (RFC 3339 string or epoch seconds)")
            case .blob: m.pointee.add("blob (base64 string)")
            default: m.pointee.add(kind.name)
            }
            m.pointee.add(", got "); m.pointee.add(got)
        })
        try skip()
    }

    /// Checks the value at the lexer's position (whitespace already skipped) against `index`.
    func value(_ index: Int32) throws(MalformedJSON) {
        let node = tables.nodes.baseAddress.unsafelyUnwrapped + Int(index)
        guard lexer.pos < lexer.end else { throw lexer.fail("unexpected end of input, expected a value") }
        let b = lexer.p[lexer.pos]
        if b == 0x4E || b == 0x49 || (b == 0x2D && lexer.pos + 1 < lexer.end && lexer.p[lexer.pos + 1] == 0x49) {
            let at = lexer.pos
            guard let word = lexer.nonFiniteLiteral() else { throw lexer.fail("invalid literal") }
            report(.malformed, "\(word) is not valid JSON (byte \(at))")
            return
        }
        switch node.pointee.kind {
        case .structure, .union:
            guard b == 0x7B else { return try typeMismatch(node) }
            try nested { () throws(MalformedJSON) in try structure(node) }
        case .map:
            guard b == 0x7B else { return try typeMismatch(node) }
            try nested { () throws(MalformedJSON) in try map(node) }
        case .list:
            guard b == 0x5B else { return try typeMismatch(node) }
            try nested { () throws(MalformedJSON) in try list(node) }
        case .string:
            guard b == 0x22 else { return try typeMismatch(node) }
            let str = try lexer.scanString()
            checkString(node, str)
        case .integer, .long:
            guard b == 0x2D || (b >= 0x30 && b <= 0x39) else { return try typeMismatch(node) }
            let n = try lexer.scanNumber()
            checkInteger(node, n)
        case .float, .double:
            guard b == 0x2D || (b >= 0x30 && b <= 0x39) else { return try typeMismatch(node) }
            let n = try lexer.scanNumber()
            // Only an exponent (or 300 digits) takes a literal past a double's range.
            if node.pointee.hasMin || node.pointee.hasMax || n.hasExponent || n.end - n.start > 300 {
                checkReal(node, lexer.doubleValue(n), n)
            }
        case .boolean:
            if lexer.literal("true") || lexer.literal("false") { return }
            try typeMismatch(node)
        case .timestamp:
            if b == 0x22 {
                let str = try lexer.scanString()
                if !ScalarFormats.isRFC3339(contentBytes(str)) {
                    report(.type, "expected an RFC 3339 timestamp, got \(display(str))")
                }
            } else if b == 0x2D || (b >= 0x30 && b <= 0x39) {
                _ = try lexer.scanNumber()
            } else if placebo && b == 0x7B {
                try placeboObject(node, expected: .datetime)
            } else {
                try typeMismatch(node)
            }
        case .blob:
            if b == 0x22 {
                let str = try lexer.scanString()
                guard let decoded = ScalarFormats.base64DecodedLength(contentBytes(str)) else {
                    report(.type, "expected strict base64, got \(display(str))")
                    return
                }
                checkLength(node, decoded, unit: "bytes")
            } else if placebo && b == 0x7B {
                try placeboObject(node, expected: .streamingBody)
            } else {
                try typeMismatch(node)
            }
        case .document:
            try document()
        }
    }

    @inline(__always)
    private func nested(_ body: () throws(MalformedJSON) -> Void) throws(MalformedJSON) {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            reportTooDeep(at: lexer.pos)
            try skip(boundingDepth: false)
            return
        }
        try body()
    }

    // MARK: - scalars

    func checkString(_ node: UnsafePointer<PlanNode>, _ str: ScannedString) {
        if node.pointee.hasMin || node.pointee.hasMax { checkLength(node, str.codePoints, unit: "characters") }
        if node.pointee.enumSet >= 0 || node.pointee.pattern >= 0 {
            let bytes = contentBytes(str)
            if node.pointee.enumSet >= 0 {
                let set = tables.enumSets[Int(node.pointee.enumSet)]
                if !ValidationPlan.enumContains(tables, set, bytes.baseAddress ?? lexer.p, bytes.count) {
                    let allowed = plan.enumValues(node.pointee.enumSet)
                    report(.enum, message { m in
                        m.pointee.add("value "); appendDisplay(str, to: m); m.pointee.add(" is not one of ")
                        for (k, v) in allowed.prefix(8).enumerated() {
                            if k > 0 { m.pointee.add(", ") }
                            m.pointee.add(v)
                        }
                        if allowed.count > 8 { m.pointee.add(", ...") }
                    })
                }
            }
            if node.pointee.pattern >= 0 {
                let outcome = patternTable._withUnsafeGuaranteedRef { $0.run(node.pointee.pattern, utf8: bytes, ascii: bytes.count == str.codePoints) }
                switch outcome {
                case .match: break
                case .noMatch:
                    report(.pattern, message { m in
                        m.pointee.add("value "); appendDisplay(str, to: m); m.pointee.add(" does not match pattern ")
                        m.pointee.add(patterns.sources[Int(node.pointee.pattern)])
                    })
                case .gaveUp:
                    // Not known to be valid: an issue of its own unless the user accepts it.
                    if !plan.allowUnchecked {
                        report(.unchecked, message { m in
                            m.pointee.add("value "); appendDisplay(str, to: m)
                            m.pointee.add(" could not be checked against pattern "); m.pointee.add(patterns.sources[Int(node.pointee.pattern)])
                            m.pointee.add(" within its work bound")
                        })
                    }
                }
            }
        }
    }

    /// The node's bounds (read only where `hasMin`/`hasMax` is set).
    @inline(__always)
    private func bounds(_ node: UnsafePointer<PlanNode>) -> PlanBounds {
        node.pointee.bounds < 0 ? PlanBounds() : tables.bounds[Int(node.pointee.bounds)]
    }

    func checkLength(_ node: UnsafePointer<PlanNode>, _ n: Int, unit: StaticString) {
        let b = bounds(node)
        if node.pointee.hasMin && Int64(n) < b.minInt {
            report(.length, lengthMessage(n, unit, " is below the minimum ", b.minInt))
        } else if node.pointee.hasMax && Int64(n) > b.maxInt {
            report(.length, lengthMessage(n, unit, " is above the maximum ", b.maxInt))
        }
    }

    private func lengthMessage(_ n: Int, _ unit: StaticString, _ relation: StaticString, _ bound: Int64) -> String {
        message { m in
            m.pointee.add("length "); m.pointee.add(n); m.pointee.push(0x20); m.pointee.add(unit)
            m.pointee.add(relation); m.pointee.add(Int(bound))
        }
    }

    func checkInteger(_ node: UnsafePointer<PlanNode>, _ n: ScannedNumber) {
        var value = n.intValue
        var outOfInt64 = n.overflow
        if !n.plainInteger {
            // Decided on the literal's exact value: a double would round `1e-400` to the integer 0.
            guard let exact = lexer.integralValue(n) else {
                report(.type, "expected an integral number, got \(numberText(n))")
                return
            }
            (value, outOfInt64) = exact
        }
        if outOfInt64 {
            let kind = node.pointee.kind
            report(.range, message { m in
                m.pointee.add("value "); appendNumber(n, to: m); m.pointee.add(" does not fit in a 64-bit "); m.pointee.add(kind.name)
            })
            return
        }
        // Without a bound from the model, the type's own width is the bound.
        let is32 = node.pointee.kind == .integer
        let b = bounds(node)
        let lo = node.pointee.hasMin ? b.minInt : (is32 ? Int64(Int32.min) : .min)
        let hi = node.pointee.hasMax ? b.maxInt : (is32 ? Int64(Int32.max) : .max)
        if value < lo {
            report(.range, message { m in
                m.pointee.add("value "); appendNumber(n, to: m); m.pointee.add(" is below the minimum "); m.pointee.add(Int(lo))
            })
        } else if value > hi {
            report(.range, message { m in
                m.pointee.add("value "); appendNumber(n, to: m); m.pointee.add(" is above the maximum "); m.pointee.add(Int(hi))
            })
        }
    }

    /// A float or double: within the type's finite range (`1e400` is no double, `1e39` no
    /// 32-bit float), then within the model's bounds.
    func checkReal(_ node: UnsafePointer<PlanNode>, _ d: Double, _ n: ScannedNumber) {
        let kind = node.pointee.kind
        let b = bounds(node)
        if !d.isFinite || (kind == .float && abs(d) > Double(Float.greatestFiniteMagnitude)) {
            report(.range, message { m in
                m.pointee.add("value "); appendNumber(n, to: m); m.pointee.add(" is outside the range of a ")
                m.pointee.add(kind == .float ? "32-bit float" : "64-bit double")
            })
        } else if node.pointee.hasMin && d < b.minReal {
            report(.range, "value \(numberText(n)) is below the minimum \(b.minReal)")
        } else if node.pointee.hasMax && d > b.maxReal {
            report(.range, "value \(numberText(n)) is above the maximum \(b.maxReal)")
        }
    }

    // MARK: - aggregates

    /// At `{`: members by name, then required members and the union rule.
    func structure(_ node: UnsafePointer<PlanNode>) throws(MalformedJSON) {
        lexer.pos += 1
        let count = Int(node.pointee.memberCount)
        let words = (count + 63) >> 6
        let seenBase = seenWords.count
        for _ in 0..<words { seenWords.push(0) }
        defer { seenWords.pop(words) }
        var setCount = 0
        // Required members set (not null), each once.
        var requiredSet = 0
        var predicted = Int(node.pointee.memberStart)
        let memberEnd = Int(node.pointee.memberStart) + count
        lexer.skipWhitespace()
        if lexer.byte == 0x7D {
            lexer.pos += 1
        } else {
            while true {
                let key = try lexer.scanKey()
                var keyPtr = lexer.p + key.start
                var keyLen = key.end - key.start
                if key.hasEscapes {
                    let decoded = contentBytes(key)
                    keyPtr = decoded.baseAddress ?? keyPtr
                    keyLen = decoded.count
                }
                // Payloads usually list members in model order: try the next one first.
                var mi = -1
                if predicted < memberEnd {
                    let m = tables.members[predicted]
                    if Int(m.nameLength) == keyLen, memcmpBytes(tables.namePool.baseAddress! + Int(m.nameStart), keyPtr, keyLen) { mi = predicted }
                }
                if mi < 0, count > 0 { mi = ValidationPlan.findMember(tables, node.pointee, keyPtr, keyLen) }
                if mi < 0 {
                    let component = PathComponent(kind: .rawKey, indexOrOffset: key.start, keyLength: key.end - key.start, escaped: key.hasEscapes)
                    if !(placebo && depth == 1 && keyLen == 16 && keyString(component) == "ResponseMetadata") {
                        report(.unknown, message { m in
                            m.pointee.add("unknown member ")
                            IssueText.appendQuoted(UnsafeBufferPointer(start: lexer.p + component.indexOrOffset, count: component.keyLength),
                                         plain: !component.escaped, to: m) { keyString(component) }
                        }, extra: component)
                    }
                    try skip()
                } else {
                    predicted = mi + 1
                    let local = mi - Int(node.pointee.memberStart)
                    let bit: UInt64 = 1 << UInt64(local & 63)
                    let w = seenBase + local >> 6
                    let already = seenWords[w] & bit != 0
                    if already {
                        report(.duplicate, message { m in
                            m.pointee.add("member ")
                            IssueText.appendQuoted(memberName(mi), plain: true, to: m) { String(decoding: memberName(mi), as: UTF8.self) }
                            m.pointee.add(" appears more than once")
                        },
                               extra: PathComponent(kind: .member, indexOrOffset: mi, keyLength: 0, escaped: false))
                    }
                    if lexer.literal("null") {
                        // null counts as absent
                    } else {
                        path.push(PathComponent(kind: .member, indexOrOffset: mi, keyLength: 0, escaped: false))
                        try value(tables.members[mi].node)
                        path.pop()
                        if !already {
                            setCount += 1
                            if tables.members[mi].required { requiredSet += 1 }
                        }
                        seenWords[w] |= bit
                    }
                }
                guard try lexer.nextItem(closing: 0x7D) else { break }
            }
        }
        // The members are looked through only when a required one is missing.
        if Int(node.pointee.requiredCount) > requiredSet {
            for local in 0..<count where tables.members[Int(node.pointee.memberStart) + local].required {
                if seenWords[seenBase + local >> 6] & (1 << UInt64(local & 63)) == 0 {
                    let mi = Int(node.pointee.memberStart) + local
                    report(.required, message { m in
                        m.pointee.add("missing required member "); m.pointee.append(bytes: memberName(mi))
                    },
                           extra: PathComponent(kind: .member, indexOrOffset: mi, keyLength: 0, escaped: false))
                }
            }
        }
        if node.pointee.kind == .union && setCount != 1 {
            if setCount == 0 {
                report(.union, "no member of the union is set (exactly one must be)")
            } else {
                var names: [String] = []
                for local in 0..<count where seenWords[seenBase + local >> 6] & (1 << UInt64(local & 63)) != 0 {
                    names.append(String(decoding: memberName(Int(node.pointee.memberStart) + local), as: UTF8.self))
                }
                report(.union, "\(setCount) members of the union are set (\(names.joined(separator: ", "))); exactly one must be")
            }
        }
    }

    /// At `[`.
    func list(_ node: UnsafePointer<PlanNode>) throws(MalformedJSON) {
        lexer.pos += 1
        var count = 0
        lexer.skipWhitespace()
        if lexer.byte == 0x5D {
            lexer.pos += 1
        } else {
            path.push(PathComponent(kind: .index, indexOrOffset: 0, keyLength: 0, escaped: false))
            let top = path.count - 1
            while true {
                lexer.skipWhitespace()
                path[top].indexOrOffset = count
                if lexer.literal("null") {
                    report(.type, "list item is null")
                } else {
                    try value(node.pointee.child)
                }
                count += 1
                guard try lexer.nextItem(closing: 0x5D) else { break }
            }
            path.pop()
        }
        if node.pointee.hasMin || node.pointee.hasMax { checkLength(node, count, unit: "items") }
    }

    /// At `{` of a map: keys against the key shape, values against the value shape.
    func map(_ node: UnsafePointer<PlanNode>) throws(MalformedJSON) {
        lexer.pos += 1
        var count = 0
        let keyIndex = node.pointee.keyChild >= 0 ? Int(node.pointee.keyChild) : -1
        let keyNode = keyIndex >= 0 ? tables.nodes.baseAddress.unsafelyUnwrapped + keyIndex : tables.nodes.baseAddress.unsafelyUnwrapped
        let k = keyNode.pointee
        let checkKeys = keyIndex >= 0 && k.kind == .string && (k.hasMin || k.hasMax || k.enumSet >= 0 || k.pattern >= 0)
        let keyBase = mapKeys.count
        defer { mapKeys.pop(mapKeys.count - keyBase) }
        var bigIndex: [UInt64: [Int]]? = nil
        lexer.skipWhitespace()
        if lexer.byte == 0x7D {
            lexer.pos += 1
        } else {
            while true {
                let key = try lexer.scanKey()
                path.push(PathComponent(kind: .mapKey, indexOrOffset: key.start, keyLength: key.end - key.start, escaped: key.hasEscapes))
                if isRepeatedKey(key, keyBase: keyBase, index: &bigIndex) { report(.duplicate, "key appears more than once") }
                if checkKeys { checkString(keyNode, key) }
                if lexer.literal("null") {
                    report(.type, "map value is null")
                } else {
                    try value(node.pointee.child)
                }
                path.pop()
                count += 1
                guard try lexer.nextItem(closing: 0x7D) else { break }
            }
        }
        if node.pointee.hasMin || node.pointee.hasMax { checkLength(node, count, unit: "entries") }
    }

    /// Notes a key of the object whose keys so far sit in `mapKeys` from `keyBase`: true when the
    /// object gave it before. Raw key bytes are compared on a hash hit; big objects get an index.
    @inline(__always)
    func isRepeatedKey(_ key: ScannedString, keyBase: Int, index bigIndex: inout [UInt64: [Int]]?) -> Bool {
        let keyLength = key.end - key.start
        let h = byteKeyHash(lexer.p + key.start, keyLength)
        var duplicate = false
        func same(_ j: Int) -> Bool {
            let e = mapKeys[j]
            return e.hash == h && e.length == keyLength && memcmpBytes(lexer.p + e.start, lexer.p + key.start, keyLength)
        }
        if bigIndex != nil {
            duplicate = bigIndex![h]?.contains(where: same) ?? false
            bigIndex![h, default: []].append(mapKeys.count)
        } else {
            for j in keyBase..<mapKeys.count where same(j) { duplicate = true; break }
            if mapKeys.count - keyBase >= 32 {
                var index: [UInt64: [Int]] = [:]
                for j in keyBase..<mapKeys.count { index[mapKeys[j].hash, default: []].append(j) }
                index[h, default: []].append(mapKeys.count)
                bigIndex = index
            }
        }
        mapKeys.push((h, key.start, keyLength))
        return duplicate
    }

    // MARK: - entry

    /// Starts a record: no issues yet; `placebo` says whether placebo's objects stand for values.
    @inline(__always)
    func begin(record: UnsafeBufferPointer<UInt8>, placebo: Bool) {
        // Usually empty already (a valid record's buffer came back from the result).
        if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
        self.placebo = placebo
        lexer = JSONLexer(record)
    }

    /// Checks the payload value at `reader`'s position against `root`; `reader` moves past it.
    @inline(__always)
    func check(root: Int32, at reader: inout JSONLexer) throws(MalformedJSON) {
        lexer.pos = reader.pos
        defer { reader.pos = lexer.pos }
        try check(root: root)
    }

    /// Skips the value at `reader`'s position as `skip` does (non-finite literals reported).
    func skip(at reader: inout JSONLexer) throws(MalformedJSON) {
        lexer.pos = reader.pos
        defer { reader.pos = lexer.pos }
        try skip()
    }

    /// Reads on from byte `position` of the record.
    func seek(to position: Int) { lexer.pos = position }

    /// Runs `body` with the checker reading where `reader` stands; `reader` moves to where it stopped.
    @inline(__always)
    func reading(at reader: inout JSONLexer, _ body: () throws(MalformedJSON) -> Void) throws(MalformedJSON) {
        lexer.pos = reader.pos
        defer { reader.pos = lexer.pos }
        try body()
    }

    /// Checks one payload value that starts at the lexer's position.
    func check(root: Int32) throws(MalformedJSON) {
        depth = 0
        path.removeAll()
        seenWords.removeAll()
        mapKeys.removeAll()
        lexer.skipWhitespace()
        if lexer.literal("null") { // no payload: an empty structure
            try checkAbsent(root)
            return
        }
        try value(root)
    }

    /// A payload that is absent or null: checked as an empty object.
    func checkAbsent(_ root: Int32) throws(MalformedJSON) {
        depth = 0
        path.removeAll()
        let empty: [UInt8] = Array("{}".utf8)
        let saved = lexer
        try empty.withUnsafeBufferPointer { (buf) throws(MalformedJSON) in
            lexer = JSONLexer(buf)
            try value(root)
        }
        lexer = saved
    }
}
