import APIModel

/// An error response as each protocol writes it: its code, message and body.
public struct WireErrorResponse: Sendable, Equatable {
    /// The error code, as botocore reads it (namespace and `:...` suffix dropped); the HTTP status
    /// when the response names none.
    public var code: String
    public var message: String?
    /// The error's fields as they came (`Error` element children, the JSON body), for checks
    /// against the error's documented shape.
    public var document: JSONValue
    /// The status when the code came from nowhere else.
    public var codeFromStatus: Bool

    public init(code: String, message: String?, document: JSONValue, codeFromStatus: Bool = false) {
        self.code = code
        self.message = message
        self.document = document
        self.codeFromStatus = codeFromStatus
    }
}

enum ErrorResponseReader {
    /// botocore treats statuses from 301 as errors.
    static func isError(status: Int) -> Bool { status >= 301 }

    /// JSON protocols: `X-Amzn-ErrorType` header, else the body's `__type`, `code` or `Code`;
    /// a query-compatible service's `x-amzn-query-error` names the query code.
    static func json(_ response: HTTPResponse, body: JSONValue?) -> WireErrorResponse {
        let pairs = body?.objectValue ?? []
        func field(_ k: String) -> String? { pairs.first { $0.key == k }?.value.stringValue }
        var code = response.headers["X-Amzn-ErrorType"] ?? field("__type") ?? field("code") ?? field("Code")
        if let q = response.headers["x-amzn-query-error"], let first = q.split(separator: ";").first, !first.isEmpty {
            code = String(first)
        }
        let fromStatus = code == nil
        return WireErrorResponse(code: sanitize(code ?? String(response.status)), message: field("message") ?? field("Message"),
                                 document: body ?? .object([]), codeFromStatus: fromStatus)
    }

    /// XML protocols: `<ErrorResponse><Error>` (query, rest-xml), `<Response><Errors><Error>`
    /// (ec2), a bare `<Error>` (S3); an empty body has only its status.
    static func xml(_ response: HTTPResponse, log: DecodeLog) -> WireErrorResponse? {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return WireErrorResponse(code: String(response.status), message: nil, document: .object([]), codeFromStatus: true)
        }
        return response.body.withUnsafeBufferPointer { buf -> WireErrorResponse? in
            guard let reader = XMLPullReader(buf) else { return nil }
            let decoder = XMLBodyDecoder(reader: reader, log: log, proto: .restXML)
            guard decoder.moveToRoot() else { return nil }
            let root = decoder.generic()
            guard reader.error == nil else { return nil }
            var error = root
            if case let .object(pairs) = root {
                let errors = pairs.first { $0.key == "Errors" }?.value
                let firstError: JSONValue? = {
                    if case let .array(items)? = errors?["Error"] { return items.first }
                    return errors?["Error"]
                }()
                error = firstError ?? pairs.first { $0.key == "Error" }?.value ?? root
            }
            guard let code = error["Code"]?.stringValue else { return nil }
            return WireErrorResponse(code: sanitize(code), message: error["Message"]?.stringValue, document: error)
        }
    }

    /// `aws.protocoltests#FooError:http://...` → `FooError`.
    static func sanitize(_ code: String) -> String {
        var c = Substring(code)
        if let colon = c.firstIndex(of: ":") { c = c[..<colon] }
        if let hash = c.lastIndex(of: "#") { c = c[c.index(after: hash)...] }
        return String(c).trimmedOfSpaces
    }
}
