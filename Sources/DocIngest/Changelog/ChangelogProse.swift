/// The parameter and response-structure prose of a changelog page, read into the same
/// `ProseNode` trees the RST parser builds, so `RSTShapeBuilder` reconciles them with the
/// syntax exactly as it does for RST pages.
///
/// The text renderings lose indentation (compact layout) or keep it only loosely (expanded
/// layout), so nesting is not read from the text: the entries are read in page order as
/// markers, and the syntax skeleton says which marker belongs under which (boto3 writes
/// both in the same depth-first order). A marker where the syntax expects another is left
/// unconsumed and reported.
struct ChangelogProse {
    struct Marker {
        enum Kind { case topLevel, bullet }
        var kind: Kind
        var name: String?
        var type: ProseType
        var required = false
        var union = false
        /// boto3 fills this parameter in itself: documented, left out of the request syntax.
        var autoPopulated = false
        /// 0-based line.
        var line: Int
        /// The description's lines, when the reader keeps documentation.
        var documentation: [String] = []
    }

    let lines: ChangelogLines
    private(set) var markers: [Marker] = []

    /// Reads the markers of `range`. `topLevel` allows parameter headings (`type X` + type
    /// line in the expanded layout, a bare type line in the compact one).
    init(_ lines: ChangelogLines, range: Range<Int>, topLevel: Bool, documentation: Bool = false) {
        self.lines = lines
        var describing = documentation
        var i = range.lowerBound
        var lastTop: Int?
        var linesSinceTop = 0
        while i < range.upperBound {
            let t = lines.trimmed[i]
            defer { i += 1 }
            if t.isEmpty { continue }
            linesSinceTop += 1
            if topLevel, t.hasPrefix("type "), !t.dropFirst(5).contains(" "),
               let typeLine = lines.nextContent(from: i + 1, before: range.upperBound),
               let type = Self.typeWord(lines.trimmed[typeLine]) {
                markers.append(Marker(kind: .topLevel, name: String(t.dropFirst(5)), type: type, line: i))
                lastTop = markers.count - 1
                linesSinceTop = 0
                i = typeLine
                continue
            }
            if topLevel, let type = Self.typeWord(t) {
                markers.append(Marker(kind: .topLevel, name: nil, type: type, line: i))
                lastTop = markers.count - 1
                linesSinceTop = 0
                continue
            }
            if t.hasPrefix("param "), !t.dropFirst(6).contains(" ") { linesSinceTop = 0; continue }
            // `[REQUIRED]` directly under a parameter heading (after `param X` when there is one).
            if t == "[REQUIRED]", let top = lastTop, linesSinceTop == 1 {
                markers[top].required = true
                continue
            }
            if t.hasPrefix("Please note that this parameter is automatically populated"), let top = lastTop {
                markers[top].autoPopulated = true
                continue
            }
            if t.hasPrefix("This is a Tagged Union structure"), !markers.isEmpty {
                markers[markers.count - 1].union = true
                continue
            }
            if let bullet = Self.bullet(t, line: i) {
                markers.append(bullet)
            } else if t == "Exceptions" {
                describing = false
            } else if describing, !markers.isEmpty {
                markers[markers.count - 1].documentation.append(t)
            }
        }
    }

    /// `string`, `list`, `dict`, ...: the words boto3 uses for types, as the text shows them.
    static func typeWord(_ t: String) -> ProseType? {
        switch t {
        case "string", "integer", "float", "boolean", "datetime", "bytes", "dict", "list", "biginteger", "bigdecimal":
            return ProseType(Array(t.utf8)[...])
        case "document", ":ref:`document<document>`": return .document
        case "bytes or seekable file-like object": return .streamingInput
        case "StreamingBody", ".StreamingBody", ":class:`.StreamingBody`": return .streamingOutput
        case "EventStream", ".EventStream", ":class:`.EventStream`": return .eventStream
        case "JSON serializable": return .jsonValue
        default: return nil
        }
    }

