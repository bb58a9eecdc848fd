/// Where the parts of a boto3 client method page are, found in one pass over its lines.
///
/// boto3 writes every model-driven page in the same order: breadcrumb, title,
/// `.. py:method::`, description with the "AWS API Documentation" link, `**Request
/// Syntax**` code block, `:type:`/`:param:` tree, `:rtype:`/`:returns:` with `**Response
/// Syntax**` and `**Response Structure**`, `**Exceptions**`, `**Examples**`. Any section
/// may be replaced by boto3's "This section is too large to render." block.
struct RSTPageLayout {
    struct CodeBlock {
        /// The block's lines (0-based, half-open), after the `::` line.
        var lines: Range<Int>
        var tooLarge: Bool
    }

    var breadcrumbService: String?
    var breadcrumbMethod: String?
    var methodLine: Int?
    /// `ec2-2016-11-15` and `DescribeImageReferences` from the API documentation link.
    var apiUID: String?
    var apiOperation: String?
    var apiLinkLine: Int?
    var introLines: Range<Int> = 0..<0
    var requestSyntaxLine: Int?
    var requestSyntax: CodeBlock?
    var requestParams: Range<Int> = 0..<0
    var requestParamsTooLarge = false
    var returnsNone = false
    var eventStreamOutput = false
    var responseSyntaxLine: Int?
    var responseSyntax: CodeBlock?
    var responseStructureLine: Int?
    var responseStructure: Range<Int> = 0..<0
    var responseStructureTooLarge = false
    var exceptions: [(name: String, line: Int)] = []
    /// Exception lines that do not end like one (a cut page).
    var damagedExceptions: [Int] = []
    var deprecated = false

    /// The layout of the method in `lines` (the whole page for a method page, whose first
    /// line is the breadcrumb).
    init(_ page: TextLines, lines: Range<Int>, breadcrumb: Bool) {
        let n = lines.upperBound
        guard n > lines.lowerBound else { return }
        if breadcrumb { readBreadcrumb(page) }
        var i = lines.lowerBound
        // Header: up to the request syntax.
        while i < n {
            if methodLine == nil, page.startsWith(i, ".. py:method:: ") { methodLine = i }
            if page.startsWith(i, "**Request Syntax**") { requestSyntaxLine = i; break }
            if apiOperation == nil, page.startsWith(i, "See also: `AWS API Documentation <") { readAPILink(page, i) }
            if page.startsWith(i, "This operation is deprecated") { deprecated = true }
            i += 1
        }
        if let m = methodLine { introLines = (m + 1)..<min(i, n) }
        guard let requestLine = requestSyntaxLine else { return }
        // The method body's indentation (a too-large block indents its heading deeper).
        let topIndent = methodLine.map { (page.indent($0) ?? 0) + 2 } ?? (page.indent(requestLine) ?? 0)
        var block = Self.codeBlock(page, after: requestLine, end: n)
        requestSyntax = block
        if apiOperation == nil, let b = block, b.tooLarge { scanForAPILink(page, b.lines.upperBound..<min(n, b.lines.upperBound + 4)) }
        // Parameters: up to `:rtype:` / `:returns:` at the method body's indentation.
        i = block?.lines.upperBound ?? (requestLine + 1)
        let paramsStart = i
        while i < n {
            if page.indent(i) == topIndent, page.startsWith(i, ":rtype:") || page.startsWith(i, ":returns:") { break }
            if page.indent(i) == topIndent, page.startsWith(i, "**Exceptions**") || page.startsWith(i, "**Examples**") { break }
            if page.startsWith(i, "**Parameters**") {
                if let b = Self.codeBlock(page, after: i, end: n), b.tooLarge { requestParamsTooLarge = true }
            }
            i += 1
        }
        requestParams = paramsStart..<i
        // Return value.
        while i < n, page.indent(i) == nil || !(page.startsWith(i, ":returns:") || page.startsWith(i, "**Exceptions**") || page.startsWith(i, "**Examples**")) {
            i += 1
        }
        if i < n, page.startsWith(i, ":returns:") {
            let r = page.range(i)
            let text = page.bytes[page.contentStart(i)..<r.upperBound]
            returnsNone = text.elementsEqual(":returns: None".utf8) || text.starts(with: ":returns: None ".utf8)
            i += 1
            if !returnsNone {
                while i < n {
                    if page.startsWith(i, "**Response Syntax**") { responseSyntaxLine = i; break }
                    if page.startsWith(i, "The response of this operation contains an :class:`.EventStream`") { eventStreamOutput = true }
                    if page.indent(i) == topIndent { break }
                    i += 1
                }
                if let line = responseSyntaxLine {
                    block = Self.codeBlock(page, after: line, end: n)
                    responseSyntax = block
                    i = block?.lines.upperBound ?? (line + 1)
                    while i < n, !page.startsWith(i, "**Response Structure**") {
                        if page.indent(i) == topIndent { break }
                        i += 1
                    }
                    if i < n, page.startsWith(i, "**Response Structure**") {
                        responseStructureLine = i
                        let start = i + 1
                        if let b = Self.codeBlock(page, after: i, end: n), b.tooLarge { responseStructureTooLarge = true }
                        i += 1
                        // Up to the next section; prose may hold lines indented less than the tree.
                        while i < n, !(page.indent(i) == topIndent
                                       && (page.startsWith(i, "**Exceptions**") || page.startsWith(i, "**Examples**"))) {
                            i += 1
                        }
                        responseStructure = start..<i
                    }
                }
            }
        }
        // Exceptions.
        while i < n, !(page.indent(i) == topIndent && page.startsWith(i, "**Exceptions**")) {
            if page.indent(i) == topIndent, page.startsWith(i, "**Examples**") { return }
            i += 1
        }
        i += 1
        while i < n {
            guard let indent = page.indent(i) else { i += 1; continue }
            if indent <= topIndent, !page.startsWith(i, "*") { break }
            if page.startsWith(i, "*   :py:class:`") { readException(page, i) }
            i += 1
        }
    }

