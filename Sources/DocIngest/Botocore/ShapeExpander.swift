import APIModel
import OrderedCollections

/// Expands botocore's flat, named shape table into per-operation trees.
///
/// A shape already on the current path becomes `{"ref": NAME}` (recursion is cut at its
/// first repeat, where boto3's docs cut it too) and its definition goes to the service's
/// `shapes` table. A shape's tree depends only on which shapes of its own cycle (strongly
/// connected component) are on the path above it (no other shape above it is reachable
/// from it), so trees are memoized by that: a shape on no cycle expands the same wherever
/// it is used, and large services share most of their subtrees.
struct ShapeExpander {
    let shapes: [String: JSONValue]
    let source: String
    let includeDocumentation: Bool
    var log = DiagnosticLog()
    /// Shapes by number (one hash per expansion instead of one per table below).
    private let number: [String: Int]
    private let names: [String]
    private let raws: [JSONValue]
    /// The cycle (strongly connected component) each shape lies on, -1 for none.
    private let cycleOf: [Int]
    /// Trees of shapes on no cycle.
    private var memo: [Tree?]
    /// Trees of shapes on a cycle, by the shapes of that cycle on the path above them, with
    /// the levels their building took.
    private var cyclicMemo: [CyclicKey: (tree: Tree, height: Int)] = [:]
    /// The path from the operation's root to the shape being expanded, as a flag per shape and in order.
    private var onPath: [Bool]
    private var path: [Int] = []
    /// The deepest `depth` an expansion in progress has reached (a memoized tree of a shape on
    /// a cycle is used only where building it again would stay within the nesting limit).
    private var deepest = 0
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
        var number: [String: Int] = Dictionary(minimumCapacity: shapes.count)
        var names: [String] = []
        var raws: [JSONValue] = []
        names.reserveCapacity(shapes.count)
        raws.reserveCapacity(shapes.count)
        for (name, raw) in shapes {
            number[name] = names.count
            names.append(name)
            raws.append(raw)
        }
        // The shape graph by number (references to undefined shapes lie on no cycle).
        let targets = raws.map { raw in Self.references(raw).compactMap { number[$0] } }
        var cycleOf = [Int](repeating: -1, count: names.count)
        for (cycle, component) in ShapeGraph.components(targets: targets, startingFrom: targets.indices).enumerated()
        where ShapeGraph.isCycle(component, targets: targets) {
            for n in component { cycleOf[n] = cycle }
        }
        self.number = number
        self.names = names
        self.raws = raws
        self.cycleOf = cycleOf
        memo = Array(repeating: nil, count: names.count)
        onPath = Array(repeating: false, count: names.count)
    }

    /// A shape on a cycle and the shapes of its cycle on the path above it, sorted.
    private struct CyclicKey: Hashable {
        let shape: Int
        let above: [Int]
    }

    /// Where an expansion is asked for, put into words only when a diagnostic needs it.
    enum Context {
        case text(String)
        case member(of: Int, String)
        case listMember(of: Int)
        case mapField(of: Int, String)
    }

    private func describe(_ context: Context) -> String {
        switch context {
        case let .text(text): return text
        case let .member(parent, member): return "\(names[parent]).\(member)"
        case let .listMember(parent): return "\(names[parent])[]"
        case let .mapField(parent, field): return "\(names[parent]){\(field)}"
        }
    }

    // Helpers of `expand` kept out of it: what they hold would otherwise sit in every frame
    // of its recursion (debug builds give every temporary its own stack slot).

    @inline(never) private func cyclicKey(_ n: Int) -> CyclicKey {
        CyclicKey(shape: n, above: path.filter { cycleOf[$0] == cycleOf[n] }.sorted())
    }

    /// The memoized tree for `key`, when building it again here would stay within the limit.
    @inline(never) private mutating func memoized(_ key: CyclicKey) -> Tree? {
        guard let (cached, height) = cyclicMemo[key], depth + height < ShapeNesting.limit else { return nil }
        deepest = max(deepest, depth + height)
        return cached
    }

    @inline(never) private mutating func refToShapeOnPath(_ name: String) -> Tree {
        if referencedSet.insert(name).inserted { referenced.append(name) }
        return Tree(Shape(ref: name))
    }

    @inline(never) private mutating func remember(_ tree: Tree, _ n: Int, key: CyclicKey?, height: Int) {
        if let key { cyclicMemo[key] = (tree, height) } else { memo[n] = tree }
    }

    @inline(never) private mutating func reportListWithoutMember(_ n: Int) {
        report("list shape \"\(names[n])\" has no member")
    }

    @inline(never) private mutating func reportMapWithout(_ field: String, _ n: Int) {
        report("map shape \"\(names[n])\" has no \(field)")
    }

    @inline(never) private mutating func reportTooDeep(_ name: String, context: Context) {
        tooDeep += 1
        report("\(describe(context)): shapes nest deeper than \(ShapeNesting.limit) levels (at \"\(name)\")")
    }

    /// Expands an operation's `input`/`output` reference; nil also when it nests too deep.
    mutating func expandRoot(_ ref: JSONValue, context: String) -> Shape? {
        guard let name = ref["shape"]?.stringValue else {
            report("\(context): reference without a \"shape\" name")
            return nil
        }
        let stoppedBefore = tooDeep
        guard var shape = expand(name, context: .text(context))?.shape, tooDeep == stoppedBefore else { return nil }
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
            if let shape = expand(name, context: .text("shape \(name)"))?.shape, tooDeep == stoppedBefore { table[name] = shape }
        }
        table.sort { $0.key < $1.key }
        return table
    }

    /// The tree for `name` under the current path; nil (with a diagnostic) when it cannot be built.
    /// A shape's tree in a box: `expand` recurses as deep as trees nest, and a box keeps each
    /// of its frames to a few pointers (a `Shape` is large, and debug builds give every
    /// temporary its own stack slot), so deep trees fit any thread's stack.
    final class Tree {
        var shape: Shape
        init(_ shape: Shape) { self.shape = shape }
    }

    /// The tree for `name` under the current path; nil (with a diagnostic) when it cannot be
    /// built. Recursion goes from `expand` straight to `expand`; the rest is in helpers.
    private mutating func expand(_ name: String, context: Context) -> Tree? {
        guard let n = number[name] else {
            report("\(describe(context)): reference to undefined shape \"\(name)\"")
            return nil
        }
        if onPath[n] { return refToShapeOnPath(name) }
        if let cached = memo[n] { return cached }
        let key = cycleOf[n] >= 0 ? cyclicKey(n) : nil
        if let key, let cached = memoized(key) { return cached }
        let raw = raws[n]
        guard let typeName = raw["type"]?.stringValue else {
            report("shape \"\(name)\" has no type")
            return nil
        }
        guard depth < ShapeNesting.limit else {
            reportTooDeep(name, context: context)
            return nil
        }
        let deepestAbove = deepest
        deepest = depth
        let start = depth
        depth += 1
        onPath[n] = true
        path.append(n)
        defer { onPath[n] = false; path.removeLast(); depth -= 1; deepest = max(deepest, deepestAbove) }
        let stoppedBefore = tooDeep
        guard let tree = Self.newTree(typeName, raw) else {
            report("shape \"\(name)\" has unknown type \"\(typeName)\"")
            return nil
        }
        switch typeName {
        case "structure":
            if tree.shape.type != .document {
                let members = raw["members"]?.objectValue ?? []
                tree.shape.members.reserveCapacity(members.count)
                for (memberName, memberRef) in members {
                    guard let target = memberTarget(memberRef, context: .member(of: n, memberName)),
                          let member = expand(target, context: .member(of: n, memberName)) else { continue }
                    attach(member, ref: memberRef, to: tree, as: .member(memberName))
                }
                applyStructureTraits(raw, to: tree)
            }
        case "list":
            if let memberRef = raw["member"] {
                if let target = memberTarget(memberRef, context: .listMember(of: n)),
                   let member = expand(target, context: .listMember(of: n)) {
                    attach(member, ref: memberRef, to: tree, as: .listMember)
                }
            } else {
                reportListWithoutMember(n)
            }
        case "map":
            for field in ["key", "value"] {
                guard let ref = raw[field] else { reportMapWithout(field, n); continue }
                guard let target = memberTarget(ref, context: .mapField(of: n, field)),
                      let child = expand(target, context: .mapField(of: n, field)) else { continue }
                attach(child, ref: ref, to: tree, as: field == "key" ? .mapKey : .mapValue)
            }
        default:
            break
        }
        finish(tree, name: name, raw: raw)
        if tooDeep == stoppedBefore { remember(tree, n, key: key, height: deepest - start) }
        return tree
    }

    /// An empty tree of botocore's type `typeName`; nil for a type botocore does not have.
    @inline(never) private static func newTree(_ typeName: String, _ raw: JSONValue) -> Tree? {
        switch typeName {
        case "structure":
            return Tree(Shape(type: raw["document"]?.boolValue == true ? .document : raw["union"]?.boolValue == true ? .union : .structure))
        case "list": return Tree(Shape(type: .list))
        case "map": return Tree(Shape(type: .map))
        case "string", "integer", "long", "float", "double", "boolean", "timestamp", "blob":
            return Tree(Shape(type: ShapeType(rawValue: typeName)!))
        case "character": return Tree(Shape(type: .string))
        case "bigdecimal": return Tree(Shape(type: .double))
        case "biginteger": return Tree(Shape(type: .long))
        default: return nil
        }
    }

    enum Place {
        case member(String)
        case listMember
        case mapKey
        case mapValue
    }

    /// Puts a child's tree, with its reference's own traits, in its place in `parent`.
    @inline(never) private func attach(_ child: Tree, ref: JSONValue, to parent: Tree, as place: Place) {
        var shape = child.shape
        applyMemberTraits(ref, to: &shape)
        switch place {
        case let .member(name): parent.shape.members[name] = shape
        case .listMember: parent.shape.member = shape
        case .mapKey: parent.shape.key = shape
        case .mapValue: parent.shape.value = shape
        }
    }

    @inline(never) private func finish(_ tree: Tree, name: String, raw: JSONValue) {
        tree.shape.name = name
        applyTraits(raw, to: &tree.shape)
    }

    /// The shape a member reference names; nil (with a diagnostic) when it names none.
    @inline(never) private mutating func memberTarget(_ ref: JSONValue, context: Context) -> String? {
        guard let target = ref["shape"]?.stringValue else {
            report("\(describe(context)): member without a \"shape\" reference")
            return nil
        }
        return target
    }

    @inline(never) private func applyStructureTraits(_ raw: JSONValue, to tree: Tree) {
        tree.shape.required = (raw["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        if raw["eventstream"]?.boolValue == true { tree.shape.eventstream = true }
        if raw["exception"]?.boolValue == true { tree.shape.exception = true }
    }

    @inline(never) private func applyMemberTraits(_ ref: JSONValue, to shape: inout Shape) {
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

extension ShapeExpander {
    /// The shapes a botocore shape refers to: structure members, list member, map key and value.
    static func references(_ raw: JSONValue) -> [String] {
        guard case let .object(pairs) = raw else { return [] }
        var targets: [String] = []
        for (key, value) in pairs {
            switch key {
            case "members":
                for (_, ref) in value.objectValue ?? [] {
                    if let t = ref["shape"]?.stringValue { targets.append(t) }
                }
            case "member", "key", "value":
                if let t = value["shape"]?.stringValue { targets.append(t) }
            default:
                continue
            }
        }
        return targets
    }
}
