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
        var nodes: [ProseNode] = []
        nodes.reserveCapacity(bullets.count)
        for bullet in bullets {
            if let node = node(bullet, documentation: documentation) { nodes.append(node) }
        }
        return nodes
    }

    static func node(_ bullet: Boto3PageSections.Bullet, documentation: Bool = false) -> ProseNode? {
        guard case let (name, type, required, description)? = parseHead(bullet.head) else { return nil }
        var node = ProseNode(name: name, type: type, line: max(0, bullet.line - 1), indent: 0)
        node.required = required || bullet.requiredMark
        node.union = bullet.union
        node.children = nodes(bullet.children, documentation: documentation)
        if documentation {
            // The head's text after the dash (a `:param:` rendering), then the paragraphs,
            // the non-empty ones between blank lines.
            var text = description
            for paragraph in bullet.paragraphs where !paragraph.isEmpty {
                if !text.isEmpty { text += "\n\n" }
                text += paragraph
            }
            node.documentation = text.isEmpty ? nil : text
        }
        return node
    }

    /// `Name (type) – rest`, `(type) –`; nil for any other text. `description` is the rest
    /// without a leading `[REQUIRED]`. Read on the text's bytes: a head carries its whole
    /// first paragraph.
    static func parseHead(_ text: String) -> (name: String?, type: ProseType, required: Bool, description: String)? {
        let u = Array(text.utf8)
        let end = u.count
        func skipSpace(_ p: Int, newlines: Bool) -> Int {
            var p = p
            while p < end {
                if newlines, u[p] == 0x0A { p += 1; continue }
                let w = TextSpace.width(u, at: p, end: end)
                if w == 0 { break }
                p += w
            }
            return p
        }
        func isDash(_ p: Int) -> Bool { p + 2 < end && u[p] == 0xE2 && u[p + 1] == 0x80 && u[p + 2] == 0x93 }
        func isDoubleHyphen(_ p: Int) -> Bool { p + 1 < end && u[p] == UInt8(ascii: "-") && u[p + 1] == UInt8(ascii: "-") }

        var p = skipSpace(0, newlines: true)
        var name: String?
        if p == end || u[p] != UInt8(ascii: "(") {
            guard let space = u[p...].firstIndex(of: 0x20), space > p, isMemberName(u[p..<space]) else { return nil }
            name = String(decoding: u[p..<space], as: UTF8.self)
            p = skipSpace(space, newlines: false)
            guard p < end, u[p] == UInt8(ascii: "(") else { return nil }
        }
        // The type ends at the `)` right before the dash; without a dash, at the last `)`.
        var close: Int?
        var k = p
        while k < end, let at = u[k...].firstIndex(of: UInt8(ascii: ")")) {
            let after = skipSpace(at + 1, newlines: false)
            if isDash(after) || isDoubleHyphen(after) { close = at; break }
            k = at + 1
        }
        if close == nil {
            let last = TextSpace.trim(u, p..<end).upperBound
            if last > p, u[last - 1] == UInt8(ascii: ")") { close = last - 1 }
        }
        guard let close else { return nil }
        let type = proseType(u[(p + 1)..<close])
        var rest = skipSpace(close + 1, newlines: false)
        // A `:param:` without text renders without the dash: `NextToken (string)`.
        if rest == end { return (name, type, false, "") }
        guard isDash(rest) || isDoubleHyphen(rest) else { return nil }
        while rest < end {
            if isDash(rest) { rest += 3 } else if u[rest] == UInt8(ascii: "-") { rest += 1 } else { break }
        }
        rest = skipSpace(rest, newlines: true)
        return (name, type, startsRequired(u, rest..<end), description(u, outerSpace: rest..<end) ?? "")
    }

    /// `description(_:)` of the text of `bytes[r]` (`r` on character boundaries).
    static func description(_ bytes: [UInt8], outerSpace r: Range<Int>) -> String? {
        var r = TextSpace.trimSpaceAndBreaks(bytes, r)
        if startsRequired(bytes, r) { r = TextSpace.trimSpaceAndBreaks(bytes, (r.lowerBound + 10)..<r.upperBound) }
        return r.isEmpty ? nil : String(decoding: bytes[r], as: UTF8.self)
    }

    /// The text of `bytes[r]` has the prefix `[REQUIRED]` (as `String.hasPrefix` tells it: a
    /// combining mark after the `]` makes another last character).
    private static func startsRequired(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard startsWith(bytes[r], "[REQUIRED]") else { return false }
        if r.count == 10 || bytes[r.lowerBound + 10] < 0x80 { return true }
        return String(decoding: bytes[r], as: UTF8.self).hasPrefix("[REQUIRED]")
    }

    /// `bytes` begin with the ASCII `prefix`.
    private static func startsWith(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        var p = bytes.startIndex
        for k in 0..<n {
            if bytes[p] != prefix.utf8Start[k] { return false }
            p += 1
        }
        return true
    }

    /// Description text without surrounding spaces and a leading `[REQUIRED]`; nil when
    /// nothing is left.
    static func description(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        return description(bytes, outerSpace: 0..<bytes.count)
    }

    /// `description(_:)` of a line's bytes `r`, already without surrounding space.
    static func description(_ bytes: [UInt8], _ r: Range<Int>) -> String? {
        var r = r
        if r.count >= 10, bytes[r.prefix(10)].elementsEqual("[REQUIRED]".utf8) { r = TextSpace.trim(bytes, (r.lowerBound + 10)..<r.upperBound) }
        return r.isEmpty ? nil : String(decoding: bytes[r], as: UTF8.self)
    }

    /// A member name as the renderings write it: letters, digits and `_-.:$@` (letters and
    /// digits of any script).
    static func isMemberName(_ bytes: ArraySlice<UInt8>) -> Bool {
        func isNameCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == ":" || c == "$" || c == "@"
        }
        // The first byte that is no ASCII name byte decides: non-ASCII text is judged by its characters.
        let first = bytes.withUnsafeBufferPointer { b in
            nameBytes.withUnsafeBufferPointer { table in b.first { table[Int($0)] != .name } }
        }
        switch first.map({ nameBytes[Int($0)] }) {
        case nil: return true
        case .nonASCII?: return String(decoding: bytes, as: UTF8.self).allSatisfy(isNameCharacter)
        default: return false
        }
    }

    private enum NameByte { case name, nonASCII, other }

    /// `isMemberName`'s class of each byte, looked up: every bullet's name is tested.
    private static let nameBytes: [NameByte] = (0...255).map { (c: Int) -> NameByte in
        if c >= 0x80 { return .nonASCII }
        let b = UInt8(c)
        return (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || "_-.:$@".utf8.contains(b) ? .name : .other
    }

    /// `proseType(_: Substring)` of the text of `bytes`, compared on the bytes when they are ASCII.
    static func proseType(_ bytes: ArraySlice<UInt8>) -> ProseType {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return proseType(Substring(String(decoding: bytes, as: UTF8.self))) }
        var t = bytes
        while t.first == UInt8(ascii: "*") { t = t.dropFirst() }
        while t.last == UInt8(ascii: "*") { t = t.dropLast() }
        func `is`(_ word: StaticString) -> Bool { t.count == word.utf8CodeUnitCount && startsWith(t, word) }
        switch t.count {
        case 4: if `is`("dict") { return .dict }; if `is`("list") { return .list }
        case 5: if `is`("float") { return .float }; if `is`("bytes") { return .bytes }
        case 6: if `is`("string") { return .string }
        case 7: if `is`("integer") { return .integer }; if `is`("boolean") { return .boolean }
        case 8: if `is`("datetime") { return .datetime }; if `is`("document") { return .document }
        default: break
        }
        return proseType(Substring(String(decoding: t, as: UTF8.self)))
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
