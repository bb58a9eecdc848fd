/// An error an operation documents, by name, with its HTTP status where a source gives one.
/// What the error is on the wire (its code, its members) belongs to the service's error shape
/// of that name (`Service.errorShapes`).
public struct OperationError: Sendable, Hashable {
    public var name: String
    public var httpStatus: Int?
    public var documentation: String?

    public init(name: String, httpStatus: Int? = nil, documentation: String? = nil) {
        self.name = name
        self.httpStatus = httpStatus
        self.documentation = documentation
    }
}

public struct HTTPBinding: Sendable, Hashable {
    public var method: String?
    public var requestUri: String?
    public var responseCode: Int?

    public init(method: String? = nil, requestUri: String? = nil, responseCode: Int? = nil) {
        self.method = method
        self.requestUri = requestUri
        self.responseCode = responseCode
    }
}

public struct Operation: Sendable, Hashable {
    public var name: String
    /// The boto3 client method name (`describe_image_builders`).
    public var method: String?
    public var documentation: String?
    public var http: HTTPBinding?
    public var input: Shape?
    public var output: Shape?
    public var errors: [OperationError] = []
    public var deprecated = false
    /// The source could not show the whole operation (a truncated page, a section boto3
    /// declined to render): what is here is right, but absence proves nothing.
    public var partial = false
    public var sources: [String] = []

    public init(name: String) { self.name = name }
}
