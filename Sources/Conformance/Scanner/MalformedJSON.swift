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
    /// member: member index; index: list index; rawKey/mapKey: byte offset of the key in the record.
    var a: Int
    /// rawKey/mapKey: key length in bytes (escapes still encoded).
    var b: Int
    var escaped: Bool
}
