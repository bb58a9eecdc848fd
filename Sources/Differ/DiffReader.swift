import APIModel
import ChangeRecords

public struct DiffReadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var description: String { message }
}

/// Reads `docconform.diff/1` back: the changes and the two labels.
public enum DiffReader {
    public struct Document: Sendable {
        public var old: String
        public var new: String
        public var changes: [Change]
    }

    public static func read(_ bytes: [UInt8]) throws(DiffReadError) -> Document {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw DiffReadError(message: "not valid JSON: \(error.message)", line: error.line)
        }
        guard let format = root["format"]?.stringValue else {
            throw DiffReadError(message: "missing \"format\": expected \"\(JSONDiffRenderer.formatIdentifier)\"")
        }
        guard format == JSONDiffRenderer.formatIdentifier else {
            throw DiffReadError(message: "unsupported format \"\(format)\": expected \"\(JSONDiffRenderer.formatIdentifier)\"")
        }
        guard let items = root["changes"]?.arrayValue else { throw DiffReadError(message: "missing \"changes\" array") }
        var changes: [Change] = []
        changes.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { changes.append(try change(item, at: "changes[\(i)]")) }
        return Document(old: root["old"]?.stringValue ?? "", new: root["new"]?.stringValue ?? "", changes: changes)
    }

    static func change(_ v: JSONValue, at where_: String) throws(DiffReadError) -> Change {
        guard let kindName = v["kind"]?.stringValue, let kind = ChangeKind(rawValue: kindName) else {
            throw DiffReadError(message: "\(where_): missing or unknown \"kind\"")
        }
        guard let service = v["service"]?.stringValue else { throw DiffReadError(message: "\(where_): missing \"service\"") }
        var direction: Direction?
        if let d = v["direction"]?.stringValue {
            guard let parsed = Direction(rawValue: d) else { throw DiffReadError(message: "\(where_): unknown direction \"\(d)\"") }
            direction = parsed
        }
        let severity = v["severity"]?.stringValue.flatMap(Severity.init(rawValue:))
        return Change(kind: kind, service: service, operation: v["operation"]?.stringValue, direction: direction,
                      path: v["path"]?.stringValue, required: v["required"]?.boolValue, value: v["value"]?.stringValue,
                      constraint: v["constraint"]?.stringValue.flatMap(ConstraintName.init(rawValue:)),
                      from: v["from"].flatMap(value), to: v["to"].flatMap(value),
                      summary: v["summary"].flatMap(TypeSummary.init(json:)), severity: severity)
    }

    static func value(_ v: JSONValue) -> ChangeValue? {
        switch v {
        case let .string(s): return .text(s)
        case let .number(n): return Bound(literal: n).map(ChangeValue.number)
        default: return nil
        }
    }
}
