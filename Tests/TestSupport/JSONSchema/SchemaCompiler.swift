import APIModel
import Foundation

/// Turns a draft-04 schema document into `Node`s, refusing what `JSONSchemaCheck` does not
/// implement and every malformed keyword value, then points each `$ref` at its node.
struct SchemaCompiler {
    static let draft04 = "http://json-schema.org/draft-04/schema#"

    let document: JSONValue
    private(set) var nodes: [Node] = []
    /// Node index by JSON Pointer (`#/definitions/run`), so each subschema is compiled once.
    private var byPointer: [String: Int] = [:]

    init(document: JSONValue) {
        self.document = document
    }

    mutating func compile(_ schema: JSONValue, at pointer: String) throws -> Int {
        if let existing = byPointer[pointer] { return existing }
        guard case let .object(pairs) = schema else { throw error(pointer, "a schema must be an object") }
        let index = nodes.count
        nodes.append(Node())
        byPointer[pointer] = index
        var node = Node()
        for (key, value) in pairs {
            let here = pointer + "/" + JSONPointer.escape(key)
            switch key {
            case "$ref":
                node.ref = try string(value, here)
            case "type":
                let names = try value.stringValue.map { [$0] } ?? strings(value, here)
                node.types = try names.map { name in
                    guard let type = JSONType(rawValue: name) else { throw error(here, "unknown type \"\(name)\"") }
                    return type
                }
            case "enum":
                guard let values = value.arrayValue, !values.isEmpty else { throw error(here, "must be a non-empty array") }
                node.enumValues = values
            case "properties":
                guard let members = value.objectValue else { throw error(here, "must be an object") }
                for (name, subschema) in members {
                    node.properties[name] = try compile(subschema, at: here + "/" + JSONPointer.escape(name))
                }
            case "additionalProperties":
                if let allowed = value.boolValue {
                    node.additionalProperties = allowed ? .allowed : .forbidden
                } else {
                    node.additionalProperties = .schema(try compile(value, at: here))
                }
            case "required":
                node.required = try strings(value, here)
                guard !node.required.isEmpty else { throw error(here, "must not be empty (draft-04)") }
            case "items":
                guard value.objectValue != nil else { throw error(here, "only a single schema is supported, not an array of schemas") }
                node.items = try compile(value, at: here)
            case "minItems":
                guard let n = value.intValue, n >= 0, JSONType.of(value, is: .integer) else { throw error(here, "must be a non-negative integer") }
                node.minItems = n
            case "uniqueItems":
                node.uniqueItems = try bool(value, here)
            case "minimum":
                node.minimum = try decimal(value, here)
            case "maximum":
                node.maximum = try decimal(value, here)
            case "pattern":
                let source = try string(value, here)
                do {
                    node.pattern = Node.Pattern(source: source, regex: try NSRegularExpression(pattern: source))
                } catch {
                    throw self.error(here, "pattern \(source) does not compile: \(error)")
                }
            case "format":
                let format = try string(value, here)
                guard JSONSchemaCheck.formats.contains(format) else { throw error(here, "format \"\(format)\" is not checked") }
                node.format = format
            case "anyOf":
                node.anyOf = try subschemas(value, here)
            case "oneOf":
                node.oneOf = try subschemas(value, here)
            case "definitions":
                guard let definitions = value.objectValue else { throw error(here, "must be an object") }
                for (name, subschema) in definitions {
                    _ = try compile(subschema, at: here + "/" + JSONPointer.escape(name))
                }
            case "$schema":
                guard try string(value, here) == Self.draft04 else { throw error(here, "only draft-04 schemas are checked") }
            case "id":
                // An `id` below the root would change how `$ref`s resolve there.
                guard pointer == "#" else { throw error(here, "an id below the root is not supported") }
                _ = try string(value, here)
            case "title", "description":
                _ = try string(value, here)
            case "default":
                break
            default:
                throw error(here, "keyword \"\(key)\" is not implemented by this check")
            }
        }
        nodes[index] = node
        return index
    }

