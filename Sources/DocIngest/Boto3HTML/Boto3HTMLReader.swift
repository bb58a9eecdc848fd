import APIModel
import CLibXML2

/// Reads a boto3 method page as Sphinx + furo serve it, through libxml2: the `dl.py.method`
/// definition (its `dt` id names class and method), then in its `dd` the description, the
/// highlighted `pre` blocks (whose text nodes together are the literal syntax: Pygments only
/// wraps tokens in `<span>`s), the `dl.field-list` (`Parameters`, `Returns`) with nested
/// `ul` trees, and the `Exceptions` list.
enum Boto3HTMLReader {

    static func read(path: String, bytes: [UInt8], log: inout DiagnosticLog) -> Boto3PageSections? {
        // Only furo's `<article>` holds the method; the navigation around it (every method of the
        // service) is most of the page. Parsing the article alone, after as many newlines as
        // precede it so that libxml2's line numbers stay those of the page, saves most of the DOM.
        let input = articleOnly(bytes) ?? bytes
        let doc = HTMLDocumentReading.parse(input, path: path)
        guard let doc, let rootPointer = xmlDocGetRootElement(doc) else {
            if let doc { xmlFreeDoc(doc) }
            log.warning(path, line: 1, "skipped: not readable as HTML")
            return nil
        }
        defer { xmlFreeDoc(doc) }
        var page = Boto3PageSections()
        page.lastLine = HTMLDocumentReading.lastLine(bytes)
        page.wholePage = HTMLDocumentReading.endsWhole(bytes)
        if !page.wholePage {
            log.endsEarly(path, line: page.lastLine, "the page ends before '</html>' (truncated?)")
        }
        let root = HTMLNode(pointer: rootPointer)
        let article = root.first { $0.named("article") } ?? root
        guard let definition = article.first(where: { $0.named("dl") && $0.hasClass("py") && $0.hasClass("method") }) else {
            return page
        }
        let parts = definition.elementChildren
        guard let dt = parts.first(where: { $0.named("dt") }) else { return page }
        if let id = dt.attribute("id"), let client = id.range(of: ".Client.") {
            page.className = String(id[..<client.lowerBound])
            page.method = String(id[client.upperBound...])
        } else if let signature = Boto3TextReader.methodSignature(Array(dt.text.trimmed.utf8)) {
            (page.className, page.method) = signature
        }
        page.methodLine = dt.line
        page.takesKeywordArguments = dt.text.contains("(**kwargs)")
        guard let dd = parts.first(where: { $0.named("dd") }) else { return page }
        readBody(dd, into: &page)
        return page
    }

    /// `<article ...>...</article>` preceded by the page's newlines up to it, or nil.
    private static func articleOnly(_ bytes: [UInt8]) -> [UInt8]? {
        guard let start = HTMLDocumentReading.find(bytes, "<article"),
              let close = HTMLDocumentReading.find(bytes, "</article>", from: start) else { return nil }
        return HTMLDocumentReading.excerpt(bytes, start..<(close + 10))
    }

    private enum Pending { case none, requestSyntax, requestParameters, responseSyntax, responseStructure, exceptions }

