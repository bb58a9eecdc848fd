import APIModel

/// Reads one `docconform.payload` record (or one placebo recording) and checks its payload.
/// The envelope's keys may come in any order: when `payload` precedes `service`/
/// `operation`/`direction`, its bytes are syntax-checked first and validated at the end.
public final class RecordValidator {
    public let plan: ValidationPlan
    let checker: PayloadChecker
    /// Placebo names to services, built on the first recording.
    lazy var directory = ServiceDirectory(entries: plan.catalog.entries.values)
    /// What the run could not settle for some records, said once at the end.
    var notes = RunNotes()

    /// Warnings for the records validated since the last call (recording names several
    /// services answer to, error codes not checked), once each with counts.
    public func takeRunDiagnostics() -> DiagnosticLog { takeNotes().log }

    public init(plan: ValidationPlan) {
        self.plan = plan
        self.checker = PayloadChecker(plan: plan)
    }

    /// Makes this validator the first of `count` that check one run's records side by side:
    /// their name tokens are numbered apart (this one's 0, count, 2 count, ...). Called before
    /// it has validated anything.
    func numberTokens(apart count: Int) { tokens = (Int32(count), 0) }

    /// The `k`th validator (1 ..< count) for another thread checking the same run's records: a
    /// plan of its own (plans compile and cache as they go, so they are not shared), and name
    /// tokens no other of them gives.
    func sibling(_ k: Int) -> RecordValidator {
        let v = RecordValidator(plan: plan.sibling())
        v.tokens = (tokens.stride, Int32(k))
        return v
    }

    /// How this validator's name tokens are numbered (`OperationNameCache.insert`).
    @exclusivity(unchecked) private var tokens: (stride: Int32, offset: Int32) = (1, 0)

    /// The notes of the records validated since the last call, handed over (`PayloadFiles`
    /// adds them up in input order).
    func takeNotes() -> RunNotes {
        defer { notes = RunNotes() }
        return notes
    }

    /// What a placebo file name says: the record is a response of this operation. `service` is
    /// the name as the file gives it: an endpoint prefix (`api.ecr`), a service key or a signing
    /// name, possibly after a pill's own prefix.
    public struct PlaceboOrigin: Sendable {
        public var service: String
        public var operation: String
        public init(service: String, operation: String) {
            self.service = service
            self.operation = operation
        }
    }

    /// Interned names and lookups by the envelope's raw bytes (read for every record: stored
    /// without dynamic exclusivity checks).
    @exclusivity(unchecked) private var nameCache = OperationNameCache()
    /// The last names read in full, as envelope bytes (records of one operation in a row).
    @exclusivity(unchecked) private var repeatedNames = RepeatedNames()

    deinit {
        nameCache.release()
        repeatedNames.release()
    }

    /// Envelope fields, each with its bit in the set of fields seen (a field given twice is reported).
    private enum EnvelopeKey: UInt8 { case payload = 1, id = 2, service = 4, operation = 8, direction = 16, other = 0 }
    /// The keys that name the operation (`RepeatedNames`), as bits of the set of fields seen.
    private static let nameKeys: UInt8 = EnvelopeKey.service.rawValue | EnvelopeKey.operation.rawValue | EnvelopeKey.direction.rawValue

    @inline(__always)
    private static func equals(_ raw: UnsafeBufferPointer<UInt8>, _ key: StaticString) -> Bool {
        raw.count == key.utf8CodeUnitCount && (raw.count == 0 || memcmpBytes(key.utf8Start, raw.baseAddress!, raw.count))
    }

    private func envelopeKey(_ str: ScannedString, in p: UnsafePointer<UInt8>) -> EnvelopeKey {
        if !str.hasEscapes { return Self.envelopeKey(p + str.start, str.end - str.start) }
        let decoded = Array(IssueText.string(str, record: p).utf8)
        return decoded.withUnsafeBufferPointer { raw -> EnvelopeKey in
            if Self.equals(raw, "payload") { return .payload }
            if Self.equals(raw, "id") { return .id }
            if Self.equals(raw, "service") { return .service }
            if Self.equals(raw, "operation") { return .operation }
            if Self.equals(raw, "direction") { return .direction }
            return .other
        }
    }