    /// `• Name (type) -- [REQUIRED]`, `(dict) --`, `Name (list) --` (bullet sign optional).
    static func bullet(_ text: String, line: Int) -> Marker? {
        var t = Substring(text)
        for sign in ["• ", "- ", "* "] where t.hasPrefix(sign) { t = t.dropFirst(sign.count); break }
        var name: String?
        if t.first != "(" {
            guard let space = t.firstIndex(of: " ") else { return nil }
            let candidate = t[..<space]
            guard candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == ":" || $0 == "@" || $0 == "$" }) else { return nil }
            name = String(candidate)
            t = t[space...].dropFirst()
            guard t.first == "(" else { return nil }
        }
        guard let close = t.range(of: ") --") else { return nil }
        let typeText = t[t.index(after: t.startIndex)..<close.lowerBound]
        guard let type = typeWord(String(typeText)) else { return nil }
        let rest = t[close.upperBound...]
        guard rest.isEmpty || rest.first == " " else { return nil }
        return Marker(kind: .bullet, name: name, type: type, required: rest.contains("[REQUIRED]"), line: line)
    }

    // MARK: assembling

    /// The top-level markers split the region into one chunk per parameter.
    var topLevelIndexes: [Int] { markers.indices.filter { markers[$0].kind == .topLevel } }
}

/// Consumes markers in the order the skeleton expects them.
struct ProseAssembler {
    var markers: ArraySlice<ChangelogProse.Marker>
    /// Markers the skeleton had no place for (0-based lines).
    var unplaced: [Int] = []

    init(_ markers: ArraySlice<ChangelogProse.Marker>) { self.markers = markers }

    /// The next marker if it is a bullet named `name` (nil: an unnamed item / map key bullet).
    private mutating func take(named name: String?) -> ChangelogProse.Marker? {
        guard let m = markers.first, m.kind == .bullet, m.name == name else { return nil }
        markers = markers.dropFirst()
        return m
    }

    /// The children a node of `skeleton`'s kind has in the prose.
    mutating func children(of skeleton: SkeletonNode) -> [ProseNode] {
        switch skeleton.kind {
        case .object:
            if skeleton.entries.count == 1, isMapKey(skeleton.entries[0].key) {
                guard let key = take(named: nil) else { return [] }
                var keyNode = node(key)
                if let value = take(named: nil) {
                    var valueNode = node(value)
                    valueNode.children = children(of: skeleton.entries[0].value)
                    keyNode.children = [valueNode]
                }
                return [keyNode]
            }
            var out: [ProseNode] = []
            for entry in skeleton.entries {
                guard let name = entry.keyText, let m = take(named: name) else { continue }
                var child = node(m)
                child.children = children(of: entry.value)
                out.append(child)
            }
            return out
        case .list:
            guard skeleton.items.count == 1, let m = take(named: nil) else { return [] }
            var item = node(m)
            item.children = children(of: skeleton.items[0])
            return [item]
        case let .call(name) where name == "EventStream":
            guard skeleton.items.count == 1 else { return [] }
            return children(of: skeleton.items[0])
        default:
            return []
        }
    }

    /// Markers left over: the prose documents something the syntax does not show.
    mutating func drain() {
        unplaced += markers.map(\.line)
        markers = markers.dropFirst(markers.count)
    }

    func node(_ m: ChangelogProse.Marker) -> ProseNode {
        var n = ProseNode(name: m.name, type: m.type, line: m.line, indent: 0)
        n.required = m.required
        n.union = m.union
        if !m.documentation.isEmpty { n.documentation = m.documentation.joined(separator: "\n\n") }
        return n
    }

    private func isMapKey(_ key: SkeletonNode) -> Bool {
        if key.stringValue == "string" { return true }
        if case .alternatives = key.kind { return key.items.allSatisfy { $0.stringValue != nil } }
        return false
    }
}
