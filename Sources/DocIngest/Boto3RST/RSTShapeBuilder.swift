import APIModel
import OrderedCollections

/// Builds one operation's input or output tree from the two views a boto3 page gives of
/// it: the syntax skeleton (members, types, enums, lists/maps, streams, recursion) and the
/// prose tree (required, tagged unions, map vs structure, types again). Where both are
/// present they must agree; a disagreement is a warning and the node is left out rather
/// than guessed, and the operation is marked partial.
struct RSTShapeBuilder {
    let file: String
    /// Prefix of the names of recursive shapes: `DescribeThing.output`.
    let refPrefix: String
    /// True while building a request (required flags and auto-populated parameters apply).
    let isInput: Bool
    var log = DiagnosticLog()
    var partial = false
    /// Definitions of the shapes that `ref` nodes name.
    var definitions: [(String, Shape)] = []
    /// Top-level request parameters documented but left out of the syntax (auto-populated).
    var autoPopulated = 0
    /// The prose section was replaced by boto3's "too large to render" note.
    var proseUnavailable = false

    private struct Ancestor {
        var type: ShapeType
        /// The node's path is the first `depth` steps of `path`.
        var depth: Int
        var refName: String?
    }
    private var ancestors: [Ancestor] = []
    /// Where the node being built sits; written out only for a diagnostic or a recursion.
    private var path = ShapePath()

    init(file: String, refPrefix: String, isInput: Bool) {
        self.file = file
        self.refPrefix = refPrefix
        self.isInput = isInput
    }

    // MARK: diagnostics

    /// A warning about the node being built.
    private mutating func warn(_ line: Int?, _ message: String) {
        warn(line, path.text(), message)
    }

    private mutating func warn(_ line: Int?, _ path: String, _ message: String) {
        partial = true
        let at = path.isEmpty ? (isInput ? "request" : "response") : (isInput ? "request " : "response ") + path
        log.warning(file, line: line, "\(refPrefix.split(separator: ".").first ?? ""): \(at): \(message)")
    }

    /// Lines in prose nodes are 0-based indexes; diagnostics are 1-based.
    private func line(_ prose: ProseNode?, _ skeleton: SkeletonNode?) -> Int? {
        skeleton?.line ?? prose.map { $0.line + 1 }
    }

    // MARK: building

    /// The root: the request's keyword arguments / the response dict, and the prose roots.
    mutating func buildRoot(skeleton: SkeletonNode?, prose: ProseNode?) -> Shape? {
        build(skeleton: skeleton, prose: prose, isRoot: true)
    }

    /// The node at `path`.
    private mutating func build(skeleton: SkeletonNode?, prose: ProseNode?, isRoot: Bool = false) -> Shape? {
        var meaning: SkeletonMeaning?
        if let skeleton {
            if isRoot, case .call = skeleton.kind {
                meaning = .object(SkeletonNode(kind: .object, line: skeleton.line, entries: skeleton.entries))
            } else {
                var problem: String?
                meaning = SkeletonMeaning(skeleton, problem: &problem)
                if meaning == nil {
                    warn(skeleton.line, problem ?? "unreadable skeleton value")
                    if prose == nil { return nil }
                }
            }
        }
        if case .recursive? = meaning { return recursion(prose: prose, line: skeleton?.line) }
        if case .unexpanded? = meaning {
            // boto3 writes `...` for scalar types it has no example for (float, bigdecimal):
            // the prose names the type. An unexpanded dict or list would lose its contents.
            let scalar = skeleton?.wordValue == "..."
            if scalar, prose == nil, proseUnavailable {
                // The prose that would name the type was too large to render: the operation
                // is already partial, and the value is left out.
                partial = true
                return nil
            }
            if !scalar || prose == nil || prose?.type == .dict || prose?.type == .list {
                warn(skeleton?.line, "boto3 did not expand this value (\(skeleton?.summary ?? "..."))")
                return nil
            }
            meaning = nil
        }
        guard let type = resolveType(meaning, prose, line: line(prose, skeleton)) else { return nil }
        switch type {
        case .structure, .union, .map:
            return aggregate(type, meaning: meaning, prose: prose, isRoot: isRoot, line: line(prose, skeleton))
        case .list:
            var itemSkeleton: SkeletonNode?
            if case let .list(item)? = meaning { itemSkeleton = item }
            let itemProse = prose?.children.first
            if prose != nil, itemProse == nil || itemProse?.name != nil {
                warn(line(prose, skeleton), "the parameter list shows no list item")
                if itemSkeleton == nil { return nil }
            }
            ancestors.append(Ancestor(type: .list, depth: path.depth))
            path.push(.item)
            let item = build(skeleton: itemSkeleton, prose: itemProse?.name == nil ? itemProse : nil)
            path.pop()
            let me = ancestors.removeLast()
            guard let item else { return nil }
            var shape = Shape.list(of: item)
            define(me, &shape)
            // Moved out, not copied: a copy shares the facts, and their next change would copy them.
            return consume shape
        default:
            return Self.scalar(type, meaning: meaning, prose: prose)
        }
    }

