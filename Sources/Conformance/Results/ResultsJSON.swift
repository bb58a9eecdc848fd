import APIModel

/// `docconform.results/1` written record by record (one result per line), so a run over
/// millions of records never holds them all.
public enum ResultsJSON {
    public static func header() -> [UInt8] {
        Array("{\"format\": \"docconform.results/1\",\n\"results\": [\n".utf8)
    }

    /// The layouts the writer knows: `docconform.results/1`'s array (results separated by
    /// commas) or `docconform.result-lines/1` (JSON Lines: each result a line of its own, ended
    /// by its newline, so a reader sees it whole as soon as it is written).
    public enum Layout: Sendable { case array, lines }

    /// The first line of `docconform.result-lines/1`.
    public static func linesHeader() -> [UInt8] {
        Array("{\"format\":\"docconform.result-lines/1\"}\n".utf8)
    }

    /// Appends results (compact, one line each) without intermediate strings, into the
    /// writer's own pending bytes (pushes without Array's uniqueness and capacity checks),
    /// handed on in blocks. The file, service and operation repeat from record to record:
    /// their escaped bytes are kept while the same string comes back.
    public final class Writer {
        /// The cached literals in a cell: as stored `var`s of the class, each record paid three
        /// dynamic exclusivity checks for them. `names` is the service, operation and direction
        /// fields as written for `namesToken`/`namesDirection`: records of one operation in a row
        /// reuse them without comparing the strings.
        private struct Literals {
            var file = CachedLiteral()
            var service = CachedLiteral()
            var operation = CachedLiteral()
            var names = ScratchStack<UInt8>(capacity: 256)
            var namesToken: Int32 = -1
            var namesDirection: Direction?
        }
        @exclusivity(unchecked) private var literals = Literals()
        private var wroteAny = false
        private let layout: Layout

        public init(layout: Layout = .array) { self.layout = layout }

        /// Results appended with `add`, waiting for `drain`.
        @exclusivity(unchecked) private var pending = ScratchStack<UInt8>(capacity: 1 << 21)

        deinit {
            literals.names.release()
            pending.release()
        }

        /// Appends the next result to the writer's own pending bytes (no copy per record);
        /// hand them on with `drain` once `pendingCount` is large enough, and at the end.
        public func add(_ r: RecordResult) {
            write(r, first: !wroteAny, &pending)
            wroteAny = true
            if layout == .lines { pending.push(0x0A) }
        }

        public var pendingCount: Int { pending.count }

        /// A writer of the same layout for results that follow others (a stretch of a file
        /// checked on another thread): each of its records begins with its separator. What it
        /// makes is written out after this writer's results, through `following(_:)`.
        public func sibling() -> Writer {
            let w = Writer(layout: layout)
            w.wroteAny = true
            return w
        }

        /// Trades the pending bytes for `other`'s buffer (emptied): no copy.
        func takePending(into other: inout ScratchStack<UInt8>) {
            other.removeAll()
            swap(&pending, &other)
        }

        /// Bytes a sibling made, as they are written after the results written so far (and
        /// drained): without their leading separator when they are the first.
        func following(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            guard !bytes.isEmpty else { return bytes }
            defer { wroteAny = true }
            return !wroteAny && layout == .array ? UnsafeBufferPointer(rebasing: bytes.dropFirst(2)) : bytes
        }

        public func drain(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            body(UnsafeBufferPointer(start: pending.base, count: pending.count))
            pending.removeAll()
        }

        private func write(_ r: RecordResult, first: Bool, _ out: inout ScratchStack<UInt8>) {
            if r.nameToken < 0 || r.nameToken != literals.namesToken || r.direction != literals.namesDirection {
                literals.names.removeAll()
                if let s = r.service { raw("\"service\":", &literals.names); literals.service.append(s, &literals.names); literals.names.push(0x2C) }
                if let o = r.operation { raw("\"operation\":", &literals.names); literals.operation.append(o, &literals.names); literals.names.push(0x2C) }
                if let d = r.direction { raw(ResultsJSON.directionField(d), &literals.names) }
                literals.namesToken = r.nameToken
                literals.namesDirection = r.direction
            }
            // Room for the whole result reserved at once, then written without a capacity check
            // per piece: a result is a dozen short pieces, and checking each cost a sixth of
            // writing it. (Reserving again before each issue instead, through a local function
            // that captured the sink, measured a fifth slower.)
            let room = Self.room(for: r, names: literals.names.count)
            out.reserve(room)
            var sink = ReservedBytes(next: out.base + out.count)
            let reservedEnd = sink.next + room
            if !first && layout == .array { sink.append(0x2C); sink.append(0x0A) }
            sink.append(0x7B)
            if let id = r.id { field("id", id, &sink) }
            sink.append(bytes: UnsafeBufferPointer(start: literals.names.base, count: literals.names.count))
            if r.valid {
                raw("\"valid\":true,\"errors\":[],", &sink)
            } else {
                raw("\"valid\":false,\"errors\":[", &sink)
                ResultsJSON.issues(r.issues, &sink)
                raw("],", &sink)
            }
            if !r.accepted.isEmpty {
                ResultsJSON.accepted(r.accepted, &sink)
            }
            raw("\"file\":", &sink)
            literals.file.append(r.file, &sink)
            raw(",\"line\":", &sink)
            integer(r.line, &sink)
            sink.append(0x7D)
            assert(sink.next <= reservedEnd, "a result outgrew the room reserved for it")
            out.count = sink.next - out.base
        }

