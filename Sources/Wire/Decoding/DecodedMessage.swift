import APIModel
import Conformance

/// One request or response read from the wire: the canonical document (keyed by member
/// names, what the validator checks), what the wire itself got wrong, and, for an error
/// response, its code and message.
public struct DecodedMessage: Sendable {
    /// nil when the body could not be read at all (see `issues`). For an error response, the
    /// error as botocore gives it (`{"Error": {"Code": ...}, <the error's members>}`).
    public var document: JSONValue? {
        get { canonical.flatMap { try? JSONParser.parse($0) } }
        set { canonical = newValue.map(MessageDecoder.bytes(of:)) }
    }
    /// The canonical document as JSON text: what the decoders write and the checker reads.
    var canonical: [UInt8]?
    /// Wire faults: a body not in the protocol's format, an unparseable timestamp or number,
    /// a query parameter no member takes.
    public var issues: [ValidationIssue] = []
    public var error: WireErrorResponse?
    /// What was not checked, and why (an event stream body).
    public var notes: [String] = []
    /// Body bytes read (for throughput figures).
    public var byteCount = 0
    /// Paths where the checker's `type` complaint does not hold (a `NaN` float kept as a string).
    var acceptedAsIs: Set<String> = []

    public init(document: JSONValue? = nil) { self.document = document }
}
