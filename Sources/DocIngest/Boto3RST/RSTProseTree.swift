/// The type a boto3 page's prose gives a parameter: `:type X: list`, `*(dict) --*`, or
/// one of the linked special types.
enum ProseType: Sendable, Hashable {
    case string, integer, float, boolean, datetime, bytes, dict, list, document
    /// `bytes or seekable file-like object`: a streaming request body.
    case streamingInput
    /// `:class:`.StreamingBody``: a streaming response body.
    case streamingOutput
    /// `:class:`.EventStream``.
    case eventStream
    /// `JSON serializable`: a header whose string value carries JSON.
    case jsonValue
    case unknown(String)

    init(_ bytes: ArraySlice<UInt8>) {
        var text = bytes
        // cloudformation's GetTemplate hook writes `(*dict*) --`.
        while text.first == UInt8(ascii: "*") { text = text.dropFirst() }
        while text.last == UInt8(ascii: "*") { text = text.dropLast() }
        // Compared as bytes: a String is made only for a type boto3 does not write.
        for (spelling, type) in Self.spellings where text.count == spelling.count && text.elementsEqual(spelling) {
            self = type
            return
        }
        self = .unknown(String(decoding: text, as: UTF8.self))
    }

    private static let spellings: [([UInt8], ProseType)] = {
        let table: [(String, ProseType)] = [
            ("string", .string), ("str or dict", .string), ("integer", .integer), ("biginteger", .integer),
            ("float", .float), ("bigdecimal", .float), ("boolean", .boolean), ("datetime", .datetime),
            ("bytes", .bytes), ("dict", .dict), ("list", .list), (":ref:`document<document>`", .document),
            ("bytes or seekable file-like object", .streamingInput), (":class:`.StreamingBody`", .streamingOutput),
            (":class:`.EventStream`", .eventStream), ("JSON serializable", .jsonValue),
        ]
        return table.map { (Array($0.0.utf8), $0.1) }
    }()
}

/// One parameter of the prose tree: a `:type:`/`:param:` pair or a `- **Name** *(type) --*`
/// bullet, with the bullets indented under it as children.
struct ProseNode: Sendable {
    var name: String?
    var type: ProseType
    var required = false
    var union = false
    /// 0-based line index of the `:type:` line or the bullet.
    var line: Int
    var indent: Int
    var children: [ProseNode] = []
    /// The parameter's description, when the reader keeps documentation.
    var documentation: String?

    func child(named key: String) -> ProseNode? { children.first { $0.name == key } }
}

/// Reads the prose tree of a request's parameters or a response's structure.
enum RSTProseTree {
    /// The top-level nodes in `lines`: `:type:` parameters for a request, the `- *(dict) --*`
    /// root for a response.
    static func parse(_ page: TextLines, lines: Range<Int>, documentation: Bool = false) -> [ProseNode] {
        var roots: [ProseNode] = []
        // Open nodes from the outermost to the innermost, with where their description is:
        // the text after the head on its own line, then the lines indented under the node
        // before its first nested bullet.
        var stack: [ProseNode] = []
        var described: [Description?] = []

        // Nodes are moved off the stack, not copied: a copy retains each field of the node.
        func closeDeeper(than indent: Int) {
            while let innermost = stack.last?.indent, innermost >= indent {
                var last = stack.removeLast()
                if let text = described.removeLast() { last.documentation = RSTText.paragraphs(page, lines: text.lines, from: text.from) }
                if stack.isEmpty { roots.append(last) } else { stack[stack.count - 1].children.append(last) }
            }
        }
        func open(_ node: ProseNode, tail: HeadTail) {
            stack.append(node)
            described.append(documentation ? tail.description.map { Description(from: $0, lines: node.line..<(node.line + 1)) } : nil)
        }

        for i in lines {
            let start = page.contentStart(i)
            let end = page.range(i).upperBound
            guard start < end else { continue }
            let indent = start - page.starts[i]
            let first = page.bytes[start]
            if first == UInt8(ascii: "-"), let (node, tail) = bullet(page, line: i, start: start, end: end, indent: indent) {
                closeDeeper(than: indent)
                open(node, tail: tail)
            } else if first == UInt8(ascii: ":") {
                if page.hasPrefix(at: start, end: end, ":type "), let node = typeLine(page, line: i, start: start, end: end, indent: indent) {
                    closeDeeper(than: indent)
                    open(node, tail: HeadTail())
                } else if page.hasPrefix(at: start, end: end, ":param "), !stack.isEmpty,
                          let colon = page.find(": ", in: (start + 7)..<end) ?? (page.bytes[end - 1] == UInt8(ascii: ":") ? end - 1 : nil) {
                    // `:param Name: **[REQUIRED]** text`: its `:type:` node's mark and description start.
                    let tail = headTail(page, from: min(end, colon + 2), end: end)
                    if tail.required { stack[stack.count - 1].required = true }
                    if tail.union { stack[stack.count - 1].union = true }
                    if documentation, let from = tail.description, described[described.count - 1] == nil {
                        described[described.count - 1] = Description(from: from, lines: i..<(i + 1))
                    }
                }
            } else if first == UInt8(ascii: "."), !stack.isEmpty,
                      page.hasPrefix(at: start, end: end, unionNote) {
                stack[stack.count - 1].union = true
            } else if let top = stack.indices.last, stack[top].children.isEmpty, indent > stack[top].indent {
                // boto3 of 2022 glued the union note to the end of a description line.
                if !stack[top].union, let note = page.findNote(in: start..<end), page.hasPrefix(at: note, end: end, unionNote) {
                    stack[stack.count - 1].union = true
                }
                guard documentation else { continue }
                if let text = described[described.count - 1] {
                    described[described.count - 1] = Description(from: text.from, lines: text.lines.lowerBound..<(i + 1))
                } else {
                    described[described.count - 1] = Description(from: start, lines: i..<(i + 1))
                }
            }
        }
        closeDeeper(than: 0)
        return roots
    }