    /// A leaf: its type, enum values and whether it streams.
    private static func scalar(_ type: ShapeType, meaning: SkeletonMeaning?, prose: ProseNode?) -> Shape {
        let streaming: Bool
        switch meaning {
        case let .enumeration(values)?:
            var shape = Shape(type: type)
            shape.enumValues = values
            return shape
        case .streamingInput?, .streamingOutput?: streaming = true
        default: streaming = prose?.type == .streamingInput || prose?.type == .streamingOutput
        }
        // Most leaves: returned as made.
        guard streaming else { return Shape(type: type) }
        var shape = Shape(type: type)
        shape.streaming = true
        return shape
    }

    /// The node's type from the skeleton and the prose, or nil (with a warning) when they disagree.
    private mutating func resolveType(_ meaning: SkeletonMeaning?, _ prose: ProseNode?, line: Int?) -> ShapeType? {
        let fromSkeleton: ShapeType?
        switch meaning {
        case nil: fromSkeleton = nil
        case .string?, .enumeration?: fromSkeleton = .string
        case .integer?: fromSkeleton = .integer
        case .float?: fromSkeleton = .float
        case .boolean?: fromSkeleton = .boolean
        case .timestamp?: fromSkeleton = .timestamp
        case .blob?, .streamingInput?, .streamingOutput?: fromSkeleton = .blob
        case .document?: fromSkeleton = prose?.type == .jsonValue ? .string : .document
        case .object?, .eventStream?: fromSkeleton = .structure
        case .list?: fromSkeleton = .list
        case .recursive?, .unexpanded?: fromSkeleton = nil
        }
        guard let prose else {
            if fromSkeleton == nil { warn(line, "no type for this value") }
            return fromSkeleton
        }
        let fromProse: ShapeType?
        switch prose.type {
        case .string: fromProse = .string
        case .integer: fromProse = .integer
        case .float: fromProse = .float
        case .boolean: fromProse = .boolean
        case .datetime: fromProse = .timestamp
        case .bytes, .streamingInput, .streamingOutput: fromProse = .blob
        case .dict, .eventStream: fromProse = .structure
        case .list: fromProse = .list
        case .document: fromProse = .document
        case .jsonValue: fromProse = .string
        case let .unknown(text):
            warn(line, "unknown parameter type '\(text)'")
            return nil
        }
        if let fromSkeleton, fromSkeleton != fromProse {
            warn(line, "the syntax shows \(fromSkeleton.rawValue) but the parameter list says \(fromProse!.rawValue)")
            return nil
        }
        // Streams must be named the same way in both.
        switch (meaning, prose.type) {
        case (.streamingInput?, .streamingInput), (.streamingOutput?, .streamingOutput), (.eventStream?, .eventStream), (nil, _): break
        case (.streamingInput?, _), (.streamingOutput?, _), (.eventStream?, _), (_, .streamingInput), (_, .streamingOutput), (_, .eventStream):
            warn(line, "the syntax and the parameter list disagree on streaming")
            return nil
        default: break
        }
        if fromProse == .structure {
            if prose.children.first.map({ $0.name == nil }) == true { return .map }
            if prose.union { return .union }
            if meaning == nil, prose.children.isEmpty, prose.type != .eventStream {
                // Without the syntax an empty dict could be an empty structure or a recursion.
                warn(line, "a dict without members and without syntax to tell what it is")
                return nil
            }
        }
        return fromProse
    }

