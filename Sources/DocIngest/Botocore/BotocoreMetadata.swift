import APIModel

/// A botocore service file's `metadata`, read from the file's head.
public enum BotocoreMetadata {
    /// The `metadata` member of the document starting in `head`, when it comes before any
    /// member too large for the head (botocore writes `version` and `metadata` first); nil
    /// otherwise (the whole file has to be read).
    public static func leading(_ head: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        JSONParser.leadingMember("metadata", in: head)
    }

    /// The names a service answers to, as its `metadata` states them: what an index keeps and
    /// what an import starts from.
    public static func entry(name: String, metadata: JSONValue) -> ServiceEntry {
        var entry = ServiceEntry(name: name)
        entry.title = metadata["serviceFullName"]?.stringValue
        entry.apiVersion = metadata["apiVersion"]?.stringValue
        entry.protocolName = metadata["protocol"]?.stringValue
        entry.endpointPrefix = metadata["endpointPrefix"]?.stringValue
        entry.signingName = metadata["signingName"]?.stringValue
        entry.serviceId = metadata["serviceId"]?.stringValue
        return entry
    }

    /// `metadata` with a `service-2.sdk-extras.json` document's `merge.metadata` deep-merged
    /// into it (botocore's loader does the same; eks's service id comes from there).
    static func merged(_ metadata: JSONValue, extras: JSONValue) -> JSONValue {
        guard let patch = extras["merge"]?["metadata"] else { return metadata }
        return BotocoreDocument.deepMerge(metadata, patch)
    }
}
