import APIModel

/// An error response's code and message as botocore reads them: `Error.Code`, `Error.Message`
/// and, for a query-compatible service, `Error.QueryErrorCode` of `ClientError.response`.
public struct WireErrorResponse: Sendable, Equatable {
    /// The error code (namespace and `:...` suffix dropped; for a query-compatible service the
    /// query code `x-amzn-query-error` names); the HTTP status when the response names none.
    public var code: String
    /// The protocol's own code when `x-amzn-query-error` gave `code` (botocore's `QueryErrorCode`).
    public var queryErrorCode: String?
    public var message: String?

    public init(code: String, queryErrorCode: String? = nil, message: String? = nil) {
        self.code = code
        self.queryErrorCode = queryErrorCode
        self.message = message
    }
}

/// The `Error` object of an error response, per protocol, as botocore's parsers build it
/// (`_do_error_parse`), with the facts for `WireErrorResponse`.
enum ErrorResponseReader {
    /// botocore treats statuses from 301 as errors.
    static func isError(status: Int) -> Bool { status >= 301 }

    /// botocore's generic error response (`_is_generic_error_response`): a 5xx whose body is
    /// empty or an HTML page (a proxy's, a load balancer's) names no code; the status stands for it.
    static func isGeneric(_ response: HTTPResponse) -> Bool {
        guard response.status >= 500 else { return false }
        let body = response.body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return body.isEmpty || body.starts(with: "<html>".utf8)
    }

    /// The `Error` object of a response that names no code: its status as the code (botocore
    /// adds the status's reason phrase as the message, which nothing checks).
    static func fromStatus(_ status: Int) -> [(key: String, value: JSONValue)] {
        [("Code", .string(String(status))), ("Message", .string(""))]
    }

    /// JSON protocols (json, rest-json, smithy-rpc-v2-cbor): the body's `__type`, else the
    /// status; a query-compatible service's `x-amzn-query-error` (`Code;Type`) names the query
    /// code, the body's code kept as `QueryErrorCode`; rest-json takes `X-Amzn-ErrorType`, else
    /// the body's `code` or `Code`, over those. The message is the body's `message` or `Message`.
    static func json(_ response: HTTPResponse, body: [(key: String, value: JSONValue)], restJSON: Bool) -> [(key: String, value: JSONValue)] {
        func field(_ k: String) -> JSONValue? { body.first { $0.key == k }?.value }
        var code = field("__type")?.stringValue.map(sanitize) ?? String(response.status)
        var error: [(key: String, value: JSONValue)] = [("Message", field("message") ?? field("Message") ?? .string(""))]
        if let q = response.headers["x-amzn-query-error"] {
            let parts = q.split(separator: ";", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty {
                error.append(("QueryErrorCode", .string(code)))
                error.append(("Type", .string(String(parts[1]))))
                code = String(parts[0])
            }
        }
        if restJSON {
            if let t = response.headers["X-Amzn-ErrorType"] {
                code = sanitize(t)
            } else if let c = (field("code") ?? field("Code"))?.stringValue {
                code = sanitize(c)
            }
        }
        error.insert(("Code", .string(code)), at: 1)
        return error
    }

    /// The facts botocore's caller reads from an `Error` object.
    static func facts(_ error: [(key: String, value: JSONValue)]) -> WireErrorResponse {
        func field(_ k: String) -> String? { error.first { $0.key == k }?.value.stringValue }
        return WireErrorResponse(code: field("Code") ?? "", queryErrorCode: field("QueryErrorCode"), message: field("Message"))
    }

    /// `aws.protocoltests#FooError:http://...` → `FooError`.
    static func sanitize(_ code: String) -> String {
        var c = Substring(code)
        if let colon = c.firstIndex(of: ":") { c = c[..<colon] }
        if let hash = c.lastIndex(of: "#") { c = c[c.index(after: hash)...] }
        return String(c).trimmedOfSpaces
    }
}
