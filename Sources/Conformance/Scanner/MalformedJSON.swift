/// Why a record's bytes are not JSON, and where (byte offset from the record's start).
package struct MalformedJSON: Error {
    package var offset: Int
    package var reason: String

    package init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
}

/// One step of the path to the value being checked, rendered only when an issue is reported.
struct PathComponent {
    enum Kind: UInt8 { case member, index, rawKey, mapKey }
    var kind: Kind
    /// member: the member's index in the plan; index: the list index; rawKey/mapKey: the byte
    /// offset of the key in the record.
    var indexOrOffset: Int
    /// rawKey/mapKey: the key's length in bytes (escapes still encoded); 0 otherwise.
    var keyLength: Int
    var escaped: Bool
}
