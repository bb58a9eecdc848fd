/// A botocore service file's `metadata`, read from the file's head.
public enum BotocoreMetadata {
    /// The `metadata` member of the document starting in `head`, when it comes before any
    /// member too large for the head (botocore writes `version` and `metadata` first); nil
    /// otherwise (the whole file has to be read).
    public static func leading(_ head: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var r = JSONParser.Reader(head)
        r.skipWhitespace()
        guard r.position < head.count, head[r.position] == UInt8(ascii: "{") else { return nil }
        r.position += 1
        while true {
            guard let key = try? r.parseKey() else { return nil }
            r.skipWhitespace()
            guard let value = try? r.parseValue() else { return nil }
            if key == "metadata" { return value }
            r.skipWhitespace()
            guard r.position < head.count, head[r.position] == UInt8(ascii: ",") else { return nil }
            r.position += 1
        }
    }
}