    /// Points every `$ref` (a fragment of this document: `#`, `#/definitions/...`) at its node,
    /// compiling targets that no keyword reached.
    mutating func resolveReferences() throws {
        var i = 0
        while i < nodes.count {
            if let ref = nodes[i].ref {
                guard ref.hasPrefix("#"), let pointer = ref.removingPercentEncoding else {
                    throw SchemaError(description: "$ref \(ref): only references into this document are supported")
                }
                let target = try JSONPointer.resolve(String(pointer.dropFirst()), in: document)
                    .map { try compile($0, at: pointer) }
                guard let target else { throw SchemaError(description: "$ref \(ref) does not resolve") }
                nodes[i].refTarget = target
            }
            i += 1
        }
    }

    private func error(_ pointer: String, _ message: String) -> SchemaError {
        SchemaError(description: "\(pointer): \(message)")
    }

    private func string(_ value: JSONValue, _ pointer: String) throws -> String {
        guard let s = value.stringValue else { throw error(pointer, "must be a string") }
        return s
    }

    private func strings(_ value: JSONValue, _ pointer: String) throws -> [String] {
        guard let items = value.arrayValue else { throw error(pointer, "must be an array of strings") }
        let names = try items.map { try string($0, pointer) }
        guard Set(names).count == names.count else { throw error(pointer, "must not repeat a value") }
        return names
    }

    private func bool(_ value: JSONValue, _ pointer: String) throws -> Bool {
        guard let b = value.boolValue else { throw error(pointer, "must be a boolean") }
        return b
    }

    private func decimal(_ value: JSONValue, _ pointer: String) throws -> Decimal {
        guard case let .number(literal) = value, let d = Decimal(string: literal) else { throw error(pointer, "must be a number") }
        return d
    }

    private mutating func subschemas(_ value: JSONValue, _ pointer: String) throws -> [Int] {
        guard let items = value.arrayValue, !items.isEmpty else { throw error(pointer, "must be a non-empty array of schemas") }
        return try items.enumerated().map { try compile($0.element, at: pointer + "/\($0.offset)") }
    }
}

typealias SchemaError = JSONSchemaCheck.SchemaError

/// JSON Pointers (RFC 6901) as the check writes instance paths and resolves `$ref`s.
enum JSONPointer {
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The value at `pointer` ("" or "/a/0/b") in `document`, nil if there is none.
    static func resolve(_ pointer: String, in document: JSONValue) throws -> JSONValue? {
        guard !pointer.isEmpty else { return document }
        guard pointer.hasPrefix("/") else { throw SchemaError(description: "\(pointer) is not a JSON Pointer") }
        var value = document
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch value {
            case let .object(pairs):
                guard let next = pairs.first(where: { $0.key == token })?.value else { return nil }
                value = next
            case let .array(items):
                guard let i = Int(token), items.indices.contains(i) else { return nil }
                value = items[i]
            default:
                return nil
            }
        }
        return value
    }
}

/// JSON Schema's equality (for `enum` and `uniqueItems`): numbers by value, objects regardless
/// of key order.
enum JSONEquality {
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)):
            guard let dx = Decimal(string: x), let dy = Decimal(string: y) else { return x == y }
            return dx == dy
        case let (.array(x), .array(y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.object(x), .object(y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { pair in y.contains { $0.key == pair.key && equal($0.value, pair.value) } }
        default:
            return a == b
        }
    }

    /// A short JSON rendering for messages.
    static func text(_ value: JSONValue) -> String {
        let full: String
        switch value {
        case .null: full = "null"
        case let .bool(b): full = b ? "true" : "false"
        case let .number(literal): full = literal
        case let .string(s): full = "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case let .array(items): full = "[" + items.map(text).joined(separator: ",") + "]"
        case let .object(pairs): full = "{" + pairs.map { "\"\($0.key)\":" + text($0.value) }.joined(separator: ",") + "}"
        }
        return full.count > 80 ? String(full.prefix(77)) + "..." : full
    }
}