    /// The code block introduced by the `::` line after `heading`: the lines indented deeper
    /// than `::`, up to the first line that is not (or `end`).
    static func codeBlock(_ page: TextLines, after heading: Int, end n: Int) -> CodeBlock? {
        var i = heading + 1
        while i < n, page.indent(i) == nil { i += 1 }
        guard i < n, page.startsWith(i, "::") else { return nil }
        let markerIndent = page.indent(i)!
        i += 1
        let start = i
        var firstContent: Int?
        while i < n {
            if let indent = page.indent(i) {
                // A heading (`**Parameters**` of a too-large block) ends the code: no literal starts with `**`.
                if indent <= markerIndent || page.startsWith(i, "**") { break }
                if firstContent == nil { firstContent = i }
            }
            i += 1
        }
        var end = i
        while end > start, page.indent(end - 1) == nil { end -= 1 }
        let tooLarge = firstContent.map { page.startsWith($0, "# This section is too large to render.") } ?? false
        return CodeBlock(lines: start..<end, tooLarge: tooLarge)
    }

    /// The method's name on its `.. py:method::` line: `describe_images` of
    /// `.. py:method:: describe_images(**kwargs)` or `... EC2.Client.describe_images(**kwargs)`.
    func methodName(_ page: TextLines) -> String? {
        guard let line = methodLine else { return nil }
        let r = page.range(line)
        let start = page.contentStart(line) + 15
        guard start < r.upperBound, let paren = page.bytes[start..<r.upperBound].firstIndex(of: UInt8(ascii: "(")) else { return nil }
        var p = paren
        while p > start, page.bytes[p - 1] != UInt8(ascii: ".") { p -= 1 }
        return p < paren ? page.string(p..<paren) : nil
    }

    /// `:doc:`EC2 <../../ec2>` / Client / describe_image_references`
    private mutating func readBreadcrumb(_ page: TextLines) {
        let r = page.range(0)
        guard page.hasPrefix(at: r.lowerBound, end: r.upperBound, ":doc:`"),
              let open = page.find("<../../", in: r) else { return }
        var p = open + 7
        let start = p
        while p < r.upperBound, page.bytes[p] != UInt8(ascii: ">") { p += 1 }
        guard p < r.upperBound else { return }
        breadcrumbService = page.string(start..<p)
        if let client = page.find(" / Client / ", in: p..<r.upperBound) {
            breadcrumbMethod = page.string((client + 12)..<r.upperBound)
        }
    }

    private mutating func scanForAPILink(_ page: TextLines, _ lines: Range<Int>) {
        for i in lines where page.startsWith(i, "`AWS API Documentation <") {
            readAPILink(page, i)
            return
        }
    }

    /// `... <https://docs.aws.amazon.com/goto/WebAPI/ec2-2016-11-15/DescribeImageReferences>`_`
    private mutating func readAPILink(_ page: TextLines, _ i: Int) {
        let r = page.range(i)
        guard let at = page.find("/goto/WebAPI/", in: r) else { return }
        var p = at + 13
        let uidStart = p
        while p < r.upperBound, page.bytes[p] != UInt8(ascii: "/"), page.bytes[p] != UInt8(ascii: ">") { p += 1 }
        guard p < r.upperBound, page.bytes[p] == UInt8(ascii: "/") else { return }
        let uidEnd = p
        p += 1
        let opStart = p
        while p < r.upperBound, page.bytes[p] != UInt8(ascii: ">") { p += 1 }
        guard p < r.upperBound, p > opStart else { return }
        apiUID = page.string(uidStart..<uidEnd)
        apiOperation = page.string(opStart..<p)
        apiLinkLine = i
    }

    /// `*   :py:class:`EC2.Client.exceptions.ResourceNotFoundException``
    private mutating func readException(_ page: TextLines, _ i: Int) {
        let r = page.range(i)
        var end = r.upperBound
        while end > r.lowerBound, page.bytes[end - 1] == 0x20 { end -= 1 }
        guard end > r.lowerBound, page.bytes[end - 1] == UInt8(ascii: "`") else {
            damagedExceptions.append(i)
            return
        }
        while end > r.lowerBound, page.bytes[end - 1] == UInt8(ascii: "`") || page.bytes[end - 1] == 0x20 { end -= 1 }
        var p = end
        while p > r.lowerBound, page.bytes[p - 1] != UInt8(ascii: "."), page.bytes[p - 1] != UInt8(ascii: "`") { p -= 1 }
        guard p < end else { return }
        exceptions.append((page.string(p..<end), i))
    }
}
