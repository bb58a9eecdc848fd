/// Reads one `docconform.payload` record (or one placebo recording) and checks its payload.
/// The envelope's keys may come in any order: when `payload` precedes `service`/
/// `operation`/`direction`, its bytes are syntax-checked first and validated at the end.
public final class RecordValidator {
    public let plan: ValidationPlan
    let checker: PayloadChecker

    public init(plan: ValidationPlan) {
        self.plan = plan
        self.checker = PayloadChecker(plan: plan)
    }

    /// What a placebo file name says: the record is a response of this operation.
    public struct PlaceboOrigin: Sendable {
        public var service: String
        public var operation: String
        public init(service: String, operation: String) {
            self.service = service
            self.operation = operation
        }
    }

    private static let keyPayload = Array("payload".utf8)
    private static let keyData = Array("data".utf8)
    private static let keyID = Array("id".utf8)
    private static let keyService = Array("service".utf8)
    private static let keyOperation = Array("operation".utf8)
    private static let keyDirection = Array("direction".utf8)

    private var lastLookup: (service: String, operation: String, roots: ValidationPlan.Lookup)?

    private enum EnvelopeKey { case payload, id, service, operation, direction, other }

    private func envelopeKey(_ str: ScannedString, placebo: Bool) -> EnvelopeKey {
        let raw = UnsafeBufferPointer(start: checker.lexer.p + str.start, count: str.end - str.start)
        let bytes: [UInt8] = str.hasEscapes ? Array(PayloadChecker.decodeJSONString(raw).utf8) : []
        func equals(_ key: [UInt8]) -> Bool {
            str.hasEscapes ? bytes == key : (raw.count == key.count && raw.elementsEqual(key))
        }
        if placebo { return equals(Self.keyData) ? .payload : .other }
        switch raw.count {
        case 7 where equals(Self.keyPayload): return .payload
        case 2 where equals(Self.keyID): return .id
        case 7 where equals(Self.keyService): return .service
        case 9 where equals(Self.keyOperation): return .operation
        case 9 where equals(Self.keyDirection): return .direction
        default: return str.hasEscapes ? envelopeKeyEscaped(bytes) : .other
        }
    }

    private func envelopeKeyEscaped(_ b: [UInt8]) -> EnvelopeKey {
        switch b {
        case Self.keyPayload: return .payload
        case Self.keyID: return .id
        case Self.keyService: return .service
        case Self.keyOperation: return .operation
        case Self.keyDirection: return .direction
        default: return .other
        }
    }

    private func stringValue(_ str: ScannedString) -> String {
        let raw = UnsafeBufferPointer(start: checker.lexer.p + str.start, count: str.end - str.start)
        return str.hasEscapes ? PayloadChecker.decodeJSONString(raw) : String(decoding: raw, as: UTF8.self)
    }

    /// The root node for the record's operation and direction, or an envelope issue.
    private func resolve(_ result: RecordResult, issues: inout [ValidationIssue]) -> Int32? {
        guard let service = result.service, let operation = result.operation else {
            issues.append(ValidationIssue(path: "", code: .record, message: "the record names no \(result.service == nil ? "service" : "operation")"))
            return nil
        }
        guard let direction = result.direction else {
            issues.append(ValidationIssue(path: "", code: .record, message: "the record has no valid direction (request or response)"))
            return nil
        }
        let lookup: ValidationPlan.Lookup
        if let last = lastLookup, last.service == service, last.operation == operation {
            lookup = last.roots
        } else {
            lookup = plan.roots(service: service, operation: operation)
            lastLookup = (service, operation, lookup)
        }
        switch lookup {
        case let .found(r): return direction == .request ? r.input : r.output
        case .unknownService:
            issues.append(ValidationIssue(path: "", code: .operation, message: "service \(PayloadChecker.quoted(service)) is not in the model"))
        case .unknownOperation:
            issues.append(ValidationIssue(path: "", code: .operation, message: "operation \(PayloadChecker.quoted(operation)) is not in service \(service)"))
        }
        return nil
    }