    private mutating func aggregate(_ type: ShapeType, meaning: SkeletonMeaning?, prose: ProseNode?, isRoot: Bool, line: Int?) -> Shape? {
        var object: SkeletonNode?
        var isEventStream = prose?.type == .eventStream
        switch meaning {
        case let .object(node)?: object = node
        case let .eventStream(node)?: object = node; isEventStream = true
        default: break
        }
        var kind = type
        if prose == nil, let object, object.entries.count == 1, isMapKey(object.entries[0].key) { kind = .map }
        if kind == .map { return map(object: object, prose: prose, line: line) }
        ancestors.append(Ancestor(type: kind, depth: path.depth))
        var shape = Shape(type: kind)
        let proseChildren = prose?.children ?? []
        shape.members.reserveCapacity(object?.entries.count ?? proseChildren.count)
        // The prose children the syntax's members were matched to (by name, the first of a
        // name), so that the prose-only members are known without a set of the names.
        var matched: [Bool] = []
        var anyMatched = false
        // Large structures (hundreds of members) are looked up by name, not scanned per member.
        var proseIndex: [String: Int] = [:]
        if proseChildren.count > 8 {
            proseIndex.reserveCapacity(proseChildren.count)
            for (i, c) in proseChildren.enumerated() { if let n = c.name, proseIndex[n] == nil { proseIndex[n] = i } }
        }
        func firstChild(named name: String) -> Int? {
            proseIndex.isEmpty ? proseChildren.firstIndex { $0.name == name } : proseIndex[name]
        }
        if let entries = object?.entries {
            if !proseChildren.isEmpty { matched = Array(repeating: false, count: proseChildren.count) }
            for e in entries.indices {
                guard let name = entries[e].keyText else {
                    warn(entries[e].line, "a member key that is not a name: \(entries[e].key.summary)")
                    continue
                }
                let proseMatch = prose == nil ? nil : firstChild(named: name)
                if let proseMatch { matched[proseMatch] = true; anyMatched = true }
                path.push(.member(name))
                defer { path.pop() }
                if prose != nil, proseMatch == nil {
                    warn(entries[e].line, "in the syntax but not in the parameter list")
                }
                guard let member = build(skeleton: entries[e].value, prose: proseMatch.map { proseChildren[$0] }) else { continue }
                if Self.put(consume member, name, into: &shape.members) { warn(entries[e].line, "member given twice") }
                if isInput, let proseMatch, proseChildren[proseMatch].required { shape.required.append(name) }
            }
        }
        for (i, child) in proseChildren.enumerated() {
            guard let name = child.name else { continue }
            // A later child of a name the syntax gave (a duplicate) was given by the syntax too.
            if anyMatched, matched[i] || firstChild(named: name).map({ matched[$0] }) == true { continue }
            path.push(.member(name))
            defer { path.pop() }
            if object != nil {
                if isRoot && isInput {
                    // boto3 fills these in itself (AutoPopulatedParam): documented, left out of the syntax.
                    autoPopulated += 1
                } else {
                    warn(child.line + 1, "in the parameter list but not in the syntax")
                }
            }
            guard let member = build(skeleton: nil, prose: child) else { continue }
            Self.put(consume member, name, into: &shape.members)
            if isInput, child.required { shape.required.append(name) }
        }
        if isEventStream { shape.eventstream = true }
        let me = ancestors.removeLast()
        define(me, &shape)
        return consume shape
    }

    /// Sets `members[name]` to `member` (appended, or in the place of the name's value) and
    /// tells whether the name was there. `updateValue` and the subscript copy the value
    /// they are given, and members are whole subtrees: here it is moved in.
    @discardableResult
    private static func put(_ member: consuming Shape, _ name: String, into members: inout OrderedDictionary<String, Shape>) -> Bool {
        var pending: Shape? = consume member
        var existed = false
        members.updateValue(forKey: name, default: pending.take()!) { slot in
            if let replacement = pending.take() {
                slot = replacement
                existed = true
            }
        }
        return existed
    }

    private mutating func map(object: SkeletonNode?, prose: ProseNode?, line: Int?) -> Shape? {
        var keyShape = Shape(type: .string)
        var valueSkeleton: SkeletonNode?
        if let object {
            guard object.entries.count == 1, isMapKey(object.entries[0].key) else {
                warn(line, "the parameter list shows a map but the syntax shows \(object.summary)")
                return nil
            }
            let key = object.entries[0].key
            if case .alternatives = key.kind { keyShape.enumValues = key.items.compactMap(\.stringValue) }
            valueSkeleton = object.entries[0].value
        }
        let keyProse = prose?.children.first
        if let keyProse, keyProse.type != .string {
            warn(keyProse.line + 1, "a map key of type other than string")
            return nil
        }
        let valueProse = keyProse?.children.first
        if prose != nil, valueProse == nil || valueProse?.name != nil {
            warn(line, path.text() + "{}", "the parameter list shows no map value")
            if valueSkeleton == nil { return nil }
        }
        ancestors.append(Ancestor(type: .map, depth: path.depth))
        path.push(.value)
        let value = build(skeleton: valueSkeleton, prose: valueProse?.name == nil ? valueProse : nil)
        path.pop()
        let me = ancestors.removeLast()
        guard let value else { return nil }
        var shape = Shape.map(key: keyShape, value: value)
        define(me, &shape)
        return shape
    }

