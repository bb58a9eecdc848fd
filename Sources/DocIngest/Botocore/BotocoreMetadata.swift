import APIModel

/// A botocore service file's `metadata`, read from the file's head.
public enum BotocoreMetadata {
    /// The `metadata` member of the document starting in `head`, when it comes before any
    /// member too large for the head (botocore writes `version` and `metadata` first); nil
    /// otherwise (the whole file has to be read).
    public static func leading(_ head: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        JSONParser.leadingMember("metadata", in: head)
    }
}
