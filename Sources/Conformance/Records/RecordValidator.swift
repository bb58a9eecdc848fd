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
        var root: Int32? = nil
        var resolved = false
        var envelopeIssues: [ValidationIssue] = []

        func resolve() {
            guard !resolved else { return }
            resolved = true
            guard let service = result.service, let operation = result.operation else {
                envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "the record names no \(result.service == nil ? "service" : "operation")"))
                return
            }
            guard let direction = result.direction else {
                envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "the record has no valid direction (request or response)"))
                return
            }
            switch plan.roots(service: service, operation: operation) {
            case let .found(r): root = direction == .request ? r.input : r.output
            case .unknownService:
                envelopeIssues.append(ValidationIssue(path: "", code: .operation, message: "service \(PayloadChecker.quoted(service)) is not in the model"))
            case .unknownOperation:
                envelopeIssues.append(ValidationIssue(path: "", code: .operation, message: "operation \(PayloadChecker.quoted(operation)) is not in service \(service)"))
            }
        }

        let payloadKey = placebo != nil ? "data" : "payload"
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
                    let key = PayloadChecker.decodeJSONString(UnsafeBufferPointer(start: checker.lexer.p + keyScan.start, count: keyScan.end - keyScan.start))
                    try checker.lexer.expect(0x3A, "':'")
                    checker.lexer.skipWhitespace()
                    switch key {
                    case payloadKey:
                        sawPayload = true
                        if result.service != nil, result.operation != nil, result.direction != nil {
                            resolve()
                            if let root { try checkPayload(root) } else { try checker.skip() }
                        } else {
                            deferredPayload = checker.lexer.pos
                            try checker.skip()
                        }
                    case "id", "service", "operation", "direction" where placebo == nil:
                        if checker.lexer.byte == 0x22 {
                            let v = try checker.lexer.scanString()
                            let text = PayloadChecker.decodeJSONString(UnsafeBufferPointer(start: checker.lexer.p + v.start, count: v.end - v.start))
                            switch key {
                            case "id": result.id = text
                            case "service": result.service = text
                            case "operation": result.operation = text
                            default:
                                result.direction = Direction(rawValue: text)
                                if result.direction == nil {
                                    envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "direction \(PayloadChecker.quoted(text)) is neither request nor response"))
                                }
                            }
                        } else if key == "id", checker.lexer.byte == 0x2D || (checker.lexer.byte >= 0x30 && checker.lexer.byte <= 0x39) {
                            let n = try checker.lexer.scanNumber()
                            result.id = checker.numberText(n)
                        } else {
                            envelopeIssues.append(ValidationIssue(path: "", code: .record, message: "record field \(key) must be a string"))
                            try checker.skip()
                        }
                    default:
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
            if let start = deferredPayload {
                resolve()
                if let root {
                    checker.lexer.pos = start
                    try checkPayload(root)
                }
            } else if !sawPayload {
                resolve()
                if let root { try checkPayload(root, empty: true) }
            }
        } catch {
            checker.issues.append(ValidationIssue(path: "", code: .malformed, message: "malformed JSON at byte \(error.offset): \(error.reason)"))
        }
        result.issues = envelopeIssues + checker.issues
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
