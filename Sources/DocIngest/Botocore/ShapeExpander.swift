import APIModel
import OrderedCollections

/// Expands botocore's flat, named shape table into per-operation trees.
///
/// A shape already on the current path becomes `{"ref": NAME}` (recursion is cut at its
/// first repeat, where boto3's docs cut it too) and its definition goes to the service's
/// `shapes` table. A shape that lies on no cycle expands the same wherever it is used, so
/// its tree is memoized: large services share most of their subtrees.
struct ShapeExpander {
    let shapes: [String: JSONValue]
    let source: String
    let includeDocumentation: Bool
    var log = DiagnosticLog()
    private var memo: [String: Shape] = [:]
    /// Shapes on a cycle of the shape graph: their trees depend on the path above them.
    private let cyclic: Set<String>
    /// Shapes on the path from the operation's root to the shape being expanded.
    private var onPath: Set<String> = []
    private var referenced: [String] = []
    private var referencedSet: Set<String> = []
    private var reported: Set<String> = []
    /// Shapes being expanded, the root included (bounded by `ShapeNesting.limit`).
    private var depth = 0
    /// Expansions stopped by the nesting limit so far: a tree built while one stopped is
    /// incomplete, so it is neither memoized nor used.
    private(set) var tooDeep = 0

    init(shapes: [String: JSONValue], source: String, includeDocumentation: Bool = true) {
        self.shapes = shapes
        self.source = source
        self.includeDocumentation = includeDocumentation
        self.cyclic = ShapeGraph(botocoreShapes: shapes).cyclicShapes()
    }

    /// Expands an operation's `input`/`output` reference; nil also when it nests too deep.
    mutating func expandRoot(_ ref: JSONValue, context: String) -> Shape? {
        guard let name = ref["shape"]?.stringValue else {
            report("\(context): reference without a \"shape\" name")
            return nil
        }
        let stoppedBefore = tooDeep
        guard var shape = expand(name, context: context), tooDeep == stoppedBefore else { return nil }
        if includeDocumentation, let doc = ref["documentation"]?.stringValue { shape.documentation = HTMLText.plainText(doc) }
        // The root reference's wire traits: query's `resultWrapper`, rest-xml's root element name and namespace.
        if let locationName = ref["locationName"]?.stringValue { shape.locationName = locationName }
        Self.applyWireTraits(ref, to: &shape)
        // Record which member is the HTTP body; the `streaming` trait stays as the file states it
        // (boto3's view of a blob body as a stream is derived in `FormatView.boto3`).
        if let payload = shapes[name]?["payload"]?.stringValue, var member = shape.members[payload], !member.isRef {
            member.payload = true
            shape.members[payload] = member
        }
        return shape
    }

    /// Definitions of every shape a `ref` names, expanded the same way (refs inside them too).
    mutating func definitionsOfReferencedShapes() -> OrderedDictionary<String, Shape> {
        var table = OrderedDictionary<String, Shape>()
        var i = 0
        while i < referenced.count {
            let name = referenced[i]
            i += 1
            let stoppedBefore = tooDeep
            if let shape = expand(name, context: "shape \(name)"), tooDeep == stoppedBefore { table[name] = shape }
        }
        table.sort { $0.key < $1.key }
        return table
    }

    /// The tree for `name` under the current path; nil (with a diagnostic) when it cannot be built.
    private mutating func expand(_ name: String, context: String) -> Shape? {
        if onPath.contains(name) {
            if referencedSet.insert(name).inserted { referenced.append(name) }
            return Shape(ref: name)
        }
        if let cached = memo[name] { return cached }
        guard let raw = shapes[name] else {
            report("\(context): reference to undefined shape \"\(name)\"")
            return nil
        }
        guard let typeName = raw["type"]?.stringValue else {
            report("shape \"\(name)\" has no type")
            return nil
        }
        guard depth < ShapeNesting.limit else {
            tooDeep += 1
            report("\(context): shapes nest deeper than \(ShapeNesting.limit) levels (at \"\(name)\")")
            return nil
        }
        depth += 1
        onPath.insert(name)
        defer { onPath.remove(name); depth -= 1 }
        let stoppedBefore = tooDeep
        var shape: Shape
        switch typeName {
        case "structure":
            let kind: ShapeType = raw["document"]?.boolValue == true ? .document : raw["union"]?.boolValue == true ? .union : .structure
            shape = Shape(type: kind)
            if kind != .document {
                for (memberName, memberRef) in raw["members"]?.objectValue ?? [] {
                    if let member = expandMember(memberRef, context: "\(name).\(memberName)") { shape.members[memberName] = member }
                }
                shape.required = (raw["required"]?.arrayValue ?? []).compactMap(\.stringValue)
                if raw["eventstream"]?.boolValue == true { shape.eventstream = true }
                if raw["exception"]?.boolValue == true { shape.exception = true }
            }
        case "list":
            shape = Shape(type: .list)
            if let memberRef = raw["member"] {
                shape.member = expandMember(memberRef, context: "\(name)[]")
            } else {
                report("list shape \"\(name)\" has no member")
            }
        case "map":
            shape = Shape(type: .map)
            for (field, ref) in [("key", raw["key"]), ("value", raw["value"])] {
                guard let ref else { report("map shape \"\(name)\" has no \(field)"); continue }
                let child = expandMember(ref, context: "\(name){\(field)}")
                if field == "key" { shape.key = child } else { shape.value = child }
            }
        case "string", "integer", "long", "float", "double", "boolean", "timestamp", "blob":
            shape = Shape(type: ShapeType(rawValue: typeName)!)
        case "character":
            shape = Shape(type: .string)
        case "bigdecimal":
            shape = Shape(type: .double)
        case "biginteger":
            shape = Shape(type: .long)
        default:
            report("shape \"\(name)\" has unknown type \"\(typeName)\"")
            return nil
        }
        shape.name = name
        applyTraits(raw, to: &shape)
        if !cyclic.contains(name) && tooDeep == stoppedBefore { memo[name] = shape }
        return shape
    }