    /// A record key without escapes, told apart by its length and first byte before one compare.
    @inline(__always)
    private static func envelopeKey(_ k: UnsafePointer<UInt8>, _ n: Int) -> EnvelopeKey {
        @inline(__always) func equals(_ key: StaticString) -> Bool { memcmpBytes(key.utf8Start, k, n) }
        switch n {
        case 2: return k[0] == 0x69 && k[1] == 0x64 ? .id : .other
        case 7:
            if k[0] == 0x70 { return equals("payload") ? .payload : .other }
            return k[0] == 0x73 && equals("service") ? .service : .other
        case 9:
            if k[0] == 0x6F { return equals("operation") ? .operation : .other }
            return k[0] == 0x64 && equals("direction") ? .direction : .other
        default: return .other
        }
    }

    /// An envelope key written plainly with its colon (`"service":`), told apart by its first
    /// letter and confirmed with one compare; nil for anything else, which is read the general
    /// way (escapes, space before the colon, other keys). Most records are written like this.
    @inline(__always)
    private static func plainKey(_ p: UnsafePointer<UInt8>, _ pos: Int, _ end: Int) -> (EnvelopeKey, Int)? {
        guard pos + 5 <= end else { return nil }
        let literal: StaticString
        let key: EnvelopeKey
        switch p[pos + 1] {
        case 0x69: literal = "\"id\":"; key = .id
        case 0x73: literal = "\"service\":"; key = .service
        case 0x6F: literal = "\"operation\":"; key = .operation
        case 0x64: literal = "\"direction\":"; key = .direction
        case 0x70: literal = "\"payload\":"; key = .payload
        default: return nil
        }
        let n = literal.utf8CodeUnitCount
        guard pos + n <= end, memcmpBytes(literal.utf8Start, p + pos, n) else { return nil }
        return (key, pos + n)
    }

    private func direction(_ str: ScannedString, in p: UnsafePointer<UInt8>) -> Direction? {
        let raw = UnsafeBufferPointer(start: p + str.start, count: str.end - str.start)
        if !str.hasEscapes {
            if Self.equals(raw, "request") { return .request }
            if Self.equals(raw, "response") { return .response }
            if Self.equals(raw, "error") { return .error }
            return nil
        }
        return Direction(rawValue: IssueText.string(str, record: p))
    }

    /// The root node for the record's operation and direction, or an envelope issue. An error
    /// response's root depends on its code: `errorRoot` is the sign to read it at the payload.
    private func resolve(_ envelope: inout Envelope, issues: inout [ValidationIssue]) -> Int32? {
        guard envelope.hasNames else {
            issues.append(ValidationIssue(path: "", code: .record, message: "the record names no \(envelope.service == nil ? "service" : "operation")"))
            return nil
        }
        guard let direction = envelope.direction else {
            issues.append(ValidationIssue(path: "", code: .record, message: "the record has no valid direction (request, response or error)"))
            return nil
        }
        switch envelope.lookup ?? plan.roots(service: serviceName(envelope)!, operation: operationName(envelope)!) {
        case let .found(r):
            switch direction {
            case .request: return r.input
            case .response: return r.output
            case .error: return Self.errorRoot
            }
        case .unknownService:
            issues.append(ValidationIssue(path: "", code: .operation, message: unknownServiceMessage(serviceName(envelope)!)))
        case .unknownOperation:
            issues.append(ValidationIssue(path: "", code: .operation,
                                          message: "operation \(IssueText.quoted(operationName(envelope)!)) is not in service \(serviceName(envelope)!)"))
        }
        return nil
    }

    /// Stands for "the error response root, chosen by its code" until the payload is read.
    static let errorRoot: Int32 = -2

    /// A service name the model lacks, with the services it is the endpoint prefix or signing
    /// name of (a record written with placebo's naming in mind).
    func unknownServiceMessage(_ service: String) -> String {
        let base = "service \(IssueText.quoted(service)) is not in the model"
        guard let known = directory.services(forHead: Substring(service)), known.name == service else { return base }
        return base + " (it is the endpoint prefix or signing name of \(known.services.joined(separator: ", ")))"
    }

