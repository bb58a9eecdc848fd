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
        switch String(decoding: text, as: UTF8.self) {
        case "string", "str or dict": self = .string
        case "integer", "biginteger": self = .integer
        case "float", "bigdecimal": self = .float
        case "boolean": self = .boolean
        case "datetime": self = .datetime
        case "bytes": self = .bytes
        case "dict": self = .dict
        case "list": self = .list
        case ":ref:`document<document>`": self = .document
        case "bytes or seekable file-like object": self = .streamingInput
        case ":class:`.StreamingBody`": self = .streamingOutput
        case ":class:`.EventStream`": self = .eventStream
        case "JSON serializable": self = .jsonValue
        case let other: self = .unknown(other)
        }
    }
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
    static func parse(_ page: RSTLines, lines: Range<Int>, documentation: Bool = false) -> [ProseNode] {
        var roots: [ProseNode] = []
        // Open nodes from the outermost to the innermost, with the lines of their description:
        // the text indented under the node before its first nested bullet.
        var stack: [ProseNode] = []
        var described: [Range<Int>?] = []

        func closeDeeper(than indent: Int) {
            while var last = stack.last, last.indent >= indent {
                stack.removeLast()
                if let text = described.removeLast() { last.documentation = RSTText.paragraphs(page, lines: text) }
                if stack.isEmpty { roots.append(last) } else { stack[stack.count - 1].children.append(last) }
            }
        }
        func open(_ node: ProseNode) {
            stack.append(node)
            described.append(nil)
        }

        for i in lines {
            let start = page.contentStart(i)
            let end = page.range(i).upperBound
            guard start < end else { continue }
            let indent = start - page.starts[i]
            let first = page.bytes[start]
            if first == UInt8(ascii: "-"), let bullet = bullet(page, line: i, start: start, end: end, indent: indent) {
                closeDeeper(than: indent)
                open(bullet)
            } else if first == UInt8(ascii: ":") {
                if page.hasPrefix(at: start, end: end, ":type "), let node = typeLine(page, line: i, start: start, end: end, indent: indent) {
                    closeDeeper(than: indent)
                    open(node)
                } else if page.hasPrefix(at: start, end: end, ":param "), !stack.isEmpty,
                          page.find("**[REQUIRED]**", in: start..<end) != nil {
                    stack[stack.count - 1].required = true
                }
            } else if first == UInt8(ascii: "."), !stack.isEmpty,
                      page.hasPrefix(at: start, end: end, ".. note::    This is a Tagged Union structure.") {
                stack[stack.count - 1].union = true
            } else if documentation, let top = stack.last, top.children.isEmpty, indent > top.indent {
                let text = described[described.count - 1]
                described[described.count - 1] = (text?.lowerBound ?? i)..<(i + 1)
            }
        }
        closeDeeper(than: 0)
        return roots
    }

    /// `- **Name** *(type) --* **[REQUIRED]**`, `- *(type) --*`, `- **Name** (:class:`.EventStream`) --`
    static func bullet(_ page: RSTLines, line: Int, start: Int, end: Int, indent: Int) -> ProseNode? {
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
        if p < end, page.find("**[REQUIRED]**", in: p..<end) != nil { node.required = true }
        return node
    }

    /// `:type Name: list`
    static func typeLine(_ page: RSTLines, line: Int, start: Int, end: Int, indent: Int) -> ProseNode? {
        let nameStart = start + 6
        guard let colon = page.find(": ", in: nameStart..<end) else { return nil }
        var typeEnd = end
        while typeEnd > colon + 2, page.bytes[typeEnd - 1] == 0x20 { typeEnd -= 1 }
        return ProseNode(name: page.string(nameStart..<colon), type: ProseType(page.bytes[(colon + 2)..<typeEnd]), line: line, indent: indent)
    }
}
