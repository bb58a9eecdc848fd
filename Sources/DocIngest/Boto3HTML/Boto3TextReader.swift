/// Reads a boto3 method page rendered as text by a text-mode browser (elinks' dump of the
/// Sphinx + furo page, re-indented): headings on their own lines (`Request Syntax`,
/// `Parameters:`, `Returns:`, `Response Syntax`, `Response Structure`, `Exceptions`), code
/// blocks verbatim, parameter trees as `•` bullets whose nesting is their indentation.
/// Indentation is only ever compared, never counted in fixed steps, and blank lines are
/// optional, so renderings with other list geometry read the same.
///
/// Works on the page's bytes (`TextLines`): only the text it keeps (descriptions, bullet
/// heads, syntax blocks) is decoded.
enum Boto3TextReader {
    /// A line's indentation (columns, a no-break space counting one) and its text without
    /// surrounding space.
    private struct Line {
        var indent: Int
        var content: Range<Int>
    }

    private struct Page {
        let text: TextLines
        let lines: [Line]

        var count: Int { lines.count }
        func isEmpty(_ k: Int) -> Bool { lines[k].content.isEmpty }
        func `is`(_ k: Int, _ s: StaticString) -> Bool { text.equals(lines[k].content, s) }
        func hasPrefix(_ k: Int, _ s: StaticString) -> Bool { text.hasPrefix(lines[k].content, s) }
        func string(_ k: Int) -> String { text.string(lines[k].content) }
    }

    static func read(_ bytes: [UInt8]) -> Boto3PageSections {
        let text = TextLines(bytes)
        var lines: [Line] = []
        lines.reserveCapacity(text.count)
        for i in 0..<text.count {
            // Columns are counted on blank lines too: a syntax block keeps them.
            let (columns, start) = text.leadingSpace(i)
            lines.append(Line(indent: columns, content: TextSpace.trim(bytes, start..<text.range(i).upperBound)))
        }
        return read(Page(text: text, lines: lines))
    }

    private static func read(_ lines: Page) -> Boto3PageSections {
        var page = Boto3PageSections()
        page.lastLine = max(1, lines.count)
        let n = lines.count

        // The method definition: `AppStream.Client.describe_image_builders(**kwargs)#`.
        var i = 0
        while i < n, page.methodLine == nil {
            let c = lines.lines[i].content
            if lines.text.find(".Client.", in: c) != nil, let (cls, method) = methodSignature(lines.text.bytes, c) {
                page.className = cls
                page.method = method
                page.methodLine = i + 1
                page.takesKeywordArguments = lines.text.find("(**kwargs)", in: c) != nil
            }
            i += 1
        }
        guard page.methodLine != nil else { return page }

        // Description, up to the request syntax.
        var paragraphs: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { paragraphs.append(String(decoding: current, as: UTF8.self)) }
            current = []
        }
        var headingIndent = 0
        while i < n {
            if lines.is(i, "Request Syntax") { page.requestSyntaxLine = i + 1; headingIndent = lines.lines[i].indent; i += 1; break }
            if lines.isEmpty(i) { flush() } else if lines.hasPrefix(i, "See also: AWS API Documentation") || lines.is(i, "Danger") || lines.is(i, "Note") {
                flush()
            } else {
                if lines.hasPrefix(i, "This operation is deprecated") { page.deprecated = true }
                if !current.isEmpty { current.append(0x20) }
                current.append(contentsOf: lines.text.bytes[lines.lines[i].content])
            }
            i += 1
        }
        flush()
        if !paragraphs.isEmpty { page.documentation = paragraphs.joined(separator: "\n\n") }
        guard page.requestSyntaxLine != nil else {
            // A page cut before its syntax still shows what it had.
            return page
        }

        func isHeading(_ k: Int, _ names: [StaticString]) -> Bool {
            lines.lines[k].indent <= headingIndent && names.contains { lines.is(k, $0) }
        }
        let afterSyntax: [StaticString] = ["Parameters:", "Return type:", "Returns:", "Exceptions", "Examples"]

        // Request syntax: verbatim up to the next field or heading.
        var end = i
        while end < n, !isHeading(end, afterSyntax) { end += 1 }
        // A request too large to render shows its parameters as a `Parameters` heading (no
        // colon) over boto3's placeholder, inside what reads as the syntax block here.
        var syntaxEnd = end
        if let heading = (i..<end).first(where: { lines.is($0, "Parameters") }),
           let next = (heading + 1..<end).first(where: { !lines.isEmpty($0) }),
           lines.hasPrefix(next, "# This section is too large to render.") {
            page.parametersTooLarge = true
            syntaxEnd = heading
        }
        page.requestSyntax = syntax(lines, i..<syntaxEnd)
        i = end