    /// Checks the error response at the lexer's position: its `Error.Code` against the
    /// operation's documented errors and AWS's common ones, its other members against the
    /// error shape of that code. Both from the plan cache where it holds them: no service read.
    func checkErrorResponse(service serviceName: String, operation operationName: String, file: String) throws(MalformedJSON) {
        guard let errors = plan.operationErrors(service: serviceName, operation: operationName) else { return }
        let facts = checker.errorResponseFacts()
        var shape: String? = nil
        if let code = facts.code {
            switch ErrorCodes.verdict(code: code, queryErrorCode: facts.queryErrorCode, of: errors) {
            case let .documented(s): shape = s
            case let .undocumented(s, message):
                shape = s
                checker.issues.append(ValidationIssue(path: "Error.Code", code: .undocumentedError, message: message))
            case let .notChecked(reason): notes.errorCodeNotChecked(service: serviceName, reason: reason, file: file)
            }
        }
        checker.issues.append(contentsOf: facts.issues)
        guard let root = plan.errorRoot(service: serviceName, shapeName: shape) else { return }
        try checker.check(root: root)
    }

    /// The error shape whose members an error response of the operation carries, its code
    /// judged as `checkErrorResponse` judges it (the wire decoder reads the members as this shape).
    package func errorShapeName(code: String, queryErrorCode: String?, service serviceName: String, operation operationName: String) -> String? {
        guard let errors = plan.operationErrors(service: serviceName, operation: operationName) else { return nil }
        return ErrorCodes.verdict(code: code, queryErrorCode: queryErrorCode, of: errors).shape
    }

    /// What the envelope says, gathered apart from the result and passed by reference (a
    /// result captured by a local function was copied and destroyed twice per record).
    private struct Envelope {
        var id: String?
        /// The names, when they did not come from the name cache (written with escapes, or one
        /// without the other).
        var service: String?
        var operation: String?
        /// The names' entry in the name cache when they came from it (-1: not): their strings
        /// are read from there only when needed, as copying them into every record retained
        /// and released two strings a record.
        var cached = -1
        /// Both names are known.
        var hasNames: Bool { cached >= 0 || (service != nil && operation != nil) }
        var direction: Direction?
        var token: Int32 = -1
        /// The service and operation as scanned, until `settle` names them.
        var serviceScan: ScannedString?
        var operationScan: ScannedString?
        var lookup: ValidationPlan.Lookup?
    }

    /// Names the service and operation from the envelope, interned; the lookup comes with them.
    @inline(__always)
    private func settle(_ envelope: inout Envelope, in p: UnsafePointer<UInt8>) {
        guard let s = envelope.serviceScan, let o = envelope.operationScan else {
            // Only one of them: named as given (the record is incomplete anyway).
            if let s = envelope.serviceScan { envelope.service = IssueText.string(s, record: p); envelope.serviceScan = nil }
            if let o = envelope.operationScan { envelope.operation = IssueText.string(o, record: p); envelope.operationScan = nil }
            return
        }
        envelope.serviceScan = nil
        envelope.operationScan = nil
        guard !s.hasEscapes && !o.hasEscapes else {
            // Looked up by their decoded strings, not interned by their raw bytes.
            let service = IssueText.string(s, record: p), operation = IssueText.string(o, record: p)
            envelope.service = service
            envelope.operation = operation
            envelope.lookup = plan.roots(service: service, operation: operation)
            return
        }
        let sp = UnsafeBufferPointer(start: p + s.start, count: s.end - s.start)
        let op = UnsafeBufferPointer(start: p + o.start, count: o.end - o.start)
        let i = nameCache.find(service: sp, operation: op) ?? {
            let service = IssueText.string(s, record: p), operation = IssueText.string(o, record: p)
            return nameCache.insert(service: sp, operation: op, .init(service: service, operation: operation, lookup: plan.roots(service: service, operation: operation)),
                                    tokens: tokens)
        }()
        name(&envelope, byEntry: i)
    }

    /// Names the service and operation by their name-cache entry, with its lookup and token.
    @inline(__always)
    private func name(_ envelope: inout Envelope, byEntry i: Int) {
        envelope.cached = i
        envelope.lookup = nameCache[lookup: i]
        envelope.token = nameCache[token: i]
    }

    private func serviceName(_ envelope: Envelope) -> String? { envelope.cached >= 0 ? nameCache[service: envelope.cached] : envelope.service }
    private func operationName(_ envelope: Envelope) -> String? { envelope.cached >= 0 ? nameCache[operation: envelope.cached] : envelope.operation }

