import APIModel
import Conformance

/// What one HTTP exchange was and how its request and response fit the model.
public struct ExchangeResult: Sendable {
    public var service: String?
    public var operation: String?
    /// The protocol the request used (a service may speak several).
    public var wireProtocol: WireProtocol?
    /// Other services the request fits as well (one signing name, one API version for several).
    public var alsoMatching: [String] = []
    /// nil when the request was not checked (see `notes`).
    public var request: RecordResult?
    /// nil when there was no response, the operation is unknown, or it was not checked (see `notes`).
    public var response: RecordResult?
    /// Set when the response is an error response (its record then has direction `error`).
    public var error: WireErrorResponse?
    /// What was not checked, and why.
    public var notes: [String] = []
}

/// The canonical documents of one exchange, before validation (for tests and tools).
public struct DecodedExchange: Sendable {
    public var service: String?
    public var operation: String?
    public var wireProtocol: WireProtocol?
    public var alsoMatching: [String] = []
    /// Why no operation was found, when none was.
    public var unidentified: String?
    public var request: DecodedMessage?
    public var response: DecodedMessage?
}

/// Validates HTTP exchanges of the six AWS protocols against a model: identifies each
/// request's service and operation, decodes request and response into the canonical
/// document, and runs the same checker as `docconform validate` over it, so every issue code,
/// path and message means the same. Wire faults (a body not in the protocol's format, an
/// unparseable timestamp, a query parameter no member takes) come with them.
///
/// Not thread-safe: use one per thread (the compiled plan can be shared through `plan` only
/// on one thread too).
public final class WireValidator {
    public let plan: ValidationPlan
    private let records: RecordValidator
    private let identifier: OperationIdentifier

    public init(model: Model, plan: ValidationPlan? = nil) {
        self.plan = plan ?? ValidationPlan(model: model)
        records = RecordValidator(plan: self.plan)
        identifier = OperationIdentifier(model: model)
    }

    /// Decodes without validating.
    public func decode(_ exchange: HTTPExchange) -> DecodedExchange {
        let target = RequestTarget(exchange.request.target)
        var formCache: [(key: String, value: String)]?
        let form = { () -> [(key: String, value: String)] in
            if let f = formCache { return f }
            let body = exchange.request.body.isEmpty && exchange.request.method.uppercased() == "GET"
                ? Array((exchange.request.target.split(separator: "?", maxSplits: 1).dropFirst().first ?? "").utf8)
                : exchange.request.body
            let f = QueryFormDecoder.pairs(body)
            formCache = f
            return f
        }
        var out = DecodedExchange()
        switch identifier.identify(exchange.request, target: target, hint: exchange.serviceHint, formPairs: form) {
        case let .notFound(why):
            out.unidentified = why
        case let .found(found):
            out.service = found.service.name
            out.operation = found.operation
            out.wireProtocol = found.proto
            out.alsoMatching = found.alsoMatching
            let decoder = MessageDecoder(identified: found, records: records)
            out.request = decoder.request(exchange.request, target: target, form: found.proto == .query || found.proto == .ec2 ? form() : [])
            out.response = exchange.response.map(decoder.response)
        }
        return out
    }

    /// Decodes a response of a known operation (when no request is at hand); nil when the
    /// model has no such operation. The protocol is the service's first unless given.
    public func decodeResponse(_ response: HTTPResponse, service: String, operation: String, protocol proto: WireProtocol? = nil) -> DecodedMessage? {
        guard let s = identifier.service(named: service), s.service.operations[operation] != nil,
              let p = proto ?? s.protocols.first else { return nil }
        return MessageDecoder(identified: .init(service: s, operation: operation, proto: p), records: records).response(response)
    }