    private mutating func expandMember(_ ref: JSONValue, context: String) -> Shape? {
        guard let target = ref["shape"]?.stringValue else {
            report("\(context): member without a \"shape\" reference")
            return nil
        }
        guard var shape = expand(target, context: context) else { return nil }
        if includeDocumentation, let doc = ref["documentation"]?.stringValue { shape.documentation = HTMLText.plainText(doc) }
        if !shape.isRef {
            // botocore resolves a member by updating its shape with the member's own traits
            // (`enum` on a member of `__string`, `streaming`, `deprecated`, ...).
            applyTraits(ref, to: &shape)
        }
        // How the member travels, kept on a recursive member's ref node too.
        if let location = ref["location"]?.stringValue { shape.location = location }
        if let locationName = ref["locationName"]?.stringValue { shape.locationName = locationName }
        Self.applyWireTraits(ref, to: &shape)
        return shape
    }

    private func applyTraits(_ raw: JSONValue, to shape: inout Shape) {
        if let values = raw["enum"]?.arrayValue { shape.enumValues = values.compactMap(\.stringValue) }
        if case let .number(n)? = raw["min"] { shape.min = Bound(literal: n) }
        if case let .number(n)? = raw["max"] { shape.max = Bound(literal: n) }
        if let p = raw["pattern"]?.stringValue { shape.pattern = p }
        if raw["streaming"]?.boolValue == true { shape.streaming = true }
        if raw["sensitive"]?.boolValue == true { shape.sensitive = true }
        if raw["deprecated"]?.boolValue == true { shape.deprecated = true }
        if includeDocumentation, shape.documentation == nil, let doc = raw["documentation"]?.stringValue {
            shape.documentation = HTMLText.plainText(doc)
        }
        Self.applyWireTraits(raw, to: &shape)
    }

    /// botocore's serialization traits of a shape or member reference (a reference's win,
    /// as botocore's resolver lets them).
    static func applyWireTraits(_ raw: JSONValue, to shape: inout Shape) {
        // One pass over the keys (every shape and member reference comes here, most with no
        // trait): a key's length rules most out before any comparison; the first of a key counts.
        guard case let .object(pairs) = raw else { return }
        var wire = shape.wire
        var seen: UInt8 = 0
        func first(_ bit: UInt8) -> Bool {
            defer { seen |= bit }
            return seen & bit == 0
        }
        for (key, value) in pairs {
            switch key.utf8.count {
            case 9:
                if key == "queryName", first(1) { if let q = value.stringValue { wire.queryName = q } }
                else if key == "flattened", first(2) { if let f = value.boolValue { wire.flattened = f } }
                else if key == "hostLabel", first(4) { if let h = value.boolValue { wire.hostLabel = h } }
                else if key == "jsonvalue", first(8) { if let j = value.boolValue { wire.jsonValue = j } }
            case 12:
                if key == "xmlAttribute", first(16) { if let a = value.boolValue { wire.xmlAttribute = a } }
                else if key == "xmlNamespace", first(32) {
                    // An object `{"uri", "prefix"}` or, in older models, the URI alone.
                    if let uri = value["uri"]?.stringValue ?? value.stringValue { wire.xmlNamespace = XMLNamespace(uri: uri, prefix: value["prefix"]?.stringValue) }
                }
            case 13:
                if key == "resultWrapper", first(64) { if let r = value.stringValue { wire.resultWrapper = r } }
            case 15:
                if key == "timestampFormat", first(128) { if let t = value.stringValue { wire.timestampFormat = t } }
            default:
                continue
            }
        }
        if seen != 0 { shape.wire = wire }
    }

    private mutating func report(_ message: String) {
        guard reported.insert(message).inserted else { return }
        log.error(source, message)
    }
}

extension ShapeGraph {
    /// The references of botocore's flat shape table.
    init(botocoreShapes shapes: [String: JSONValue]) {
        var edges: [String: [String]] = [:]
        for (name, raw) in shapes {
            var targets: [String] = []
            for (_, ref) in raw["members"]?.objectValue ?? [] {
                if let t = ref["shape"]?.stringValue { targets.append(t) }
            }
            for field in ["member", "key", "value"] {
                if let t = raw[field]?["shape"]?.stringValue { targets.append(t) }
            }
            if !targets.isEmpty { edges[name] = targets }
        }
        self.init(edges: edges)
    }
}
