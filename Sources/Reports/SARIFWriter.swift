import APIModel

/// SARIF 2.1.0 logs for code-scanning UIs. Generic: rules plus results that point at a file
/// (and line) and optionally a logical location (an operation, a payload path).
public struct SARIFRule: Sendable {
    public var id: String
    public var shortDescription: String
    public init(id: String, shortDescription: String) {
        self.id = id
        self.shortDescription = shortDescription
    }
}

public struct SARIFResult: Sendable {
    public enum Level: String, Sendable { case error, warning, note }
    public var ruleId: String
    public var level: Level
    public var message: String
    public var file: String?
    public var line: Int?
    public var logicalLocation: String?
    public init(ruleId: String, level: Level, message: String, file: String? = nil, line: Int? = nil, logicalLocation: String? = nil) {
        self.ruleId = ruleId
        self.level = level
        self.message = message
        self.file = file
        self.line = line
        self.logicalLocation = logicalLocation
    }
}

public enum SARIFWriter {
    public static func log(toolName: String = "docconform", version: String = "0.1.0", informationURI: String? = nil,
                           rules: [SARIFRule], results: [SARIFResult]) -> [UInt8] {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.key("$schema"); w.string("https://json.schemastore.org/sarif-2.1.0.json")
        w.key("version"); w.string("2.1.0")
        w.key("runs")
        w.beginArray()
        w.beginObject()
        w.key("tool")
        w.beginObject()
        w.key("driver")
        w.beginObject()
        w.key("name"); w.string(toolName)
        w.key("version"); w.string(version)
        if let informationURI { w.key("informationUri"); w.string(informationURI) }
        w.key("rules")
        w.beginArray()
        for rule in rules {
            w.beginObject()
            w.key("id"); w.string(rule.id)
            w.key("shortDescription"); w.beginObject(); w.key("text"); w.string(rule.shortDescription); w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.key("results")
        w.beginArray()
        for r in results {
            w.beginObject()
            w.key("ruleId"); w.string(r.ruleId)
            if let index = rules.firstIndex(where: { $0.id == r.ruleId }) { w.key("ruleIndex"); w.int(index) }
            w.key("level"); w.string(r.level.rawValue)
            w.key("message"); w.beginObject(); w.key("text"); w.string(r.message); w.endObject()
            w.key("locations")
            w.beginArray()
            w.beginObject()
            if let file = r.file {
                w.key("physicalLocation")
                w.beginObject()
                w.key("artifactLocation"); w.beginObject(); w.key("uri"); w.string(uriReference(file)); w.endObject()
                if let line = r.line {
                    w.key("region"); w.beginObject(); w.key("startLine"); w.int(max(1, line)); w.endObject()
                }
                w.endObject()
            }
            if let logical = r.logicalLocation {
                w.key("logicalLocations")
                w.beginArray()
                w.beginObject(); w.key("fullyQualifiedName"); w.string(logical); w.endObject()
                w.endArray()
            }
            w.endObject()
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }

    /// A file path as a relative or absolute URI reference: characters a URI cannot hold
    /// (spaces, `%`, `#`, `?`, non-ASCII) are percent-encoded, and so is a colon before the
    /// first `/`, which would otherwise read as a scheme (`2024-01-01T10:00.jsonl`).
    static func uriReference(_ path: String) -> String {
        var out = ""
        var inFirstSegment = true
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte == UInt8(ascii: "/") { inFirstSegment = false }
            if byte < 0x80, c.isLetter || c.isNumber || "/-._~@!$&'()*+,;=".contains(c) || (c == ":" && !inFirstSegment) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