    /// The method body's blocks in document order.
    private static func readBody(_ dd: HTMLNode, into page: inout Boto3PageSections) {
        var pending = Pending.none
        var paragraphs: [String] = []
        for block in blocks(dd) {
            if block.named("p") {
                let t = block.text.trimmed
                switch t {
                case "Request Syntax": page.requestSyntaxLine = block.line; pending = .requestSyntax
                // A request too large to render shows its parameters as a bold heading over
                // boto3's placeholder, not as a `Parameters:` field.
                case "Parameters" where page.requestSyntaxLine != nil && page.responseSyntaxLine == nil:
                    pending = .requestParameters
                case "Response Syntax": page.responseSyntaxLine = block.line; pending = .responseSyntax
                case "Response Structure": page.responseStructureLine = block.line; pending = .responseStructure
                case "Exceptions": pending = .exceptions
                case "Examples": return
                default:
                    if t.hasPrefix("See also:") {
                        if let a = block.first(where: { $0.named("a") }), let href = a.attribute("href") { readAPILink(href, into: &page) }
                    } else if page.requestSyntaxLine == nil, !t.isEmpty {
                        if t.hasPrefix("This operation is deprecated") { page.deprecated = true }
                        paragraphs.append(t)
                    } else if pending == .responseStructure, t.hasPrefix("# This section is too large to render.") {
                        page.responseStructureTooLarge = true
                    }
                }
            } else if block.named("pre") {
                let syntax = Boto3PageSections.Syntax(bytes: block.textBytes, firstLine: block.line)
                switch pending {
                case .requestSyntax: page.requestSyntax = syntax
                case .requestParameters: if syntax.tooLarge { page.parametersTooLarge = true }
                case .responseSyntax: page.responseSyntax = syntax
                case .responseStructure: if syntax.tooLarge { page.responseStructureTooLarge = true }
                default: break
                }
                pending = .none
            } else if block.named("ul") {
                switch pending {
                case .responseStructure:
                    page.responseStructure = bullets(block)
                    pending = .none
                case .exceptions:
                    for li in block.elementChildren where li.named("li") {
                        let t = li.text.trimmed
                        if let marker = t.range(of: ".exceptions.") {
                            let name = t[marker.upperBound...]
                            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                                page.exceptions.append((String(name), li.line))
                            }
                        }
                    }
                    pending = .none
                default: break
                }
            } else if block.named("dl") {
                readFields(block, into: &page, pending: &pending)
            } else if block.named("div") {
                // An admonition (`.. danger::` of deprecated operations, notes).
                let t = block.text
                if page.requestSyntaxLine == nil, t.contains("This operation is deprecated") { page.deprecated = true }
            }
        }
        if !paragraphs.isEmpty { page.documentation = paragraphs.joined(separator: "\n\n") }
    }

    /// `Parameters`, `Return type`, `Returns` fields.
    private static func readFields(_ list: HTMLNode, into page: inout Boto3PageSections, pending: inout Pending) {
        var field = ""
        for child in list.elementChildren {
            if child.named("dt") {
                field = child.text.trimmed
                if field == "Returns:" { page.returnsLine = child.line }
            } else if child.named("dd") {
                switch field {
                case "Parameters:":
                    page.parameters = parameterBullets(child)
                    if let pre = child.first(where: { $0.named("pre") }),
                       Boto3PageSections.Syntax(bytes: pre.textBytes, firstLine: pre.line).tooLarge {
                        page.parametersTooLarge = true
                    }
                case "Returns:":
                    let parts = child.elementChildren
                    if parts.count == 1, parts[0].named("p"), parts[0].text.trimmed == "None" {
                        page.returnsNone = true
                    } else {
                        readBody(child, into: &page)
                        pending = .none
                    }
                default: break
                }
            }
        }
    }

    /// The blocks of a container in document order: paragraphs, `pre` (found inside Pygments'
    /// `div.highlight` wrappers), lists, field lists and admonitions; other wrappers are entered.
    private static func blocks(_ node: HTMLNode) -> [HTMLNode] {
        var out: [HTMLNode] = []
        func visit(_ n: HTMLNode) {
            for child in n.elementChildren {
                if child.named("p") || child.named("pre") || child.named("ul") || child.named("dl") {
                    out.append(child)
                } else if child.named("div"), child.hasClass("admonition") {
                    out.append(child)
                } else {
                    visit(child)
                }
            }
        }
        visit(node)
        return out
    }

    /// A parameters field: a `ul` of `:param:` items, or (one parameter) the item itself.
    private static func parameterBullets(_ dd: HTMLNode) -> [Boto3PageSections.Bullet] {
        let children = dd.elementChildren
        if let first = children.first, first.named("ul") { return bullets(first) }
        guard !children.isEmpty else { return [] }
        return [bullet(dd, line: children[0].line)]
    }

    private static func bullets(_ ul: HTMLNode) -> [Boto3PageSections.Bullet] {
        ul.elementChildren.filter { $0.named("li") }.map { bullet($0, line: $0.line) }
    }

    /// One item: its first paragraph is the head; `[REQUIRED]` may follow as the next paragraph;
    /// nested lists (not inside nested items) are its children.
    private static func bullet(_ item: HTMLNode, line: Int) -> Boto3PageSections.Bullet {
        let parts = blocks(item)
        let paragraphs = parts.filter { $0.named("p") }
        var b = Boto3PageSections.Bullet(head: paragraphs.first?.text.trimmed ?? item.text.trimmed, line: line)
        if paragraphs.count > 1, paragraphs[1].text.trimmed.hasPrefix("[REQUIRED]") { b.requiredMark = true }
        var afterHead = false
        for part in parts {
            if part.named("p") {
                // The description: paragraphs after the head, before any nested list.
                if afterHead, b.children.isEmpty, let text = RenderedProse.description(part.text) { b.paragraphs.append(text) }
                afterHead = true
            } else if part.named("ul") {
                b.children += bullets(part)
            } else if part.named("div"), part.text.contains("This is a Tagged Union structure") {
                b.union = true
            }
        }
        return b
    }

    /// `https://docs.aws.amazon.com/goto/WebAPI/appstream-2016-12-01/DescribeImageBuilders`
    private static func readAPILink(_ href: String, into page: inout Boto3PageSections) {
        guard let at = href.range(of: "/goto/WebAPI/") else { return }
        let rest = href[at.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        guard rest.count == 2, !rest[0].isEmpty, !rest[1].isEmpty else { return }
        page.apiUID = String(rest[0])
        page.apiOperation = String(rest[1].split(separator: "#").first ?? rest[1])
    }
}
