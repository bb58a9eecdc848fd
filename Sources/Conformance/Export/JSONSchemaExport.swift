import APIModel

/// The model as JSON Schema (draft 2020-12), one schema per operation and direction, for
/// other validators. It states what JSON Schema can: types, required, no extra members,
/// enums, string lengths (code points), item/entry counts, numeric ranges, patterns
/// (translated from Java's syntax to ECMA-262's, see `ECMAPattern`; verbatim where the
/// translator does not read them), the union's one-member rule via min/maxProperties,
/// RFC 3339 and base64 shapes as patterns. It cannot state blob lengths in decoded bytes or
/// "null counts as absent".
public enum JSONSchemaExport {
    public static let format = "docconform.jsonschema/1"
    static let timestampPattern = #"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"#
    static let base64Pattern = #"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"#

    /// `{"format": ..., "schemas": {service: {operation: {"input": schema, "output": schema}}}}`.
    public static func document(_ model: Model, pretty: Bool = false) -> [UInt8] {
        export(model, pretty: pretty).document
    }

    /// The document, and the patterns written in Java's syntax because the translator does not
    /// read them (ECMA-262 engines may reject or misread them), in order of first use.
    public static func export(_ model: Model, pretty: Bool = false) -> (document: [UInt8], untranslatedPatterns: [String]) {
        var w = JSONWriter(pretty: pretty, reserve: 1 << 22)
        var patterns = Patterns()
        w.beginObject()
        w.key("format"); w.string(format)
        w.key("schemas")
        w.beginObject()
        for (name, service) in model.services {
            w.key(name)
            w.beginObject()
            for (opName, op) in service.operations {
                w.key(opName)
                w.beginObject()
                w.key("input"); schema(op.input, service: service, patterns: &patterns, into: &w)
                w.key("output"); schema(op.output, service: service, patterns: &patterns, into: &w)
                w.endObject()
            }
            w.endObject()
        }
        w.endObject()
        w.endObject()
        w.newline()
        return (w.bytes, patterns.untranslated)
    }

    /// Java patterns translated once each: a model repeats a few thousand patterns over
    /// hundreds of thousands of shapes.
    struct Patterns {
        private var translated: [String: String] = [:]
        private(set) var untranslated: [String] = []

        mutating func ecma(_ java: String) -> String {
            if let t = translated[java] { return t }
            let t = ECMAPattern.translate(java)
            if t == nil { untranslated.append(java) }
            translated[java] = t ?? java
            return t ?? java
        }
    }

    /// One root schema with the `$defs` its refs need.
    public static func schema(_ root: Shape?, service: Service, into w: inout JSONWriter) {
        var patterns = Patterns()
        schema(root, service: service, patterns: &patterns, into: &w)
    }

    static func schema(_ root: Shape?, service: Service, patterns: inout Patterns, into w: inout JSONWriter) {
        let root = root ?? Shape.structure([])
        var needed: [String] = []
        var seen: Set<String> = []
        collectRefs(root, service: service, into: &needed, seen: &seen)
        w.beginObject()
        w.key("$schema"); w.string("https://json-schema.org/draft/2020-12/schema")
        if !needed.isEmpty {
            w.key("$defs")
            w.beginObject()
            for name in needed {
                w.key(name)
                body(service.shapes[name] ?? Shape(type: .document), patterns: &patterns, into: &w)
            }
            w.endObject()
        }
        members(root, patterns: &patterns, into: &w)
        w.endObject()
    }

    /// The refs `s` needs, with those their definitions need, each definition's right after
    /// the ref that first needs it (depth first, from an explicit stack: a chain of refs costs
    /// no call stack).
    private static func collectRefs(_ s: Shape, service: Service, into list: inout [String], seen: inout Set<String>) {
        var stack: [(refs: [String], next: Int)] = [(refs(in: s), 0)]
        while let top = stack.last {
            guard top.next < top.refs.count else { stack.removeLast(); continue }
            let ref = top.refs[top.next]
            stack[stack.count - 1].next += 1
            guard seen.insert(ref).inserted else { continue }
            list.append(ref)
            if let target = service.shapes[ref] { stack.append((refs(in: target), 0)) }
        }
    }

