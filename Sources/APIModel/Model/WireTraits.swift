/// How a value travels on the wire, as botocore's serialization traits state it (the
/// model's `location`/`locationName`/`payload` sit on `Shape` itself). Only the wire
/// decoders read these; the validator's plan ignores them.
public struct WireTraits: Sendable, Hashable {
    /// ec2: the form name of a request member (`queryName`), used as it is.
    public var queryName: String?
    /// XML and query forms: a list or map written as repeated elements/keys without a wrapper.
    public var flattened = false
    /// rest-xml: the member is an attribute of its structure's element.
    public var xmlAttribute = false
    public var xmlNamespace: XMLNamespace?
    /// `iso8601`, `unixTimestamp` or `rfc822`; absent: the protocol's default for the location.
    public var timestampFormat: String?
    /// The member is also part of the request's host name (`endpoint.hostPrefix`).
    public var hostLabel = false
    /// A string that carries JSON (base64-encoded JSON in a header): any JSON value is valid.
    public var jsonValue = false
    /// query: the element that wraps an operation's output (`<OperationResult>`).
    public var resultWrapper: String?

    public init() {}

    public var isEmpty: Bool { self == WireTraits() }
}

public struct XMLNamespace: Sendable, Hashable {
    public var uri: String
    public var prefix: String?

    public init(uri: String, prefix: String? = nil) {
        self.uri = uri
        self.prefix = prefix
    }
}

/// How a service talks on the wire (botocore's `metadata`).
public struct ServiceWire: Sendable, Hashable {
    /// botocore's `protocols`, in its order of preference (`protocol` stays `Service.protocolName`).
    public var protocols: [String] = []
    /// json protocols: the `Content-Type` version (`1.0`, `1.1`).
    public var jsonVersion: String?
    /// json and rpc-v2 protocols: the prefix of `X-Amz-Target` (`DynamoDB_20120810`).
    public var targetPrefix: String?
    /// A json service that also answers with query-protocol error codes (`x-amzn-query-error`).
    public var awsQueryCompatible = false

    public init() {}

    public var isEmpty: Bool { self == ServiceWire() }
}