        /// At most how many bytes `write` makes of `r`. Every string byte may become a 6-byte
        /// escape; the fixed pieces of a result take at most 71 bytes (its line number 20), of
        /// an issue 49 (its code 18), of the accepted list 14. The issues are read in place: a
        /// copy of each retained and released its strings.
        private static func room(for r: RecordResult, names: Int) -> Int {
            @inline(__always) func escaped(_ s: String) -> Int { 6 * s.utf8.count + 2 }
            @inline(__always) func room(_ issues: UnsafeBufferPointer<ValidationIssue>) -> Int {
                var n = 0
                for k in issues.indices { n += 64 + escaped(issues[k].path) + escaped(issues[k].message) }
                return n
            }
            return 96 + names + escaped(r.file) + (r.id.map(escaped) ?? 0)
                + r.issues.withUnsafeBufferPointer(room) + r.accepted.withUnsafeBufferPointer(room)
        }
    }

    private static func directionField(_ d: Direction) -> StaticString {
        switch d {
        case .request: "\"direction\":\"request\","
        case .response: "\"direction\":\"response\","
        case .error: "\"direction\":\"error\","
        }
    }

    /// `"accepted": [...],`: issues accepted by `--ignore`/`--baseline`, written as errors are.
    @inline(never)
    private static func accepted<S: ByteSink>(_ list: [ValidationIssue], _ out: inout S) {
        raw("\"accepted\":[", &out)
        issues(list, &out)
        raw("],", &out)
    }

    /// `{"path":...,"code":...,"message":...}` for each issue, comma-separated: a result's errors
    /// and its accepted issues. Inlined: called per result, a call cost 0.7% of the small-record
    /// benchmark's instructions.
    @inline(__always)
    static func issues<S: ByteSink>(_ list: [ValidationIssue], _ out: inout S) {
        for (k, issue) in list.enumerated() {
            if k > 0 { out.append(0x2C) }
            out.append(0x7B)
            field("path", issue.path, &out)
            raw("\"code\":\"", &out)
            raw(issue.code.literal, &out)
            raw("\",", &out)
            raw("\"message\":", &out)
            string(issue.message, &out)
            out.append(0x7D)
        }
    }

    /// One string's JSON literal, remembered for as long as the same string is written again.
    struct CachedLiteral {
        private var source: String?
        private var literal: [UInt8] = []

        mutating func append<S: ByteSink>(_ s: String, _ out: inout S) {
            if s != source {
                literal.removeAll(keepingCapacity: true)
                ResultsJSON.string(s, &literal)
                source = s
            }
            literal.withUnsafeBufferPointer { out.append(bytes: $0) }
        }
    }