    /// The refs in one tree, in walk order (recursive: a tree is at most `ShapeNesting.limit` deep).
    private static func refs(in s: Shape) -> [String] {
        var found: [String] = []
        func walk(_ s: Shape) {
            if let ref = s.ref { found.append(ref); return }
            for m in s.members.values { walk(m) }
            for c in [s.member, s.key, s.value].compactMap({ $0 }) { walk(c) }
        }
        walk(s)
        return found
    }

    private static func body(_ s: Shape, patterns: inout Patterns, into w: inout JSONWriter) {
        w.beginObject()
        members(s, patterns: &patterns, into: &w)
        w.endObject()
    }

    /// The keywords of one shape, inside an already open object.
    private static func members(_ s: Shape, patterns: inout Patterns, into w: inout JSONWriter) {
        if let ref = s.ref {
            w.key("$ref"); w.string("#/$defs/\(ref)")
            return
        }
        func bound(_ key: String, _ b: Bound?) {
            guard let b else { return }
            w.key(key); w.rawNumber(b.literal)
        }
        switch s.type ?? .document {
        case .structure, .union:
            w.key("type"); w.string("object")
            w.key("properties")
            w.beginObject()
            for (name, m) in s.members { w.key(name); body(m, patterns: &patterns, into: &w) }
            w.endObject()
            let required = s.required.filter { s.members[$0] != nil }
            if !required.isEmpty {
                w.key("required"); w.beginArray(); for r in required { w.string(r) }; w.endArray()
            }
            w.key("additionalProperties"); w.bool(false)
            if s.type == .union { w.key("minProperties"); w.int(1); w.key("maxProperties"); w.int(1) }
        case .list:
            w.key("type"); w.string("array")
            if let m = s.member { w.key("items"); body(m, patterns: &patterns, into: &w) }
            bound("minItems", s.min); bound("maxItems", s.max)
        case .map:
            w.key("type"); w.string("object")
            if let k = s.key, k.type == .string, k.enumValues != nil || k.pattern != nil || k.min != nil || k.max != nil {
                w.key("propertyNames"); body(k, patterns: &patterns, into: &w)
            }
            if let v = s.value { w.key("additionalProperties"); body(v, patterns: &patterns, into: &w) }
            bound("minProperties", s.min); bound("maxProperties", s.max)
        case .string:
            w.key("type"); w.string("string")
            bound("minLength", s.min); bound("maxLength", s.max)
            if let e = s.enumValues { w.key("enum"); w.beginArray(); for v in e { w.string(v) }; w.endArray() }
            // An empty translation accepts every value (`.*`, `[a-z]{0,64}` searched for): no keyword.
            if let p = s.pattern, case let ecma = patterns.ecma(p), !ecma.isEmpty { w.key("pattern"); w.string(ecma) }
        case .integer, .long:
            w.key("type"); w.string("integer")
            let is32 = s.type == .integer
            if let m = s.min { bound("minimum", m) } else { w.key("minimum"); w.rawNumber(is32 ? String(Int32.min) : String(Int64.min)) }
            if let m = s.max { bound("maximum", m) } else { w.key("maximum"); w.rawNumber(is32 ? String(Int32.max) : String(Int64.max)) }
        case .float, .double:
            w.key("type"); w.string("number")
            bound("minimum", s.min); bound("maximum", s.max)
        case .boolean:
            w.key("type"); w.string("boolean")
        case .timestamp:
            w.key("type"); w.beginArray(); w.string("string"); w.string("number"); w.endArray()
            w.key("pattern"); w.string(timestampPattern)
        case .blob:
            w.key("type"); w.string("string")
            w.key("pattern"); w.string(base64Pattern)
        case .document:
            break
        }
    }
}
