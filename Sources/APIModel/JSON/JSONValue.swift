/// A parsed JSON value that keeps object keys in document order.
///
/// Order matters here: structure members are listed in the order the source gives them,
/// and neither Foundation's `JSONSerialization` nor `JSONDecoder` preserves it.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, so integers of any size and decimals round-trip exactly.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value of `key` in an object (first occurrence), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        // Keys compared in place: iterating the pairs copied each value (a retain and a release)
        // on the way past it. A key of another length is passed over without comparing text.
        let length = key.utf8.count
        return pairs.withUnsafeBufferPointer { pairs in
            for i in pairs.indices where pairs[i].key.utf8.count == length && pairs[i].key == key { return pairs[i].value }
            return nil
        }
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    public var doubleValue: Double? {
        if case let .number(n) = self { return Double(n) }
        return nil
    }

    public var intValue: Int? {
        if case let .number(n) = self { return Int(n) ?? Double(n).flatMap { $0 == $0.rounded() && abs($0) < 9.2e18 ? Int($0) : nil } }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var objectValue: [(key: String, value: JSONValue)]? {
        if case let .object(o) = self { return o }
        return nil
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
