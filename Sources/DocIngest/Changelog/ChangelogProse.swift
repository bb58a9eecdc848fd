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
        /// Where the description's lines are in `ChangelogProse.documentation`, when the reader
        /// keeps documentation: decoded once, when the marker becomes a node, as paragraphs
        /// (a blank line between lines).
        var documentation: Range<Int> = 0..<0
    }

    let lines: ChangelogLines
    private(set) var markers: [Marker] = []
    /// The byte ranges of the markers' description lines, each marker's lines together (a
    /// marker's lines are read while it is the last one).
    private(set) var documentation: [Range<Int>] = []

    /// Reads the markers of `range`. `topLevel` allows parameter headings (`type X` + type
    /// line in the expanded layout, a bare type line in the compact one). Lines are tested
    /// on their bytes; only names and kept documentation are decoded.
    init(_ lines: ChangelogLines, range: Range<Int>, topLevel: Bool, documentation: Bool = false) {
        self.lines = lines
        let page = lines.page
        var describing = documentation
        var i = range.lowerBound
        var lastTop: Int?
        var linesSinceTop = 0
        while i < range.upperBound {
            let t = lines.trimmed[i]
            defer { i += 1 }
            if t.isEmpty { continue }
            linesSinceTop += 1
            if topLevel, page.hasPrefix(t, "type "), !Self.hasSpace(page, t.lowerBound + 5..<t.upperBound),
               let typeLine = lines.nextContent(from: i + 1, before: range.upperBound),
               let type = Self.typeWord(page.bytes, lines.trimmed[typeLine]) {
                markers.append(Marker(kind: .topLevel, name: page.string(t.lowerBound + 5..<t.upperBound), type: type, line: i))
                lastTop = markers.count - 1
                linesSinceTop = 0
                i = typeLine
                continue
            }
            if topLevel, let type = Self.typeWord(page.bytes, t) {
                markers.append(Marker(kind: .topLevel, name: nil, type: type, line: i))
                lastTop = markers.count - 1
                linesSinceTop = 0
                continue
            }
            if page.hasPrefix(t, "param "), !Self.hasSpace(page, t.lowerBound + 6..<t.upperBound) { linesSinceTop = 0; continue }
            // `[REQUIRED]` directly under a parameter heading (after `param X` when there is one).
            if page.equals(t, "[REQUIRED]"), let top = lastTop, linesSinceTop == 1 {
                markers[top].required = true
                continue
            }
            if page.hasPrefix(t, "Please note that this parameter is automatically populated"), let top = lastTop {
                markers[top].autoPopulated = true
                continue
            }
            if page.hasPrefix(t, "This is a Tagged Union structure"), !markers.isEmpty {
                markers[markers.count - 1].union = true
                continue
            }
            if let bullet = Self.bullet(page, t, line: i) {
                markers.append(bullet)
            } else if page.equals(t, "Exceptions") {
                describing = false
            } else if describing, !markers.isEmpty {
                let last = markers.count - 1
                let first = markers[last].documentation.isEmpty ? self.documentation.count : markers[last].documentation.lowerBound
                self.documentation.append(t)
                markers[last].documentation = first..<self.documentation.count
            }
        }
    }

    private static func hasSpace(_ page: TextLines, _ r: Range<Int>) -> Bool {
        page.bytes[r].contains(0x20)
    }

    /// `string`, `list`, `dict`, ...: the words boto3 uses for types, as the text shows them
    /// (the bytes `r` of `bytes`). Looked up among the spellings of `r`'s length: every
    /// bullet and many short lines of a page are tested.
    static func typeWord(_ bytes: [UInt8], _ r: Range<Int>) -> ProseType? {
        guard r.count < typeSpellings.count else { return nil }
        for (spelling, type) in typeSpellings[r.count] where bytes[r].elementsEqual(spelling) { return type }
        return nil
    }

    /// The type spellings by their length in bytes (up to the longest).
    private static let typeSpellings: [[([UInt8], ProseType)]] = {
        let spellings: [(String, ProseType)] = [
            ("string", .string), ("integer", .integer), ("float", .float), ("boolean", .boolean), ("datetime", .datetime),
            ("bytes", .bytes), ("dict", .dict), ("list", .list), ("biginteger", .integer), ("bigdecimal", .float),
            ("document", .document), (":ref:`document<document>`", .document),
            ("bytes or seekable file-like object", .streamingInput),
            ("StreamingBody", .streamingOutput), (".StreamingBody", .streamingOutput), (":class:`.StreamingBody`", .streamingOutput),
            ("EventStream", .eventStream), (".EventStream", .eventStream), (":class:`.EventStream`", .eventStream),
            ("JSON serializable", .jsonValue),
        ]
        var table = Array(repeating: [([UInt8], ProseType)](), count: spellings.map(\.0.utf8.count).max()! + 1)
        for (text, type) in spellings { table[text.utf8.count].append((Array(text.utf8), type)) }
        return table
    }()

    /// `• Name (type) -- [REQUIRED]`, `(dict) --`, `Name (list) --` (bullet sign optional), on
    /// the line bytes `r`.
    static func bullet(_ page: TextLines, _ r: Range<Int>, line: Int) -> Marker? {
        let bytes = page.bytes
        var p = r.lowerBound
        for sign in ["• ", "- ", "* "] as [StaticString] where page.hasPrefix(at: p, end: r.upperBound, sign) {
            p += sign.utf8CodeUnitCount
            break
        }
        var name: String?
        if p == r.upperBound || bytes[p] != UInt8(ascii: "(") {
            guard let space = bytes[p..<r.upperBound].firstIndex(of: 0x20), space + 1 < r.upperBound,
                  bytes[space + 1] == UInt8(ascii: "("), RenderedProse.isMemberName(bytes[p..<space]) else { return nil }
            name = page.string(p..<space)
            p = space + 1
        }
        guard let close = page.find(") --", in: p..<r.upperBound) else { return nil }
        guard let type = typeWord(bytes, (p + 1)..<close) else { return nil }
        let rest = close + 4
        guard rest == r.upperBound || bytes[rest] == 0x20 else { return nil }
        return Marker(kind: .bullet, name: name, type: type, required: page.find("[REQUIRED]", in: rest..<r.upperBound) != nil, line: line)
    }

    // MARK: assembling

    /// The top-level markers split the region into one chunk per parameter.
    var topLevelIndexes: [Int] { markers.indices.filter { markers[$0].kind == .topLevel } }
}

/// Consumes markers in the order the skeleton expects them.
struct ProseAssembler {
    var markers: ArraySlice<ChangelogProse.Marker>
    /// The page the markers are on and their description lines, decoded from it.
    let page: TextLines
    let documentation: [Range<Int>]
    /// Markers the skeleton had no place for (0-based lines).
    var unplaced: [Int] = []

    init(_ markers: ArraySlice<ChangelogProse.Marker>, of prose: ChangelogProse) {
        self.markers = markers
        page = prose.lines.page
        documentation = prose.documentation
    }

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
                // Appended, then given its children in place: a node is a large value, and
                // appending a finished one copied it and destroyed the original.
                out.append(node(m))
                out[out.count - 1].children = children(of: entry.value)
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
        if !m.documentation.isEmpty { n.documentation = page.string(joining: documentation[m.documentation], separator: "\n\n") }
        return n
    }

    private func isMapKey(_ key: SkeletonNode) -> Bool {
        if key.stringValue == "string" { return true }
        if case .alternatives = key.kind { return key.items.allSatisfy { $0.stringValue != nil } }
        return false
    }
}
