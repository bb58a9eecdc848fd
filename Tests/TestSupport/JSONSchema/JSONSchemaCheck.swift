import APIModel
import Foundation

/// A JSON Schema draft-04 validator for the keywords the bundled SARIF 2.1.0 schema uses, so
/// the tests check `results.sarif` in-process. A schema using any other keyword (or a keyword
/// with a malformed value, a `$ref` that does not resolve, an unknown `format`) is refused
/// when the check is built: nothing in a schema is silently ignored.
public struct JSONSchemaCheck: Sendable {
    /// Keywords that constrain instances, each implemented below.
    public static let validationKeywords: Set<String> = [
        "$ref", "type", "enum", "properties", "additionalProperties", "required", "items", "minItems",
        "uniqueItems", "minimum", "maximum", "pattern", "format", "anyOf", "oneOf",
    ]
    /// Keywords that only describe or hold subschemas reached through `$ref`.
    public static let annotationKeywords: Set<String> = ["$schema", "id", "title", "description", "default", "definitions"]
    /// The `format` values checked (`Formats`).
    public static let formats: Set<String> = ["uri", "uri-reference", "date-time"]

    public struct Problem: Sendable, CustomStringConvertible, Equatable {
        /// JSON Pointer of the instance location ("" is the root).
        public var path: String
        public var keyword: String
        public var message: String
        public var description: String { "\(path.isEmpty ? "(root)" : path): \(keyword): \(message)" }
    }

    public struct SchemaError: Error, CustomStringConvertible {
        public var description: String
    }

    private let nodes: [Node]

    public init(schema bytes: [UInt8]) throws {
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch { throw SchemaError(description: "schema is not JSON: \(error)") }
        try self.init(schema: document)
    }

    public init(schema document: JSONValue) throws {
        var compiler = SchemaCompiler(document: document)
        _ = try compiler.compile(document, at: "#")
        try compiler.resolveReferences()
        nodes = compiler.nodes
    }

    /// Every way the instance breaks the schema; empty when it is valid.
    public func problems(in instance: JSONValue) -> [Problem] {
        var problems: [Problem] = []
        check(instance, against: 0, path: "", into: &problems)
        return problems
    }

    /// The same for a document given as bytes; bytes that are not JSON are one problem.
    public func problems(in document: [UInt8]) -> [Problem] {
        do {
            return problems(in: try JSONParser.parse(document))
        } catch {
            return [Problem(path: "", keyword: "json", message: "not JSON: \(error)")]
        }
    }

    private func check(_ value: JSONValue, against index: Int, path: String, into problems: inout [Problem]) {
        let node = nodes[index]
        // Draft-04: a schema with `$ref` is the referenced schema; its other keywords are ignored.
        if let target = node.refTarget {
            check(value, against: target, path: path, into: &problems)
            return
        }
        func fail(_ keyword: String, _ message: String) { problems.append(Problem(path: path, keyword: keyword, message: message)) }

        if let types = node.types, !types.contains(where: { JSONType.of(value, is: $0) }) {
            fail("type", "\(JSONType.name(of: value)) is not \(types.map(\.rawValue).sorted().joined(separator: " or "))")
        }
        if let allowed = node.enumValues, !allowed.contains(where: { JSONEquality.equal($0, value) }) {
            fail("enum", "\(JSONEquality.text(value)) is not one of \(allowed.map(JSONEquality.text).joined(separator: ", "))")
        }
        switch value {
        case let .object(pairs):
            checkObject(pairs, node, path: path, into: &problems)
        case let .array(items):
            if let minItems = node.minItems, items.count < minItems { fail("minItems", "\(items.count) item(s), at least \(minItems) required") }
            if node.uniqueItems {
                for i in items.indices {
                    if let j = items[..<i].firstIndex(where: { JSONEquality.equal($0, items[i]) }) {
                        fail("uniqueItems", "items \(j) and \(i) are equal")
                    }
                }
            }
            if let itemSchema = node.items {
                for (i, item) in items.enumerated() { check(item, against: itemSchema, path: path + "/\(i)", into: &problems) }
            }
        case let .number(literal):
            let number = Decimal(string: literal)
            if let minimum = node.minimum, let number, number < minimum { fail("minimum", "\(literal) is less than \(minimum)") }
            if let maximum = node.maximum, let number, number > maximum { fail("maximum", "\(literal) is greater than \(maximum)") }
        case let .string(text):
            if let pattern = node.pattern {
                let range = NSRange(text.startIndex..., in: text)
                if pattern.regex.firstMatch(in: text, range: range) == nil {
                    fail("pattern", "\(JSONEquality.text(value)) does not match \(pattern.source)")
                }
            }
            if let format = node.format, !Formats.conforms(text, to: format) {
                fail("format", "\(JSONEquality.text(value)) is not a valid \(format)")
            }
        case .null, .bool:
            break
        }
        if let anyOf = node.anyOf, !anyOf.contains(where: { isValid(value, $0, path) }) {
            fail("anyOf", "matches none of the \(anyOf.count) alternatives")
        }
        if let oneOf = node.oneOf {
            let matching = oneOf.filter { isValid(value, $0, path) }.count
            if matching != 1 { fail("oneOf", "matches \(matching) of the \(oneOf.count) alternatives, exactly one required") }
        }
    }

