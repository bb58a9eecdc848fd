/// HTTP header fields in the order they came, looked up without regard to case.
public struct HTTPHeaders: Sendable, Hashable {
    public private(set) var fields: [Field] = []

    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ pairs: [(String, String)] = []) {
        for (n, v) in pairs { append(n, v) }
    }

    public mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// The value of `name`; several fields of that name joined with `,` (RFC 9110 §5.3).
    public subscript(_ name: String) -> String? {
        var found: String?
        for f in fields where Self.same(f.name, name) {
            found = found.map { $0 + "," + f.value } ?? f.value
        }
        return found
    }

    public func contains(_ name: String) -> Bool { fields.contains { Self.same($0.name, name) } }

    /// Field names are ASCII tokens: compared byte by byte, letters without regard to case.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        for (x, y) in zip(a.utf8, b.utf8) where x != y {
            guard x | 0x20 == y | 0x20, (0x61...0x7A).contains(x | 0x20) else { return false }
        }
        return true
    }
}

/// One HTTP request as it went over the wire.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target: a path with its query string (`/bucket/key?uploads`) or a whole URL
    /// (`http://127.0.0.1:5000/bucket/key?uploads`), percent-encoded as sent.
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A request and, when one came back, its response: what a HAR entry or a proxy holds.
public struct HTTPExchange: Sendable {
    public var request: HTTPRequest
    public var response: HTTPResponse?
    /// What is known of the service beyond the request itself (a model service name, a
    /// signing name or an endpoint prefix), e.g. the upstream a proxy forwards to.
    public var serviceHint: String?

    public init(request: HTTPRequest, response: HTTPResponse? = nil, serviceHint: String? = nil) {
        self.request = request
        self.response = response
        self.serviceHint = serviceHint
    }
}