    @inline(__always) static func raw<S: ByteSink>(_ s: StaticString, _ out: inout S) {
        out.append(bytes: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    static func integer<S: ByteSink>(_ v: Int, _ out: inout S) {
        v.withDecimalDigits { out.append(bytes: $0) }
    }

    static func field<S: ByteSink>(_ key: StaticString, _ value: String, _ out: inout S) {
        out.append(0x22)
        raw(key, &out)
        raw("\":", &out)
        string(value, &out)
        out.append(0x2C)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string<S: ByteSink>(_ s: String, _ out: inout S) {
        out.append(0x22)
        s.withUTF8InPlace { escaped($0, &out) }
        out.append(0x22)
    }

    /// UTF-8 bytes with quotes, backslashes and control characters escaped.
    @inline(__always)
    private static func escaped<S: ByteSink>(_ utf8: UnsafeBufferPointer<UInt8>, _ out: inout S) {
        guard let p = utf8.baseAddress else { return }
        let n = utf8.count
        // Runs of plain bytes are copied whole, found 8 bytes a step; only the bytes that
        // need it are escaped (messages quote their values, so most hold a few).
        var runStart = 0
        while true {
            let i = firstEscape(p, from: runStart, n)
            if i > runStart { out.append(bytes: UnsafeBufferPointer(start: p + runStart, count: i - runStart)) }
            guard i < n else { break }
            escape(p[i], &out)
            runStart = i + 1
        }
    }

    /// A quote, backslash or control character as its JSON escape.
    private static func escape<S: ByteSink>(_ b: UInt8, _ out: inout S) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(0x6E)
        case 0x0D: out.append(0x5C); out.append(0x72)
        case 0x09: out.append(0x5C); out.append(0x74)
        default:
            let hex: StaticString = "0123456789abcdef"
            for x in [0x5C, 0x75, 0x30, 0x30, hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 15)]] { out.append(x) }
        }
    }

    /// The offset of the first quote, backslash or control character at or after `from`, or `n`
    /// (8 bytes a step).
    @inline(__always)
    static func firstEscape(_ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        var i = from
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            // A byte below 0x20 (bytes >= 0x80 are excluded by ~w), a quote, a backslash.
            let hits = ((w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080) | zeroByteMask(w ^ 0x2222_2222_2222_2222)
                | zeroByteMask(w ^ 0x5C5C_5C5C_5C5C_5C5C)
            if hits != 0 {
                // The borrow of the subtraction can flag bytes after the first real hit, never before it.
                return i + hits.trailingZeroBitCount >> 3
            }
            i += 8
        }
        while i < n {
            let b = p[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return i }
            i += 1
        }
        return n
    }

    public static func footer(summary: PayloadFiles.Summary, unsupportedPatterns: [(pattern: String, shape: String, reason: String)],
                              patternsGivenUp: [(pattern: String, values: Int)]) -> [UInt8] {
        Array("\n],\n\"summary\": ".utf8) + summaryObject(summary: summary, unsupportedPatterns: unsupportedPatterns, patternsGivenUp: patternsGivenUp)
            + Array("}\n".utf8)
    }

    /// The last line of `docconform.result-lines/1`: `{"summary": ...}`, the object that closes
    /// `docconform.results/1`.
    public static func linesFooter(summary: PayloadFiles.Summary, unsupportedPatterns: [(pattern: String, shape: String, reason: String)],
                                   patternsGivenUp: [(pattern: String, values: Int)]) -> [UInt8] {
        Array("{\"summary\":".utf8) + summaryObject(summary: summary, unsupportedPatterns: unsupportedPatterns, patternsGivenUp: patternsGivenUp)
            + Array("}\n".utf8)
    }

    static func summaryObject(summary: PayloadFiles.Summary, unsupportedPatterns: [(pattern: String, shape: String, reason: String)],
                              patternsGivenUp: [(pattern: String, values: Int)]) -> [UInt8] {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.key(literal: "records"); w.int(summary.records)
        w.key(literal: "invalid"); w.int(summary.invalid)
        w.key(literal: "files"); w.int(summary.files)
        w.key(literal: "unsupportedPatterns")
        w.beginArray()
        for u in unsupportedPatterns {
            w.beginObject(); w.key(literal: "pattern"); w.string(u.pattern); w.key(literal: "shape"); w.string(u.shape); w.key(literal: "reason"); w.string(u.reason); w.endObject()
        }
        w.endArray()
        w.key(literal: "patternsNotChecked")
        w.beginArray()
        for g in patternsGivenUp {
            w.beginObject(); w.key(literal: "pattern"); w.string(g.pattern); w.key(literal: "values"); w.int(g.values); w.endObject()
        }
        w.endArray()
        w.key(literal: "accepted"); w.int(summary.accepted)
        let byCode = summary.issuesByCode
        w.key(literal: "issuesByCode"); w.beginObject()
        for code in IssueCode.allCases { if let n = byCode[code] { w.key(code.rawValue); w.int(n) } }
        w.endObject()
        func counts(_ c: OperationCounts.Count) {
            w.beginObject(); w.key(literal: "records"); w.int(c.records); w.key(literal: "invalid"); w.int(c.invalid); w.key(literal: "issues"); w.int(c.issues); w.endObject()
        }
        let unsorted = summary.byOperation.operations
        let operations = unsorted.sorted { ($0.service, $0.operation) < ($1.service, $1.operation) }
        w.key(literal: "byService"); w.beginObject()
        for c in OperationCounts.services(of: unsorted).sorted(by: { $0.service < $1.service }) { w.key(c.service); counts(c) }
        w.endObject()
        w.key(literal: "byOperation"); w.beginObject()
        var k = 0
        while k < operations.count {
            let service = operations[k].service
            w.key(service); w.beginObject()
            while k < operations.count && operations[k].service == service { w.key(operations[k].operation); counts(operations[k]); k += 1 }
            w.endObject()
        }
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