    private func checkObject(_ pairs: [(key: String, value: JSONValue)], _ node: Node, path: String, into problems: inout [Problem]) {
        var seen = Set<String>()
        for (key, member) in pairs {
            let memberPath = path + "/" + JSONPointer.escape(key)
            if !seen.insert(key).inserted {
                problems.append(Problem(path: memberPath, keyword: "json", message: "key given twice"))
            }
            if let schema = node.properties[key] {
                check(member, against: schema, path: memberPath, into: &problems)
            } else {
                switch node.additionalProperties {
                case .allowed: break
                case .forbidden: problems.append(Problem(path: path, keyword: "additionalProperties", message: "\"\(key)\" is not allowed here"))
                case let .schema(index): check(member, against: index, path: memberPath, into: &problems)
                }
            }
        }
        for name in node.required where !seen.contains(name) {
            problems.append(Problem(path: path, keyword: "required", message: "\"\(name)\" is missing"))
        }
    }

    private func isValid(_ value: JSONValue, _ index: Int, _ path: String) -> Bool {
        var problems: [Problem] = []
        check(value, against: index, path: path, into: &problems)
        return problems.isEmpty
    }
}

/// One compiled schema object; subschemas are indexes into the check's node list.
struct Node: Sendable {
    enum Additional: Sendable { case allowed, forbidden, schema(Int) }
    struct Pattern: @unchecked Sendable { // NSRegularExpression matching is thread-safe
        let source: String
        let regex: NSRegularExpression
    }

    var ref: String?
    var refTarget: Int?
    var types: [JSONType]?
    var enumValues: [JSONValue]?
    var properties: [String: Int] = [:]
    var additionalProperties = Additional.allowed
    var required: [String] = []
    var items: Int?
    var minItems: Int?
    var uniqueItems = false
    var minimum: Decimal?
    var maximum: Decimal?
    var pattern: Pattern?
    var format: String?
    var anyOf: [Int]?
    var oneOf: [Int]?
}

enum JSONType: String, Sendable, CaseIterable {
    case array, boolean, integer, null, number, object, string

    static func of(_ value: JSONValue, is type: JSONType) -> Bool {
        switch (type, value) {
        case (.array, .array), (.boolean, .bool), (.null, .null), (.number, .number), (.object, .object), (.string, .string): return true
        // Draft-04 (as its reference validators read it): an integer is a number written without fraction or exponent.
        case let (.integer, .number(literal)): return !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        default: return false
        }
    }

    static func name(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case let .number(literal): return of(value, is: .integer) ? "integer \(literal)" : "number \(literal)"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