    static let unionNote: StaticString = ".. note::    This is a Tagged Union structure."

    /// Where a node's description is: `lines`, its first line read from byte `from`.
    struct Description {
        var from: Int
        var lines: Range<Int>
    }

    /// What a bullet or `:param:` line says after its head.
    struct HeadTail {
        var required = false
        /// boto3 of late 2023 glued the union note to the head: `*(dict) --* .. note::    This is a Tagged Union structure.`
        var union = false
        /// Offset of the description's first words on the head's line.
        var description: Int?
    }

    /// Reads `**[REQUIRED]**`, a glued union note and the start of the description after a head.
    static func headTail(_ page: TextLines, from: Int, end: Int) -> HeadTail {
        var tail = HeadTail()
        guard from < end else { return tail }
        tail.required = page.find("**[REQUIRED]**", in: from..<end) != nil
        var p = from
        while p < end, page.bytes[p] == 0x20 { p += 1 }
        if tail.required, page.hasPrefix(at: p, end: end, "**[REQUIRED]**") {
            p += 14
            while p < end, page.bytes[p] == 0x20 { p += 1 }
        }
        // The union note, glued after the head or after the description's first words.
        tail.union = page.findNote(in: p..<end).map { page.hasPrefix(at: $0, end: end, unionNote) } ?? false
        // A note is no description (as on a line of its own, see `RSTText.paragraphs`).
        if page.hasPrefix(at: p, end: end, ".. note::") { return tail }
        if p < end { tail.description = p }
        return tail
    }

    /// `- **Name** *(type) --* **[REQUIRED]**`, `- *(type) --*`, `- **Name** (:class:`.EventStream`) --`
    static func bullet(_ page: TextLines, line: Int, start: Int, end: Int, indent: Int) -> (ProseNode, HeadTail)? {
        let b = page.bytes
        var p = start + 1
        guard p < end, b[p] == 0x20 else { return nil }
        p += 1
        var name: String?
        if page.hasPrefix(at: p, end: end, "**") {
            let nameStart = p + 2
            guard let close = page.find("** ", in: nameStart..<end) else { return nil }
            name = page.string(nameStart..<close)
            p = close + 3
        }
        var italic = false
        if p < end, b[p] == UInt8(ascii: "*") { italic = true; p += 1 }
        guard p < end, b[p] == UInt8(ascii: "(") else { return nil }
        let typeStart = p + 1
        guard let typeEnd = page.find(") --", in: typeStart..<end) else { return nil }
        var node = ProseNode(name: name, type: ProseType(b[typeStart..<typeEnd]), line: line, indent: indent)
        p = typeEnd + 4
        if italic {
            guard p < end, b[p] == UInt8(ascii: "*") else { return nil }
            p += 1
        }
        let tail = headTail(page, from: p, end: end)
        node.required = tail.required
        node.union = tail.union
        return (node, tail)
    }

    /// `:type Name: list`
    static func typeLine(_ page: TextLines, line: Int, start: Int, end: Int, indent: Int) -> ProseNode? {
        let nameStart = start + 6
        guard let colon = page.find(": ", in: nameStart..<end) else { return nil }
        var typeEnd = end
        while typeEnd > colon + 2, page.bytes[typeEnd - 1] == 0x20 { typeEnd -= 1 }
        return ProseNode(name: page.string(nameStart..<colon), type: ProseType(page.bytes[(colon + 2)..<typeEnd]), line: line, indent: indent)
    }
}