    private func isMapKey(_ key: SkeletonNode) -> Bool {
        if key.stringValue == "string" { return true }
        if case .alternatives = key.kind { return key.items.allSatisfy { $0.stringValue != nil } }
        return false
    }

    /// `{'... recursive ...'}`: a `ref` to the nearest enclosing node of the kind the prose gives.
    private mutating func recursion(prose: ProseNode?, line: Int?) -> Shape? {
        let wanted: (ShapeType) -> Bool
        switch prose?.type {
        case .list?: wanted = { $0 == .list }
        case .dict?, nil: wanted = { $0 == .structure || $0 == .union || $0 == .map }
        default:
            warn(line, "a recursive value whose parameter type is not a dict or list")
            return nil
        }
        // The page names no shape, so which enclosing dict repeats is inferred: a member whose
        // name ends with an enclosing member's name repeats it (lexv2 `slots` → `subSlots`);
        // otherwise the nearest structure (DynamoDB `M: {'string': {'... recursive ...'}}` repeats
        // AttributeValue, not the map between); a map only when no structure is open.
        var named = prose?.type == .list ? nil : path.memberName(depth: path.depth).flatMap { name in
            ancestors.lastIndex { wanted($0.type) && path.memberName(depth: $0.depth).map { name.hasSuffix($0) } == true }
        }
        // Of a map of maps, the innermost (lexv2 `slotHints{}` → `subSlotHints`).
        while let i = named, i + 1 < ancestors.count, ancestors[i].type == .map, ancestors[i + 1].type == .map,
              path.text(depth: ancestors[i + 1].depth) == path.text(depth: ancestors[i].depth) + "{}" { named = i + 1 }
        let structure = prose?.type == .list ? nil : ancestors.lastIndex { $0.type == .structure || $0.type == .union }
        guard let index = named ?? structure ?? ancestors.lastIndex(where: { wanted($0.type) }) else {
            warn(line, "a recursive value with no enclosing shape it could repeat")
            return nil
        }
        if ancestors[index].refName == nil {
            let p = path.text(depth: ancestors[index].depth)
            ancestors[index].refName = p.isEmpty ? refPrefix : refPrefix + "." + p
        }
        return Shape(ref: ancestors[index].refName!)
    }

    /// Records the definition of a node that a recursion refers to.
    private mutating func define(_ ancestor: Ancestor, _ shape: inout Shape) {
        guard let name = ancestor.refName else { return }
        definitions.append((name, shape))
    }
}

/// A node's place in the tree being built (`Tags[].Key`, `Attributes{}`), kept as steps:
/// most nodes never need it written out, only those a diagnostic or a recursion names.
private struct ShapePath {
    enum Step {
        case member(String)
        /// A list's item: `[]`.
        case item
        /// A map's value: `{}`.
        case value
    }

    private var steps: [Step] = []

    var depth: Int { steps.count }

    mutating func push(_ step: Step) { steps.append(step) }

    mutating func pop() { steps.removeLast() }

    /// The first `depth` steps (all by default) as text: members joined by `.`, `[]` and `{}` appended.
    func text(depth: Int? = nil) -> String {
        var text = ""
        for step in steps[..<(depth ?? steps.count)] {
            switch step {
            case let .member(name): text = text.isEmpty ? name : text + "." + name
            case .item: text += "[]"
            case .value: text += "{}"
            }
        }
        return text
    }

    /// The lower-cased member name the first `depth` steps end with; nil for list items, map
    /// values and the root. A name is the text's last part between dots.
    func memberName(depth: Int) -> String? {
        guard depth > 0 else { return nil }
        switch steps[depth - 1] {
        case .item, .value:
            return nil
        case let .member(name):
            // A name without dots that starts with an ASCII character (no mark joins it to the dot before) is that part.
            if let first = name.utf8.first, first < 0x80, !name.utf8.contains(UInt8(ascii: ".")) {
                return name.hasSuffix("]") || name.hasSuffix("}") ? nil : name.lowercased()
            }
            guard let last = text(depth: depth).split(separator: ".").last, !last.hasSuffix("]"), !last.hasSuffix("}") else { return nil }
            return last.lowercased()
        }
    }
}
