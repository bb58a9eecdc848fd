/// The AWS wire protocols, by botocore's names.
public enum WireProtocol: String, Sendable, CaseIterable {
    case json
    case restJSON = "rest-json"
    case restXML = "rest-xml"
    case query
    case ec2
    case rpcV2CBOR = "smithy-rpc-v2-cbor"

    var isREST: Bool { self == .restJSON || self == .restXML }
    var bodyIsXML: Bool { self == .restXML || self == .query || self == .ec2 }
    var bodyIsJSON: Bool { self == .json || self == .restJSON }
}