        // Parameters.
        if i < n, lines.is(i, "Parameters:") {
            let start = i + 1
            end = start
            while end < n, !isHeading(end, ["Return type:", "Returns:", "Exceptions", "Examples"]) { end += 1 }
            if (start..<end).contains(where: { lines.hasPrefix($0, "# This section is too large to render.") }) {
                page.parametersTooLarge = true
            }
            page.parameters = bullets(lines, start..<end, allowBareFirst: true)
            i = end
        }
        if i < n, lines.is(i, "Return type:") {
            i += 1
            while i < n, !isHeading(i, ["Returns:", "Exceptions", "Examples"]) { i += 1 }
        }
        if i < n, lines.is(i, "Returns:") {
            page.returnsLine = i + 1
            i += 1
            while i < n, lines.isEmpty(i) { i += 1 }
            if i < n, lines.is(i, "None") {
                page.returnsNone = true
                i += 1
            } else {
                while i < n, !lines.is(i, "Response Syntax"), !isHeading(i, ["Exceptions", "Examples"]) { i += 1 }
                if i < n, lines.is(i, "Response Syntax") {
                    page.responseSyntaxLine = i + 1
                    let start = i + 1
                    end = start
                    while end < n, !(lines.lines[end].indent <= headingIndent && lines.is(end, "Response Structure")),
                          !isHeading(end, ["Exceptions", "Examples"]) { end += 1 }
                    page.responseSyntax = syntax(lines, start..<end)
                    i = end
                    if i < n, lines.is(i, "Response Structure") {
                        page.responseStructureLine = i + 1
                        let start = i + 1
                        end = start
                        while end < n, !isHeading(end, ["Exceptions", "Examples"]) { end += 1 }
                        if (start..<end).contains(where: { lines.hasPrefix($0, "# This section is too large to render.") }) {
                            page.responseStructureTooLarge = true
                        }
                        page.responseStructure = bullets(lines, start..<end, allowBareFirst: false)
                        i = end
                    }
                }
            }
        }
        // Exceptions: `• AppStream.Client.exceptions.ResourceNotFoundException`.
        if i < n, lines.is(i, "Exceptions") {
            i += 1
            while i < n, !isHeading(i, ["Examples"]) {
                if lines.hasPrefix(i, "•"), let name = exceptionName(lines.text, lines.lines[i].content) {
                    page.exceptions.append((name, i + 1))
                }
                i += 1
            }
        }
        return page
    }

    /// The name after the first `.exceptions.` of a `• ...` line `r` when it is a name (letters,
    /// digits, `_`). Compared on the bytes when the text after the bullet is ASCII (a character
    /// is then a byte), else on the decoded text.
    private static func exceptionName(_ text: TextLines, _ r: Range<Int>) -> String? {
        guard let marker = text.find(".exceptions.", in: r) else { return nil }
        let bytes = text.bytes
        guard bytes[(r.lowerBound + 3)..<r.upperBound].allSatisfy({ $0 < 0x80 }) else {
            let c = text.string(r)
            guard let marker = c.range(of: ".exceptions.") else { return nil }
            let name = c[marker.upperBound...]
            return !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? String(name) : nil
        }
        let name = (marker + 12)..<r.upperBound
        guard !name.isEmpty, bytes[name].allSatisfy({ $0 == UInt8(ascii: "_") || isDigit($0) || isLetter($0) }) else { return nil }
        return text.string(name)
    }

    /// `Service.Client.method_name(**kwargs)#` (or `¶`, or no permalink mark): the bytes `r`
    /// of `bytes`, without surrounding space.
    static func methodSignature(_ bytes: [UInt8], _ r: Range<Int>) -> (String, String)? {
        guard let client = firstRange(of: ".Client.", in: bytes, r) else { return nil }
        let cls = r.lowerBound..<client.lowerBound
        guard !cls.isEmpty, allSatisfy(bytes[cls], ascii: { $0 == UInt8(ascii: "_") || isDigit($0) || isLetter($0) },
                                       other: { $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        guard let paren = bytes[client.upperBound..<r.upperBound].firstIndex(of: UInt8(ascii: "(")) else { return nil }
        let method = client.upperBound..<paren
        guard !method.isEmpty, allSatisfy(bytes[method], ascii: { $0 == UInt8(ascii: "_") || isDigit($0) || ($0 >= 0x61 && $0 <= 0x7A) },
                                          other: { $0.isLowercase || $0.isNumber || $0 == "_" }) else { return nil }
        var end = r.upperBound
        if bytes[end - 1] == UInt8(ascii: "#") {
            end -= 1
        } else if end - paren >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xB6 { // ¶
            end -= 2
        }
        guard end > paren, bytes[end - 1] == UInt8(ascii: ")") else { return nil }
        return (String(decoding: bytes[cls], as: UTF8.self), String(decoding: bytes[method], as: UTF8.self))
    }

    static func methodSignature(_ line: [UInt8]) -> (String, String)? { methodSignature(line, 0..<line.count) }

    /// The first place of `needle` in `bytes[r]`.
    private static func firstRange(of needle: StaticString, in bytes: [UInt8], _ r: Range<Int>) -> Range<Int>? {
        let n = needle.utf8CodeUnitCount
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: n)
        var p = r.lowerBound
        while p + n <= r.upperBound {
            if bytes[p] == pattern[0], bytes[p..<(p + n)].elementsEqual(pattern) { return p..<(p + n) }
            p += 1
        }
        return nil
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// Every byte passes `ascii`; text with other characters is decoded and tested by `other`.
    private static func allSatisfy(_ bytes: ArraySlice<UInt8>, ascii: (UInt8) -> Bool, other: (Character) -> Bool) -> Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.allSatisfy(ascii) }
        return String(decoding: bytes, as: UTF8.self).allSatisfy(other)
    }

    /// A code block's lines joined, from its first to its last non-blank line.
    private static func syntax(_ lines: Page, _ range: Range<Int>) -> Boto3PageSections.Syntax? {
        var r = range
        while let f = r.first, lines.isEmpty(f) { r = (f + 1)..<r.upperBound }
        while let l = r.last, lines.isEmpty(l) { r = r.lowerBound..<l }
        guard !r.isEmpty else { return nil }
        var out: [UInt8] = []
        for k in r {
            out.append(contentsOf: repeatElement(0x20, count: lines.lines[k].indent))
            out.append(contentsOf: lines.text.bytes[lines.lines[k].content])
            out.append(0x0A)
        }
        return Boto3PageSections.Syntax(bytes: out, firstLine: r.lowerBound + 1)
    }

    /// The bullet tree of `range`, nested by indentation. With `allowBareFirst`, a first
    /// item without a bullet (Sphinx renders a single `:param:` without a list) heads the tree.
    private static func bullets(_ lines: Page, _ range: Range<Int>, allowBareFirst: Bool) -> [Boto3PageSections.Bullet] {
        typealias Bullet = Boto3PageSections.Bullet
        var roots: [Bullet] = []
        // Open bullets, outermost first, with their columns and whether a paragraph followed the head.
        var stack: [(bullet: Bullet, column: Int, paragraphs: Int)] = []
        func close(deeperThanOrAt column: Int) {
            while let last = stack.last, last.column >= column {
                stack.removeLast()
                if stack.isEmpty { roots.append(last.bullet) } else { stack[stack.count - 1].bullet.children.append(last.bullet) }
            }
        }
        let bytes = lines.text.bytes
        var sawItem = false
        var afterBlank = false
        for k in range {
            let line = lines.lines[k]
            guard !line.content.isEmpty else { afterBlank = true; continue }
            defer { afterBlank = false }
            if lines.hasPrefix(k, "•") {
                close(deeperThanOrAt: line.indent)
                // The head after the bullet sign and its spaces.
                let head = TextSpace.skip(bytes, from: line.content.lowerBound + 3, to: line.content.upperBound)
                stack.append((Bullet(head: lines.text.string(head..<line.content.upperBound), line: k + 1), line.indent, 0))
                sawItem = true
                continue
            }
            if !sawItem && allowBareFirst {
                // Sphinx's single-parameter field: `Name (type) – ...` without a bullet.
                stack.append((Bullet(head: lines.string(k), line: k + 1), -1, 0))
                sawItem = true
                continue
            }
            // Paragraphs never close a bullet: code blocks in descriptions (the union note's
            // `'SDK_UNKNOWN_MEMBER'` example) are rendered at the left margin. A paragraph belongs
            // to the innermost bullet left of it.
            guard let top = stack.lastIndex(where: { $0.column < line.indent }) ?? stack.indices.last else { continue }
            if stack[top].paragraphs == 0, lines.hasPrefix(k, "[REQUIRED]") { stack[top].bullet.requiredMark = true }
            if lines.hasPrefix(k, "This is a Tagged Union structure") {
                stack[top].bullet.union = true
            } else if stack[top].bullet.children.isEmpty, let text = RenderedProse.description(bytes, line.content) {
                // The description; the rendering wraps a paragraph over several lines.
                if afterBlank || stack[top].bullet.paragraphs.isEmpty {
                    stack[top].bullet.paragraphs.append(text)
                } else {
                    stack[top].bullet.paragraphs[stack[top].bullet.paragraphs.count - 1] += " " + text
                }
            }
            stack[top].paragraphs += 1
        }
        close(deeperThanOrAt: Int.min)
        return roots
    }
}
