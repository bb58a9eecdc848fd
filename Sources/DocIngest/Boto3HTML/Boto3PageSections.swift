/// What a rendered boto3 method page (Sphinx HTML, or its text rendering) says, in the
/// terms the RST page parser works in: the syntax block texts, the parameter and response
/// bullet trees, the exceptions and the operation's identity. Both renderings are read into
/// this; `Boto3PageAssembler` then builds the operation with `Boto3OperationAssembler`, as the
/// RST reader does, so the three formats share one interpretation.
struct Boto3PageSections {
    /// The literal text of a highlighted syntax block.
    struct Syntax {
        var bytes: [UInt8]
        /// 1-based line of the block's first byte in the page.
        var firstLine: Int
        /// boto3's "# This section is too large to render." placeholder.
        var tooLarge: Bool

        init(bytes: [UInt8], firstLine: Int) {
            self.bytes = bytes
            self.firstLine = firstLine
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x0A { start += 1 }
            tooLarge = bytes[start...].starts(with: "# This section is too large to render.".utf8)
        }
    }

    /// One bullet of a rendered parameter tree: its first line of text (`Name (type) – ...`)
    /// and the bullets nested under it. Bullets of the description itself (lists of values)
    /// are kept too and fall out when their head does not read as a parameter.
    struct Bullet {
        var head: String
        /// 1-based line.
        var line: Int
        /// A "This is a Tagged Union structure" note sits under the bullet.
        var union = false
        /// `[REQUIRED]` in the paragraph right after the head (a `:param:` rendering).
        var requiredMark = false
        /// The description's paragraphs after the head, before any nested bullet.
        var paragraphs: [String] = []
        var children: [Bullet] = []
    }

    /// `AppStream` of `AppStream.Client.describe_image_builders`.
    var className: String?
    var method: String?
    var methodLine: Int?
    /// The signature is `(**kwargs)`: a model-driven method, which shows a request syntax.
    var takesKeywordArguments = false
    /// `appstream-2016-12-01` and `DescribeImageBuilders` of the "AWS API Documentation" link
    /// (HTML only: a text rendering keeps the link's words, not its target).
    var apiUID: String?
    var apiOperation: String?
    var documentation: String?
    var deprecated = false

    var requestSyntaxLine: Int?
    var requestSyntax: Syntax?
    /// Request parameters; nil when the page has no `Parameters` field.
    var parameters: [Bullet]?
    var parametersTooLarge = false

    var returnsLine: Int?
    var returnsNone = false
    var responseSyntaxLine: Int?
    var responseSyntax: Syntax?
    var responseStructureLine: Int?
    var responseStructure: [Bullet]?
    var responseStructureTooLarge = false

    var exceptions: [(name: String, line: Int)] = []
    /// The page ends like a whole page (`</html>`): a page without a method definition is
    /// then another page of the site (index, search), not a damaged method page.
    var wholePage = false
    /// 1-based number of the page's last line (where "the page ends before ..." is reported).
    var lastLine = 1
}

/// Reads a rendered bullet head into the RST parser's `ProseNode`. Sphinx renders
/// `:type X: list` + `:param X:` as `X (list) – text` and `- **X** *(list) --*` as
/// `X (list) –`; `**[REQUIRED]**` follows the dash.
enum RenderedProse {
    static func nodes(_ bullets: [Boto3PageSections.Bullet], documentation: Bool = false) -> [ProseNode] {
        bullets.compactMap { node($0, documentation: documentation) }
    }

    static func node(_ bullet: Boto3PageSections.Bullet, documentation: Bool = false) -> ProseNode? {
        guard let head = parseHead(bullet.head) else { return nil }
        var node = ProseNode(name: head.name, type: head.type, line: max(0, bullet.line - 1), indent: 0)
        node.required = head.required || bullet.requiredMark
        node.union = bullet.union
        node.children = nodes(bullet.children, documentation: documentation)
        if documentation {
            // The head's text after the dash (a `:param:` rendering), then the paragraphs.
            let text = ([head.description] + bullet.paragraphs).filter { !$0.isEmpty }.joined(separator: "\n\n")
            node.documentation = text.isEmpty ? nil : text
        }
        return node
    }

    /// `Name (type) – rest`, `(type) –`; nil for any other text. `description` is the rest
    /// without a leading `[REQUIRED]`.
    static func parseHead(_ text: String) -> (name: String?, type: ProseType, required: Bool, description: String)? {
        var s = Substring(text)
        while let f = s.first, TextSpace.isSpace(f) || f == "\n" { s = s.dropFirst() }
        var name: String?
        if s.first != "(" {
            guard let space = s.firstIndex(of: " ") else { return nil }
            let word = s[..<space]
            guard !word.isEmpty, word.allSatisfy(isNameCharacter) else { return nil }
            name = String(word)
            s = s[space...].drop(while: TextSpace.isSpace)
            guard s.first == "(" else { return nil }
        }
        // The type ends at the `)` right before the dash.
        guard let close = closeBeforeDash(s) else { return nil }
        let typeText = s[s.index(after: s.startIndex)..<close]
        var rest = s[s.index(after: close)...].drop(while: TextSpace.isSpace)
        // A `:param:` without text renders without the dash: `NextToken (string)`.
        if rest.isEmpty { return (name, proseType(typeText), false, "") }
        guard rest.first == "–" || rest.hasPrefix("--") else { return nil }
        rest = rest.drop { $0 == "–" || $0 == "-" }.drop { TextSpace.isSpace($0) || $0 == "\n" }
        return (name, proseType(typeText), rest.hasPrefix("[REQUIRED]"), description(String(rest)) ?? "")
    }

    /// Description text without surrounding spaces and a leading `[REQUIRED]`; nil when
    /// nothing is left.
    static func description(_ text: String) -> String? {
        let trimmed = text.trimmed
        let rest = trimmed.hasPrefix("[REQUIRED]") ? String(trimmed.dropFirst("[REQUIRED]".count)).trimmed : trimmed
        return rest.isEmpty ? nil : rest
    }

    private static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == ":" || c == "$" || c == "@"
    }

    private static func closeBeforeDash(_ s: Substring) -> Substring.Index? {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == ")" {
                let after = s[s.index(after: i)...].drop(while: TextSpace.isSpace)
                if after.first == "–" || after.hasPrefix("--") { return i }
            }
            i = s.index(after: i)
        }
        if let last = s.lastIndex(where: { !TextSpace.isSpace($0) }), s[last] == ")" { return last }
        return nil
    }

    /// The rendered words of boto3's types (roles and links reduced to their text).
    static func proseType(_ text: Substring) -> ProseType {
        var t = text
        while t.first == "*" { t = t.dropFirst() }
        while t.last == "*" { t = t.dropLast() }
        switch t {
        case "string": return .string
        case "integer", "biginteger": return .integer
        case "float", "bigdecimal": return .float
        case "boolean": return .boolean
        case "datetime": return .datetime
        case "bytes": return .bytes
        case "dict": return .dict
        case "list": return .list
        case "document": return .document
        case "bytes or seekable file-like object": return .streamingInput
        case "StreamingBody", ".StreamingBody": return .streamingOutput
        case "EventStream", ".EventStream": return .eventStream
        case "JSON serializable": return .jsonValue
        default: return .unknown(String(t))
        }
    }
}
