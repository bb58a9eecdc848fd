import OrderedCollections

/// Expands botocore's flat, named shape table into per-operation trees.
///
/// A shape already on the current path becomes `{"ref": NAME}` and its definition goes to
/// the service's `shapes` table. Expansions that do not depend on the path (no ref back to
/// a shape above them) are memoized: large services share most of their subtrees.
struct ShapeExpander {
    let shapes: [String: JSONValue]
    let source: String
    var log = DiagnosticLog()
    private var memo: [String: Shape] = [:]
    private var stack: [String] = []
    private var stackIndex: [String: Int] = [:]
    private var referenced: [String] = []
    private var referencedSet: Set<String> = []
    private var reported: Set<String> = []

    init(shapes: [String: JSONValue], source: String) {
        self.shapes = shapes
        self.source = source
    }

    /// Expands an operation's `input`/`output` reference.
    mutating func expandRoot(_ ref: JSONValue, context: String) -> Shape? {
        guard let name = ref["shape"]?.stringValue else {
            report("\(context): reference without a \"shape\" name")
            return nil
        }
        guard var shape = expand(name, context: context).shape else { return nil }
        if let doc = ref["documentation"]?.stringValue { shape.documentation = HTMLText.plainText(doc) }
        // botocore streams a blob payload whether or not its shape says `streaming`
        // (`OperationModel.get_streaming_input/output`): the SDK hands it over as a stream.
        if let payload = shapes[name]?["payload"]?.stringValue, var member = shape.members[payload],
           !member.isRef, member.type == .blob, !member.streaming {
            member.streaming = true
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
            if let shape = expand(name, context: "shape \(name)").shape { table[name] = shape }
        }
        table.sort { $0.key < $1.key }
        return table
    }

    /// Returns the tree for `name` and the lowest stack depth a ref inside it points to
    /// (`Int.max` when none): a result independent of the path above it can be memoized.
    private mutating func expand(_ name: String, context: String) -> (shape: Shape?, lowestRef: Int) {
        if let depth = stackIndex[name] {
            if referencedSet.insert(name).inserted { referenced.append(name) }
            return (Shape(ref: name), depth)
        }
        if let cached = memo[name] { return (cached, Int.max) }
        guard let raw = shapes[name] else {
            report("\(context): reference to undefined shape \"\(name)\"")
            return (nil, Int.max)
        }
        guard let typeName = raw["type"]?.stringValue else {
            report("shape \"\(name)\" has no type")
            return (nil, Int.max)
        }
        let depth = stack.count
        stack.append(name)
        stackIndex[name] = depth
        defer {
            stack.removeLast()
            stackIndex[name] = nil
        }
        var lowest = Int.max
        var shape: Shape
        switch typeName {
        case "structure":
            let kind: ShapeType = raw["document"]?.boolValue == true ? .document : raw["union"]?.boolValue == true ? .union : .structure
            shape = Shape(type: kind)
            if kind != .document {
                for (memberName, memberRef) in raw["members"]?.objectValue ?? [] {
                    let (member, low) = expandMember(memberRef, context: "\(name).\(memberName)")
                    lowest = min(lowest, low)
                    if let member { shape.members[memberName] = member }
                }
                shape.required = (raw["required"]?.arrayValue ?? []).compactMap(\.stringValue)
                if raw["eventstream"]?.boolValue == true { shape.eventstream = true }
            }
        case "list":
            shape = Shape(type: .list)
            if let memberRef = raw["member"] {
                let (member, low) = expandMember(memberRef, context: "\(name)[]")
                lowest = min(lowest, low)
                shape.member = member
            } else {
                report("list shape \"\(name)\" has no member")
            }
        case "map":
            shape = Shape(type: .map)
            for (field, ref) in [("key", raw["key"]), ("value", raw["value"])] {
                guard let ref else { report("map shape \"\(name)\" has no \(field)"); continue }
                let (child, low) = expandMember(ref, context: "\(name){\(field)}")
                lowest = min(lowest, low)
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
            return (nil, Int.max)
        }
        shape.name = name
        applyTraits(raw, to: &shape)
        if lowest >= depth { memo[name] = shape }
        return (shape, lowest)
    }

    private mutating func expandMember(_ ref: JSONValue, context: String) -> (Shape?, Int) {
        guard let target = ref["shape"]?.stringValue else {
            report("\(context): member without a \"shape\" reference")
            return (nil, Int.max)
        }
        let (expanded, low) = expand(target, context: context)
        guard var shape = expanded else { return (nil, low) }
        if let doc = ref["documentation"]?.stringValue { shape.documentation = HTMLText.plainText(doc) }
        if shape.isRef { return (shape, low) }
        if ref["deprecated"]?.boolValue == true { shape.deprecated = true }
        if ref["streaming"]?.boolValue == true { shape.streaming = true }
        // botocore merges member-level traits into the shape (an `enum` on a member of `__string`).
        if let values = ref["enum"]?.arrayValue { shape.enumValues = values.compactMap(\.stringValue) }
        if let location = ref["location"]?.stringValue { shape.location = location }
        if let locationName = ref["locationName"]?.stringValue { shape.locationName = locationName }
        return (shape, low)
    }

    private func applyTraits(_ raw: JSONValue, to shape: inout Shape) {
        if let values = raw["enum"]?.arrayValue { shape.enumValues = values.compactMap(\.stringValue) }
        if case let .number(n)? = raw["min"] { shape.min = Bound(literal: n) }
        if case let .number(n)? = raw["max"] { shape.max = Bound(literal: n) }
        if let p = raw["pattern"]?.stringValue { shape.pattern = p }
        if raw["streaming"]?.boolValue == true { shape.streaming = true }
        if raw["sensitive"]?.boolValue == true { shape.sensitive = true }
        if raw["deprecated"]?.boolValue == true { shape.deprecated = true }
        if shape.documentation == nil, let doc = raw["documentation"]?.stringValue {
            shape.documentation = HTMLText.plainText(doc)
        }
    }

    private mutating func report(_ message: String) {
        guard reported.insert(message).inserted else { return }
        log.error(source, message)
    }
}
