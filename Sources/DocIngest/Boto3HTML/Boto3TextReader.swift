/// Reads a boto3 method page rendered as text by a text-mode browser (elinks' dump of the
/// Sphinx + furo page, re-indented): headings on their own lines (`Request Syntax`,
/// `Parameters:`, `Returns:`, `Response Syntax`, `Response Structure`, `Exceptions`), code
/// blocks verbatim, parameter trees as `•` bullets whose nesting is their indentation.
/// Indentation is only ever compared, never counted in fixed steps, and blank lines are
/// optional, so renderings with other list geometry read the same.
enum Boto3TextReader {
    private struct Line {
        var indent: Int
        var content: Substring
    }

    static func read(_ bytes: [UInt8]) -> Boto3PageSections {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines: [Line] = []
        lines.reserveCapacity(bytes.count / 30)
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            var indent = 0
            var content = line[...]
            while let f = content.first, f == " " || f == "\u{a0}" { indent += 1; content = content.dropFirst() }
            while let l = content.last, l == " " || l == "\u{a0}" { content = content.dropLast() }
            lines.append(Line(indent: indent, content: content))
        }
        if bytes.last == 0x0A, lines.last?.content.isEmpty == true { lines.removeLast() }
        var page = Boto3PageSections()
        page.lastLine = max(1, lines.count)
        let n = lines.count

        // The method definition: `AppStream.Client.describe_image_builders(**kwargs)#`.
        var i = 0
        while i < n, page.methodLine == nil {
            if let (cls, method) = methodSignature(lines[i].content) {
                page.className = cls
                page.method = method
                page.methodLine = i + 1
                page.takesKeywordArguments = lines[i].content.contains("(**kwargs)")
            }
            i += 1
        }
        guard page.methodLine != nil else { return page }