    public func validate(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int, placebo: PlaceboOrigin? = nil) -> RecordResult {
        if let placebo, let recording = validatePlacebo(bytes, file: file, origin: placebo) { return recording }
        var record = RecordResult(file: file, line: line)
        validate(bytes, file: file, line: line, into: &record)
        return record
    }

    /// Validates into a result the caller reuses from record to record (a result built and
    /// returned per record was copied and destroyed once more on the way out).
    func validate(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int, into record: inout RecordResult) {
        // The previous record's names, which this one keeps when they are the same entry's.
        let previousToken = record.nameToken
        var envelope = Envelope()
        checker.begin(record: bytes, placebo: false)
        // The envelope is read here; the checker reads the payload values it is handed.
        var reader = JSONLexer(bytes)
        var envelopeIssues: [ValidationIssue] = []
        var resolved = false
        var root: Int32? = nil
        var deferredPayload: Int? = nil
        var sawPayload = false
        var seen: UInt8 = 0
        // Where this record's run of name keys began (`RepeatedNames`); -1: not yet, -2: nothing
        // to remember (another key came inside the run, or the names were the remembered ones).
        var namesStart = -1
        do throws(MalformedJSON) {
            reader.skipWhitespace()
            guard reader.byte == 0x7B else {
                throw reader.fail(reader.atEnd ? "empty record" : "a record must be a JSON object")
            }
            reader.pos += 1
            reader.skipWhitespace()
            if reader.byte == 0x7D { reader.pos += 1 } else {
                while true {
                    reader.skipWhitespace()
                    guard reader.byte == 0x22 else { throw reader.fail("expected a string key") }
                    var key: EnvelopeKey
                    let keyStart = reader.pos
                    let repeated = seen & (Self.nameKeys | EnvelopeKey.payload.rawValue) == 0
                        ? repeatedNames.length(at: keyStart, in: reader.p, end: reader.end) : 0
                    if repeated > 0 {
                        // The names of the record read last, up to this record's payload value.
                        reader.pos += repeated
                        seen |= Self.nameKeys
                        name(&envelope, byEntry: repeatedNames.entry)
                        envelope.direction = repeatedNames.direction
                        namesStart = -2
                        key = .payload
                    } else if let (plain, after) = Self.plainKey(reader.p, reader.pos, reader.end) {
                        key = plain
                        reader.pos = after
                    } else {
                        let keyScan = try reader.scanString()
                        key = envelopeKey(keyScan, in: reader.p)
                        try reader.expect(0x3A, "':'")
                    }
                    reader.skipWhitespace()
                    let bit = key.rawValue
                    if seen & bit != 0 {
                        // The first value stands; the second is reported and not read.
                        envelopeIssues.append(ValidationIssue(path: "", code: .duplicate, message: "record field \(IssueText.quoted("\(key)")) appears more than once"))
                        key = .other
                    }
                    seen |= bit
                    switch key {
                    case .service, .operation, .direction: if namesStart == -1 { namesStart = keyStart }
                    case .payload: break
                    case .id, .other: if namesStart >= 0 { namesStart = -2 }
                    }
                    switch key {
                    case .payload:
                        sawPayload = true
                        if envelope.serviceScan != nil && envelope.operationScan != nil { settle(&envelope, in: reader.p) }
                        if namesStart >= 0, seen & Self.nameKeys == Self.nameKeys, envelope.cached >= 0, let direction = envelope.direction {
                            repeatedNames.remember(reader.p, from: namesStart, to: reader.pos, entry: envelope.cached, direction: direction)
                        }
                        if envelope.hasNames, envelope.direction != nil {
                            resolved = true
                            root = resolve(&envelope, issues: &envelopeIssues)
                            if let root { try checkPayload(root, &envelope, at: &reader, file: file) } else { try checker.skip(at: &reader) }
                        } else {
                            deferredPayload = reader.pos
                            try checker.skip(at: &reader)
                        }
                    case .id, .service, .operation, .direction:
                        if reader.byte == 0x22 {
                            let scanned = try reader.scanString()
                            switch key {
                            case .id: envelope.id = IssueText.string(scanned, record: reader.p)
                            case .service: envelope.serviceScan = scanned
                            case .operation: envelope.operationScan = scanned
                            default:
                                envelope.direction = direction(scanned, in: reader.p)
                                if envelope.direction == nil {
                                    envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "direction \(IssueText.quoted(IssueText.string(scanned, record: reader.p))) is not request, response or error"))
                                }
                            }
                        } else if key == .id, reader.byte == 0x2D || (reader.byte >= 0x30 && reader.byte <= 0x39) {
                            envelope.id = String(decoding: IssueText.number(try reader.scanNumber(), record: reader.p), as: UTF8.self)
                        } else {
                            envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "record field \(key) must be a string"))
                            try checker.skip(at: &reader)
                        }
                    case .other:
                        try checker.skip(at: &reader)
                    }
                    guard try reader.nextItem(closing: 0x7D, inside: "the record") else { break }
                }
            }
            reader.skipWhitespace()
            if !reader.atEnd { throw reader.fail("data after the end of the record") }
            if !resolved && (deferredPayload != nil || !sawPayload) {
                settle(&envelope, in: reader.p)
                root = resolve(&envelope, issues: &envelopeIssues)
                if let root {
                    if let start = deferredPayload {
                        reader.pos = start
                        try checkPayload(root, &envelope, at: &reader, file: file)
                    } else {
                        try checkPayload(root, &envelope, at: &reader, file: file, empty: true)
                    }
                }
            }
        } catch {
            settle(&envelope, in: reader.p)
            checker.issues.append(ValidationIssue(path: "", code: .malformed, message: "malformed JSON at byte \(error.offset): \(error.reason)"))
        }
        finish(&record, envelopeIssues: envelopeIssues, file: file, line: line, byteCount: bytes.count)
        // The names move into the result (no retain and release per string), or stay there when
        // the record before had the same ones.
        record.id = envelope.id.take()
        if envelope.cached < 0 {
            record.service = envelope.service.take()
            record.operation = envelope.operation.take()
        } else if envelope.token != previousToken {
            record.service = nameCache[service: envelope.cached]
            record.operation = nameCache[operation: envelope.cached]
        }
        record.direction = envelope.direction
        record.nameToken = envelope.token
    }

    /// Hands the checker's issues to the result. They trade buffers: the result takes this
    /// record's, and the checker keeps the result's previous one (emptied when the next record
    /// starts), so two buffers go round and an invalid record allocates none.
    @inline(__always)
    func finish(_ record: inout RecordResult, envelopeIssues: [ValidationIssue], file: String, line: Int, byteCount: Int) {
        if envelopeIssues.isEmpty {
            swap(&record.issues, &checker.issues)
        } else {
            record.issues = envelopeIssues + checker.issues
        }
        if !record.accepted.isEmpty { record.accepted.removeAll() }
        // The file's string is the same record after record: kept, not retained and released.
        if record.file != file { record.file = file }
        record.line = line
        record.byteCount = byteCount
        record.nameToken = -1
    }

    @inline(__always)
    private func checkPayload(_ root: Int32, _ envelope: inout Envelope, at reader: inout JSONLexer, file: String,
                              empty: Bool = false) throws(MalformedJSON) {
        if empty { return root == Self.errorRoot ? try checkErrorPayload(&envelope, file: file, empty: true) : try checker.checkAbsent(root) }
        if root == Self.errorRoot {
            return try checker.reading(at: &reader) { () throws(MalformedJSON) in try checkErrorPayload(&envelope, file: file, empty: false) }
        }
        try checker.check(root: root, at: &reader)
    }

    /// An error response's payload at the lexer's position; absent or `null`, an empty one (whose
    /// `Error` is then missing).
    private func checkErrorPayload(_ envelope: inout Envelope, file: String, empty: Bool) throws(MalformedJSON) {
        let service = serviceName(envelope)!, operation = operationName(envelope)!
        var probe = checker.lexer
        probe.skipWhitespace()
        guard empty || probe.literal("null") else {
            return try checkErrorResponse(service: service, operation: operation, file: file)
        }
        let outer = checker.lexer
        defer {
            checker.lexer = outer
            if !empty { checker.lexer.pos = probe.pos }
        }
        let absent: [UInt8] = Array("{}".utf8)
        try absent.withUnsafeBufferPointer { (buf) throws(MalformedJSON) in
            checker.lexer = JSONLexer(buf)
            try checkErrorResponse(service: service, operation: operation, file: file)
        }
    }

}