    /// Validates one exchange: a result for its request and, when it has one, its response.
    /// `file`, `line` and `id` go into the results (a HAR file and its entry, a proxy's log).
    public func validate(_ exchange: HTTPExchange, file: String = "", line: Int = 0, id: String? = nil) -> ExchangeResult {
        let decoded = decode(exchange)
        var result = ExchangeResult()
        result.service = decoded.service
        result.operation = decoded.operation
        result.wireProtocol = decoded.wireProtocol
        result.alsoMatching = decoded.alsoMatching
        if let why = decoded.unidentified {
            let method = exchange.request.method
            result.request = RecordResult(id: id.map { $0 + ".request" }, direction: .request, file: file, line: line,
                                          issues: [ValidationIssue(path: "", code: .operation, message: "\(method) \(RequestTarget(exchange.request.target).path): \(why)")],
                                          byteCount: exchange.request.body.count)
            result.notes.append("response not checked: the request's operation is unknown")
            return result
        }
        guard let service = decoded.service, let operation = decoded.operation else { return result }
        if let request = decoded.request {
            result.notes += request.notes
            if !(request.canonical == nil && request.issues.isEmpty) {
                result.request = check(request, service: service, operation: operation, direction: .request, file: file, line: line, id: id.map { $0 + ".request" })
            }
        }
        if let response = decoded.response {
            result.notes += response.notes
            result.error = response.error
            result.response = responseRecord(response, service: service, operation: operation, file: file, line: line, id: id.map { $0 + ".response" })
        }
        return result
    }

    /// Validates a response of a known operation; nil when the model has no such operation or
    /// there is nothing to check (an empty body of an operation without output, an event stream).
    public func validateResponse(_ response: HTTPResponse, service: String, operation: String, protocol proto: WireProtocol? = nil,
                                 file: String = "", line: Int = 0, id: String? = nil) -> RecordResult? {
        guard let decoded = decodeResponse(response, service: service, operation: operation, protocol: proto) else { return nil }
        return responseRecord(decoded, service: service, operation: operation, file: file, line: line, id: id)
    }

    /// An error response is checked as a parsed error record is (direction `error`): its
    /// document is what botocore gives for it.
    private func responseRecord(_ response: DecodedMessage, service: String, operation: String, file: String, line: Int, id: String?) -> RecordResult? {
        if response.error != nil {
            return check(response, service: service, operation: operation, direction: .error, file: file, line: line, id: id)
        }
        if response.canonical == nil && response.issues.isEmpty { return nil }
        return check(response, service: service, operation: operation, direction: .response, file: file, line: line, id: id)
    }

    /// What the records validated since the last call left unsettled (error codes that could
    /// not be judged), once each with counts, as `validate` reports it for payload files.
    public func takeRunDiagnostics() -> DiagnosticLog { records.takeRunDiagnostics() }

    /// The checker over the canonical document, its issues merged with the decoder's: a
    /// decoder's issue stands for the checker's of the same code at the same path.
    private func check(_ message: DecodedMessage, service: String, operation: String, direction: Conformance.Direction,
                       file: String, line: Int, id: String?) -> RecordResult {
        var record: RecordResult
        if let document = message.canonical {
            var w = JSONWriter(pretty: false, reserve: document.count + 128)
            w.beginObject()
            w.key("service"); w.string(service)
            w.key("operation"); w.string(operation)
            w.key("direction"); w.string(direction.rawValue)
            w.key("payload"); w.rawValue(document)
            w.endObject()
            record = w.bytes.withUnsafeBufferPointer { records.validate($0, file: file, line: line) }
            let wire = Set(message.issues.map { "\($0.code.rawValue) \($0.path)" })
            let checked = record.issues.filter { issue in
                !wire.contains("\(issue.code.rawValue) \(issue.path)") && !(issue.code == .type && message.acceptedAsIs.contains(issue.path))
            }
            record.issues = message.issues + checked
        } else {
            record = RecordResult(service: service, operation: operation, direction: direction, file: file, line: line, issues: message.issues)
        }
        record.id = id
        record.byteCount = message.byteCount
        return record
    }
}