        // Description, up to the request syntax.
        var paragraphs: [String] = []
        var current: [Substring] = []
        func flush() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current = []
        }
        var headingIndent = 0
        while i < n {
            let c = lines[i].content
            if c == "Request Syntax" { page.requestSyntaxLine = i + 1; headingIndent = lines[i].indent; i += 1; break }
            if c.isEmpty { flush() } else if c.hasPrefix("See also: AWS API Documentation") || c == "Danger" || c == "Note" {
                flush()
            } else {
                if c.hasPrefix("This operation is deprecated") { page.deprecated = true }
                current.append(c)
            }
            i += 1
        }
        flush()
        if !paragraphs.isEmpty { page.documentation = paragraphs.joined(separator: "\n\n") }
        guard page.requestSyntaxLine != nil else {
            // A page cut before its syntax still shows what it had.
            return page
        }

        func isHeading(_ k: Int, _ names: [Substring]) -> Bool {
            lines[k].indent <= headingIndent && names.contains(lines[k].content)
        }
        let afterSyntax: [Substring] = ["Parameters:", "Return type:", "Returns:", "Exceptions", "Examples"]

        // Request syntax: verbatim up to the next field or heading.
        var end = i
        while end < n, !isHeading(end, afterSyntax) { end += 1 }
        // A request too large to render shows its parameters as a `Parameters` heading (no
        // colon) over boto3's placeholder, inside what reads as the syntax block here.
        var syntaxEnd = end
        if let heading = (i..<end).first(where: { lines[$0].content == "Parameters" }),
           let next = (heading + 1..<end).first(where: { !lines[$0].content.isEmpty }),
           lines[next].content.hasPrefix("# This section is too large to render.") {
            page.parametersTooLarge = true
            syntaxEnd = heading
        }
        page.requestSyntax = syntax(lines, i..<syntaxEnd, bytes: bytes)
        i = end

        // Parameters.
        if i < n, lines[i].content == "Parameters:" {
            let start = i + 1
            end = start
            while end < n, !isHeading(end, ["Return type:", "Returns:", "Exceptions", "Examples"]) { end += 1 }
            if lines[start..<end].contains(where: { $0.content.hasPrefix("# This section is too large to render.") }) {
                page.parametersTooLarge = true
            }
            page.parameters = bullets(lines, start..<end, allowBareFirst: true)
            i = end
        }
        if i < n, lines[i].content == "Return type:" {
            i += 1
            while i < n, !isHeading(i, ["Returns:", "Exceptions", "Examples"]) { i += 1 }
        }
        if i < n, lines[i].content == "Returns:" {
            page.returnsLine = i + 1
            i += 1
            while i < n, lines[i].content.isEmpty { i += 1 }
            if i < n, lines[i].content == "None" {
                page.returnsNone = true
                i += 1
            } else {
                while i < n, lines[i].content != "Response Syntax", !isHeading(i, ["Exceptions", "Examples"]) { i += 1 }
                if i < n, lines[i].content == "Response Syntax" {
                    page.responseSyntaxLine = i + 1
                    let start = i + 1
                    end = start
                    while end < n, !(lines[end].indent <= headingIndent && lines[end].content == "Response Structure"),
                          !isHeading(end, ["Exceptions", "Examples"]) { end += 1 }
                    page.responseSyntax = syntax(lines, start..<end, bytes: bytes)
                    i = end
                    if i < n, lines[i].content == "Response Structure" {
                        page.responseStructureLine = i + 1
                        let start = i + 1
                        end = start
                        while end < n, !isHeading(end, ["Exceptions", "Examples"]) { end += 1 }
                        if lines[start..<end].contains(where: { $0.content.hasPrefix("# This section is too large to render.") }) {
                            page.responseStructureTooLarge = true
                        }
                        page.responseStructure = bullets(lines, start..<end, allowBareFirst: false)
                        i = end
                    }
                }
            }
        }
        // Exceptions: `• AppStream.Client.exceptions.ResourceNotFoundException`.
        if i < n, lines[i].content == "Exceptions" {
            i += 1
            while i < n, !isHeading(i, ["Examples"]) {
                let c = lines[i].content
                if c.hasPrefix("•"), let marker = c.range(of: ".exceptions.") {
                    let name = c[marker.upperBound...]
                    if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                        page.exceptions.append((String(name), i + 1))
                    }
                }
                i += 1
            }
        }
        return page
    }

    /// `Service.Client.method_name(**kwargs)#` (or `¶`, or no permalink mark).
    static func methodSignature(_ line: Substring) -> (String, String)? {
        guard let client = line.range(of: ".Client.") else { return nil }
        let cls = line[..<client.lowerBound]
        guard !cls.isEmpty, cls.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let rest = line[client.upperBound...]
        guard let paren = rest.firstIndex(of: "(") else { return nil }
        let method = rest[..<paren]
        guard !method.isEmpty, method.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else { return nil }
        var tail = rest[paren...]
        if tail.last == "#" || tail.last == "¶" { tail = tail.dropLast() }
        guard tail.last == ")" else { return nil }
        return (String(cls), String(method))
    }

    /// A code block's lines joined, from its first to its last non-blank line.
    private static func syntax(_ lines: [Line], _ range: Range<Int>, bytes: [UInt8]) -> Boto3PageSections.Syntax? {
        var r = range
        while let f = r.first, lines[f].content.isEmpty { r = (f + 1)..<r.upperBound }
        while let l = r.last, lines[l].content.isEmpty { r = r.lowerBound..<l }
        guard !r.isEmpty else { return nil }
        var out: [UInt8] = []
        for k in r {
            out.append(contentsOf: repeatElement(0x20, count: lines[k].indent))
            out.append(contentsOf: lines[k].content.utf8)
            out.append(0x0A)
        }
        return Boto3PageSections.Syntax(bytes: out, firstLine: r.lowerBound + 1)
    }

    /// The bullet tree of `range`, nested by indentation. With `allowBareFirst`, a first
    /// item without a bullet (Sphinx renders a single `:param:` without a list) heads the tree.
    private static func bullets(_ lines: [Line], _ range: Range<Int>, allowBareFirst: Bool) -> [Boto3PageSections.Bullet] {
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
        var sawItem = false
        var afterBlank = false
        for k in range {
            let line = lines[k]
            let c = line.content
            guard !c.isEmpty else { afterBlank = true; continue }
            defer { afterBlank = false }
            if c.hasPrefix("•") {
                close(deeperThanOrAt: line.indent)
                let head = c.dropFirst().drop { $0 == " " || $0 == "\u{a0}" }
                stack.append((Bullet(head: String(head), line: k + 1), line.indent, 0))
                sawItem = true
                continue
            }
            if !sawItem && allowBareFirst {
                // Sphinx's single-parameter field: `Name (type) – ...` without a bullet.
                stack.append((Bullet(head: String(c), line: k + 1), -1, 0))
                sawItem = true
                continue
            }
            // Paragraphs never close a bullet: code blocks in descriptions (the union note's
            // `'SDK_UNKNOWN_MEMBER'` example) are rendered at the left margin. A paragraph belongs
            // to the innermost bullet left of it.
            guard let top = stack.lastIndex(where: { $0.column < line.indent }) ?? stack.indices.last else { continue }
            if stack[top].paragraphs == 0, c.hasPrefix("[REQUIRED]") { stack[top].bullet.requiredMark = true }
            if c.hasPrefix("This is a Tagged Union structure") {
                stack[top].bullet.union = true
            } else if stack[top].bullet.children.isEmpty, let text = RenderedProse.description(String(c)) {
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
