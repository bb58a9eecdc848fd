import APIModel

/// A member's type as changelog pages show it: `'boolean'`, `'API | SAML'` for an enum,
/// a nested dict for a structure, `[...]` for a list, `{'string': ...}` for a map.
public indirect enum TypeSummary: Sendable, Hashable {
    case scalar(String)
    case structure([Field])
    case list(TypeSummary)
    case map(key: TypeSummary, value: TypeSummary)

    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: TypeSummary
        public init(name: String, type: TypeSummary) {
            self.name = name
            self.type = type
        }
    }

    static let recursiveMarker = "... recursive ..."

    /// Summarizes `shape`, resolving refs through `service`. A structure met a third time on
    /// the way down is cut with the recursion marker, the same rule the differ follows.
    public static func of(_ shape: Shape, in service: Service) -> TypeSummary {
        var seen: [String: Int] = [:]
        return summarize(shape, service: service, seen: &seen)
    }

    private static func summarize(_ node: Shape, service: Service, seen: inout [String: Int]) -> TypeSummary {
        let identity = node.ref ?? node.name
        guard let shape = service.resolve(node), let type = shape.type else { return .scalar(recursiveMarker) }
        switch type {
        case .structure, .union:
            let id = identity ?? shape.name
            if let id {
                if seen[id, default: 0] >= 2 { return .scalar(recursiveMarker) }
                seen[id, default: 0] += 1
            }
            defer { if let id { seen[id]! -= 1 } }
            return .structure(shape.members.map { Field(name: $0.key, type: summarize($0.value, service: service, seen: &seen)) })
        case .list, .map:
            // A ref may name a list or map too (a page that cuts recursion at a map of itself).
            if let id = node.ref {
                if seen[id, default: 0] >= 2 { return .scalar(recursiveMarker) }
                seen[id, default: 0] += 1
            }
            defer { if let id = node.ref { seen[id]! -= 1 } }
            if type == .list {
                guard let m = shape.member else { return .list(.scalar("string")) }
                return .list(summarize(m, service: service, seen: &seen))
            }
            let k = shape.key.map { summarize($0, service: service, seen: &seen) } ?? .scalar("string")
            let v = shape.value.map { summarize($0, service: service, seen: &seen) } ?? .scalar("string")
            return .map(key: k, value: v)
        default:
            if let values = shape.enumValues, !values.isEmpty { return .scalar(values.joined(separator: " | ")) }
            return .scalar(type.rawValue)
        }
    }

    /// The Python literal a changelog page prints.
    public var pythonLiteral: String {
        var out = ""
        write(to: &out)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case let .scalar(s): PythonLiteral.appendString(s, to: &out)
        case let .structure(fields):
            out += "{"
            for (i, f) in fields.enumerated() {
                if i > 0 { out += ", " }
                PythonLiteral.appendString(f.name, to: &out)
                out += ": "
                f.type.write(to: &out)
            }
            out += "}"
        case let .list(m):
            out += "["
            m.write(to: &out)
            out += "]"
        case let .map(k, v):
            out += "{"
            k.write(to: &out)
            out += ": "
            v.write(to: &out)
            out += "}"
        }
    }

    /// JSON form for `docconform.diff/1`: a string, an object of fields, a one-item array,
    /// or for a map an object with the key summary as its only key.
    public func write(to w: inout JSONWriter) {
        switch self {
        case let .scalar(s): w.string(s)
        case let .structure(fields):
            w.beginObject()
            for f in fields { w.key(f.name); f.type.write(to: &w) }
            w.endObject()
        case let .list(m):
            w.beginArray(); m.write(to: &w); w.endArray()
        case let .map(k, v):
            w.beginObject()
            w.key(k.keyText)
            v.write(to: &w)
            w.endObject()
        }
    }

    /// A map key summary as text (keys are strings or enums of strings).
    var keyText: String {
        if case let .scalar(s) = self { return s }
        return pythonLiteral
    }

    /// Reads the JSON form back (a map reads back as a one-field structure; both print alike).
    public init?(json: JSONValue) {
        switch json {
        case let .string(s): self = .scalar(s)
        case let .array(items):
            guard let first = items.first, let m = TypeSummary(json: first) else { return nil }
            self = .list(m)
        case let .object(pairs):
            var fields: [Field] = []
            for (k, v) in pairs {
                guard let t = TypeSummary(json: v) else { return nil }
                fields.append(Field(name: k, type: t))
            }
            self = .structure(fields)
        default: return nil
        }
    }
}

/// Python literal text, as `repr` writes it for the strings changelog pages contain.
public enum PythonLiteral {
    public static func appendString(_ s: String, to out: inout String) {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        out.append(quote)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(ch) == quote { out += "\\"; out.unicodeScalars.append(ch) }
                else if ch.value < 0x20 || ch.value == 0x7F { out += "\\x" + String(format2hex: ch.value) }
                else { out.unicodeScalars.append(ch) }
            }
        }
        out.append(quote)
    }
}

extension String {
    init(format2hex v: UInt32) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(v >> 4) & 15], digits[Int(v) & 15]])
    }
}