    public func validate(_ bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int, placebo: PlaceboOrigin? = nil) -> RecordResult {
        var result = RecordResult(file: file, line: line, byteCount: bytes.count)
        checker.issues.removeAll(keepingCapacity: true)
        checker.placebo = placebo != nil
        checker.lexer = JSONLexer(bytes)
        if let placebo {
            result.service = placebo.service
            result.operation = placebo.operation
            result.direction = .response
        }
        var envelopeIssues: [ValidationIssue] = []
        var resolved = false
        var root: Int32? = nil
        var deferredPayload: Int? = nil
        var sawPayload = false
        do throws(MalformedJSON) {
            checker.lexer.skipWhitespace()
            guard checker.lexer.byte == 0x7B else {
                throw checker.lexer.fail(checker.lexer.atEnd ? "empty record" : "a record must be a JSON object")
            }
            checker.lexer.pos += 1
            checker.lexer.skipWhitespace()
            if checker.lexer.byte == 0x7D { checker.lexer.pos += 1 } else {
                while true {
                    checker.lexer.skipWhitespace()
                    guard checker.lexer.byte == 0x22 else { throw checker.lexer.fail("expected a string key") }
                    let keyScan = try checker.lexer.scanString()
                    let key = envelopeKey(keyScan, placebo: placebo != nil)
                    try checker.lexer.expect(0x3A, "':'")
                    checker.lexer.skipWhitespace()
                    switch key {
                    case .payload:
                        sawPayload = true
                        if result.service != nil, result.operation != nil, result.direction != nil {
                            resolved = true
                            root = resolve(result, issues: &envelopeIssues)
                            if let root { try checkPayload(root) } else { try checker.skip() }
                        } else {
                            deferredPayload = checker.lexer.pos
                            try checker.skip()
                        }
                    case .id, .service, .operation, .direction:
                        if checker.lexer.byte == 0x22 {
                            let text = stringValue(try checker.lexer.scanString())
                            switch key {
                            case .id: result.id = text
                            case .service: result.service = text
                            case .operation: result.operation = text
                            default:
                                result.direction = Direction(rawValue: text)
                                if result.direction == nil {
                                    envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "direction \(PayloadChecker.quoted(text)) is neither request nor response"))
                                }
                            }
                        } else if key == .id, checker.lexer.byte == 0x2D || (checker.lexer.byte >= 0x30 && checker.lexer.byte <= 0x39) {
                            result.id = checker.numberText(try checker.lexer.scanNumber())
                        } else {
                            envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "record field \(key) must be a string"))
                            try checker.skip()
                        }
                    case .other:
                        try checker.skip()
                    }
                    checker.lexer.skipWhitespace()
                    guard !checker.lexer.atEnd else { throw checker.lexer.fail("unexpected end of input inside the record") }
                    let c = checker.lexer.byte
                    checker.lexer.pos += 1
                    if c == 0x2C { continue }
                    if c == 0x7D { break }
                    checker.lexer.pos -= 1
                    throw checker.lexer.fail("expected ',' or '}', found \(checker.lexer.describeByte(c))")
                }
            }
            checker.lexer.skipWhitespace()
            if !checker.lexer.atEnd { throw checker.lexer.fail("data after the end of the record") }
            if !resolved && (deferredPayload != nil || !sawPayload) {
                root = resolve(result, issues: &envelopeIssues)
                if let root {
                    if let start = deferredPayload {
                        checker.lexer.pos = start
                        try checkPayload(root)
                    } else {
                        try checkPayload(root, empty: true)
                    }
                }
            }
        } catch {
            checker.issues.append(ValidationIssue(path: "", code: .malformed, message: "malformed JSON at byte \(error.offset): \(error.reason)"))
        }
        if envelopeIssues.isEmpty {
            if !checker.issues.isEmpty { result.issues = checker.issues }
        } else {
            result.issues = envelopeIssues + checker.issues
        }
        return result
    }

    private func checkPayload(_ root: Int32, empty: Bool = false) throws(MalformedJSON) {
        try plan.withStorage { (storage: PlanStorage) throws(MalformedJSON) in
            checker.s = storage
            defer { checker.s = .empty }
            if empty { try checker.checkAbsent(root) } else { try checker.check(root: root) }
        }
    }
}
