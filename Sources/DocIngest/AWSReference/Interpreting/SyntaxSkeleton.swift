import APIModel

/// The JSON body of a request or response syntax block, read by the shared skeleton parser.
/// Used to cross-check entries against the syntax, to name an entry whose name the
/// rendering lost, and to show the members of a type whose page is missing.
struct SyntaxSkeleton {
    let root: SkeletonNode

    /// nil when the block has no JSON body (query protocol, an XML body, no body at all).
    init?(body: ArraySlice<ReferenceLine>, path: String, log: inout DiagnosticLog) {
        guard let first = body.first(where: { !$0.text.trimmingTextSpace.isEmpty }),
              first.text.trimmingTextSpace.hasPrefix("{") else { return nil }
        // Rebuild the block with its original line numbers (renderings drop blank lines).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.reduce(0) { $0 + $1.text.utf8.count + 1 })
        var line = first.line
        for l in body where l.line >= first.line {
            while line < l.line { bytes.append(0x0A); line += 1 }
            var text = l.text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
        do {
            root = try SkeletonParser(dialect: .awsReferenceJSON).parse(bytes, firstLine: first.line).value
        } catch {
            log.warning(path, line: error.line, "syntax block not readable (\(error.message)); entries not cross-checked")
            return nil
        }
        guard case .object = root.kind else { return nil }
        positions = Self.positions(of: root)
    }

    var topLevelKeys: [String] { root.entries.compactMap(\.keyText) }

    func value(of key: String) -> SkeletonNode? {
        SyntaxSkeleton.value(of: key, in: root, positions: positions)
    }

    /// The first position of each key of a long object (short ones are searched): every entry
    /// of a page asks for its value, so a search each time made long request bodies quadratic.
    private let positions: [String: Int]?

    static func positions(of node: SkeletonNode) -> [String: Int]? {
        guard node.entries.count > 32 else { return nil }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(node.entries.count)
        for (i, entry) in node.entries.enumerated() {
            if let key = entry.keyText, positions[key] == nil { positions[key] = i }
        }
        return positions
    }

    /// The value of the first entry named `key`, through `positions` when there are some.
    static func value(of key: String, in node: SkeletonNode, positions: [String: Int]?) -> SkeletonNode? {
        if let positions { return positions[key].map { node.entries[$0].value } }
        return node.entries.first { $0.keyText == key }?.value
    }

    /// A shape from a skeleton value: what the syntax alone shows. `number` cannot tell
    /// integer from float; it is read as `integer` and the caller says so.
    static func shape(of node: SkeletonNode) -> Shape {
        switch node.kind {
        case .object:
            // `{ "string" : V }` is a map; anything else a structure.
            if node.entries.count == 1, node.entries[0].keyText == "string" {
                return .map(key: Shape(type: .string), value: shape(of: node.entries[0].value))
            }
            var s = Shape(type: .structure)
            for entry in node.entries {
                guard let key = entry.keyText else { continue }
                s.members[key] = shape(of: entry.value)
            }
            return s
        case .list:
            return .list(of: node.items.first.map(shape(of:)) ?? Shape(type: .string))
        case .string:
            return Shape(type: .string)
        case let .word(w):
            switch w {
            case "boolean", "true", "false": return Shape(type: .boolean)
            case "blob": return Shape(type: .blob)
            case "timestamp": return Shape(type: .timestamp)
            case "JSON value": return Shape(type: .document)
            default: return Shape(type: .integer)
            }
        case .number:
            return Shape(type: .integer)
        default:
            return Shape(type: .string)
        }
    }

    /// The skeleton value for the items of a list / the value of a map, following a member's type.
    static func descend(_ node: SkeletonNode?) -> SkeletonNode? {
        guard let node else { return nil }
        switch node.kind {
        case .list: return node.items.first
        case .object where node.entries.count == 1 && node.entries[0].keyText == "string": return node.entries[0].value
        default: return nil
        }
    }
}

/// Names the entries a rendering left without a `dt` (the text rendering's bare `-`):
/// between its named neighbours, the one syntax key no entry claims.
enum EntryNaming {
    static func nameUnnamed(_ entries: inout [ReferenceEntry], keys: [String], path: String, log: inout DiagnosticLog) {
        guard entries.contains(where: { $0.name == nil }) else { return }
        let named = Set(entries.compactMap(\.name))
        for i in entries.indices where entries[i].name == nil {
            let before = entries[..<i].last { $0.name != nil }?.name
            let after = entries[(i + 1)...].first { $0.name != nil }?.name
            let lower = before.flatMap { keys.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            let upper = after.flatMap { keys.firstIndex(of: $0) } ?? keys.count
            let candidates = lower < upper ? keys[lower..<upper].filter { !named.contains($0) } : []
            if candidates.count == 1 {
                entries[i].name = candidates[0]
                log.warning(path, line: entries[i].line, "entry without a name; named \(candidates[0]) from the syntax block")
            }
        }
    }
}
