import APIModel
import CLibXML2

/// Reads a reference page as served (HTML) through libxml2, which tolerates real-world
/// markup: the DOM under `div#main-col-body` (the whole body when it is missing) is walked
/// in document order — `h1` title, `h2` sections, `pre` syntax, `dl` entries, `p` text.
enum ReferenceHTMLReader {

    static func read(path: String, bytes: [UInt8], log: inout DiagnosticLog) -> ReferencePage {
        var page = ReferencePage(path: path)
        page.lastLine = HTMLDocumentReading.lastLine(bytes)
        let input = MainColumn.from(bytes) ?? bytes
        let doc = HTMLDocumentReading.parse(input, path: path, extraOptions: HTML_PARSE_NOBLANKS.rawValue)
        guard let doc, let root = xmlDocGetRootElement(doc) else {
            if let doc { xmlFreeDoc(doc) }
            log.error(path, line: 1, "not readable as HTML")
            return page
        }
        defer { xmlFreeDoc(doc) }
        var walker = Walker(page: page)
        if let main = findElement(root, id: "main-col-body") {
            walker.walk(children: main)
            if walker.page.sections.isEmpty && walker.section == nil {
                // A stray closing tag ended main-col-body early: its sections follow it.
                log.warning(path, line: ReferenceHTMLReader.line(main), "div#main-col-body ends before any section (broken markup?); reading what follows it")
                walker.walk(following: main)
            }
        } else {
            log.warning(path, line: 1, "no div#main-col-body: reading the whole page")
            walker.walk(children: root)
        }
        walker.closeSection()
        let lastLine = page.lastLine
        page = walker.page
        page.lastLine = lastLine
        if !HTMLDocumentReading.endsWhole(bytes) { page.cutShort = "the page ends before '</html>' (cut short?)" }
        if page.pageID == nil { page.pageID = ReferencePageID.fromFileName(path) }
        return page
    }

    private static func findElement(_ node: xmlNodePtr, id: String) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = [node]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE, attribute(n, "id") == id { return n }
            var child = n.pointee.last
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { stack.append(c) }
                child = c.pointee.prev
            }
        }
        return nil
    }

    // The walk below goes by xmlNodePtr; what it asks of a node, HTMLNode answers.
    fileprivate static func attribute(_ node: xmlNodePtr, _ name: String) -> String? { HTMLNode(pointer: node).attribute(name) }

    fileprivate static func isTag(_ node: xmlNodePtr, _ tag: StaticString) -> Bool { HTMLNode(pointer: node).named(tag) }

    fileprivate static func line(_ node: xmlNodePtr) -> Int { HTMLNode(pointer: node).line }
}

/// Collects text of a subtree: runs of white space folded outside `code`/`pre`, kept
/// verbatim inside them (patterns are code); links into the reference recorded.
private struct TextCollector {
    var bytes: [UInt8] = []
    var links: [(String, String)] = []
    private var pendingSpace = false

    mutating func collect(_ node: xmlNodePtr, verbatim: Bool = false) {
        var child = node.pointee.children
        while let c = child {
            add(c, verbatim: verbatim)
            child = c.pointee.next
        }
    }

    /// One node and its subtree.
    mutating func add(_ c: xmlNodePtr, verbatim: Bool = false) {
        switch c.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = c.pointee.content { appendText(content, verbatim: verbatim) }
        case XML_ELEMENT_NODE:
            if ReferenceHTMLReader.isTag(c, "script") || ReferenceHTMLReader.isTag(c, "style") { return }
            if ReferenceHTMLReader.isTag(c, "br") { pendingSpace = true; return }
            let code = verbatim || ReferenceHTMLReader.isTag(c, "code") || ReferenceHTMLReader.isTag(c, "pre")
            if ReferenceHTMLReader.isTag(c, "a"), let href = ReferenceHTMLReader.attribute(c, "href") {
                let start = bytes.count
                collect(c, verbatim: code)
                if let id = ReferencePageID.fromLink(href) {
                    links.append((String(String(decoding: bytes[start...], as: UTF8.self).trimmingTextSpace), id))
                } else if href.containsBytes("/goto/") {
                    links.append(("", href))
                }
            } else {
                collect(c, verbatim: code)
            }
        default:
            return
        }
    }

    private mutating func appendText(_ p: UnsafePointer<xmlChar>, verbatim: Bool) {
        var i = 0
        while p[i] != 0 {
            let b = p[i]
            i += 1
            if !verbatim, b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                pendingSpace = true
                continue
            }
            if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(b)
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

private struct Walker {
    var page: ReferencePage
    var section: ReferenceSection?
    var context: String?

    init(page: ReferencePage) { self.page = page }

    mutating func closeSection() {
        if let s = section { page.sections.append(s) }
        section = nil
        context = nil
    }

    /// Everything after `node` in document order.
    mutating func walk(following node: xmlNodePtr) {
        var current: xmlNodePtr? = node
        while let n = current {
            var sibling = n.pointee.next
            while let s = sibling {
                if s.pointee.type == XML_ELEMENT_NODE { visit(s) }
                sibling = s.pointee.next
            }
            current = n.pointee.parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil }
        }
    }

    mutating func walk(children node: xmlNodePtr) {
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            visit(c)
        }
    }

    mutating func visit(_ node: xmlNodePtr) {
        typealias R = ReferenceHTMLReader
        if R.isTag(node, "script") || R.isTag(node, "style") || R.isTag(node, "noscript") { return }
        if R.isTag(node, "h1") {
            page.title = headingText(node)
            page.titleLine = R.line(node)
            page.pageID = R.attribute(node, "id")
            walkBlocks(inside: node)
            return
        }
        // Pages of some eras head their sections one level down: `<h3>Request Parameters</h3>`.
        if R.isTag(node, "h2") || (R.isTag(node, "h3") || R.isTag(node, "h4")) && ReferenceSectionKind.headingKind(headingText(node)) != nil {
            closeSection()
            let heading = headingText(node)
            section = ReferenceSection(kind: .classify(id: R.attribute(node, "id"), heading: heading), heading: heading, line: R.line(node))
            walkBlocks(inside: node)
            return
        }
        if R.isTag(node, "pre") {
            guard section?.kind.isSyntax == true else { return }
            var collector = TextCollector()
            collector.collect(node, verbatim: true)
            let first = R.line(node)
            let block = collector.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
                ReferenceLine(text: String(decoding: $0.element, as: UTF8.self), line: first + $0.offset)
            }
            section!.blocks.append(block)
            return
        }
        if R.isTag(node, "dl") {
            readEntries(node)
            return
        }
        if R.isTag(node, "p") || R.isTag(node, "h3") || R.isTag(node, "h4") || R.isTag(node, "li") {
            let collected = text(node)
            for (_, target) in collected.links where target.containsBytes("/goto/") { page.externalLinks.append(target) }
            let line = ReferenceLine(text: collected.text, line: R.line(node))
            guard !line.text.isEmpty else { return }
            if section == nil {
                if !page.title.isEmpty { page.description.append(line) }
            } else {
                section!.paragraphs.append(line)
                if SectionIntro.isIntro(line.text) { context = line.text }
            }
            return
        }
        walk(children: node)
    }

    /// Block elements a heading swallowed: an unclosed `<h2>` in broken HTML holds the
    /// section that follows it after libxml2's recovery.
    static func isBlock(_ node: xmlNodePtr) -> Bool {
        typealias R = ReferenceHTMLReader
        return R.isTag(node, "p") || R.isTag(node, "div") || R.isTag(node, "dl") || R.isTag(node, "pre") || R.isTag(node, "ul")
            || R.isTag(node, "ol") || R.isTag(node, "table") || R.isTag(node, "h2") || R.isTag(node, "h3")
    }

    /// A heading's own text, without the blocks it may have swallowed.
    private func headingText(_ node: xmlNodePtr) -> String {
        var collector = TextCollector()
        var child = node.pointee.children
        while let c = child {
            if !(c.pointee.type == XML_ELEMENT_NODE && Self.isBlock(c)) { collector.add(c) }
            child = c.pointee.next
        }
        return collector.text
    }

    private mutating func walkBlocks(inside node: xmlNodePtr) {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE && Self.isBlock(c) { visit(c) }
            child = c.pointee.next
        }
    }

    private mutating func readEntries(_ dl: xmlNodePtr) {
        typealias R = ReferenceHTMLReader
        guard section != nil else {
            // Entries before any section the reader knows: their lines go with the page's
            // description, where the facts among them are announced as not read.
            if !page.title.isEmpty { page.description.append(contentsOf: lines(of: dl)) }
            return
        }
        var current: ReferenceEntry?
        var child = dl.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            if R.isTag(c, "dt") {
                if let e = current { section?.entries.append(e) }
                let anchor = R.attribute(c, "id") ?? firstAnchor(c)
                if let anchor { page.anchors.append(anchor) }
                current = ReferenceEntry(name: text(c).text, anchor: anchor, line: R.line(c), context: context)
            } else if R.isTag(c, "dd") {
                if current == nil { current = ReferenceEntry(name: nil, line: R.line(c), context: context) }
                readDefinition(c, into: &current!)
            }
        }
        if let e = current { section?.entries.append(e) }
    }

    /// Each block of a `dd` (`p`, `li`, a bare text run) becomes one line.
    private func readDefinition(_ node: xmlNodePtr, into entry: inout ReferenceEntry) {
        typealias R = ReferenceHTMLReader
        var loose = TextCollector()
        var looseLine = R.line(node)
        func flushLoose(_ entry: inout ReferenceEntry) {
            let t = loose.text
            if !t.isEmpty { entry.lines.append(ReferenceLine(text: t, line: looseLine)) }
            for (name, id) in loose.links where !id.containsBytes("/goto/") { entry.typeLinks[name] = id }
            loose = TextCollector()
        }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            if c.pointee.type == XML_ELEMENT_NODE, R.isTag(c, "p") || R.isTag(c, "li") || R.isTag(c, "pre") {
                flushLoose(&entry)
                let collected = text(c)
                for (name, id) in collected.links where !id.containsBytes("/goto/") { entry.typeLinks[name] = id }
                let t = collected.text
                if !t.isEmpty { entry.lines.append(ReferenceLine(text: t, line: R.line(c))) }
            } else if c.pointee.type == XML_ELEMENT_NODE, R.isTag(c, "ul") || R.isTag(c, "ol") || R.isTag(c, "div") {
                flushLoose(&entry)
                readDefinition(c, into: &entry)
            } else if c.pointee.type == XML_ELEMENT_NODE || c.pointee.type == XML_TEXT_NODE {
                if loose.bytes.isEmpty { looseLine = R.line(c) }
                loose.add(c)
            }
        }
        flushLoose(&entry)
    }

    /// The text of each `dt`, and of each block of each `dd`, of a list read as no entries.
    private func lines(of dl: xmlNodePtr) -> [ReferenceLine] {
        var entry = ReferenceEntry(name: nil, line: ReferenceHTMLReader.line(dl))
        var out: [ReferenceLine] = []
        var child = dl.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            if ReferenceHTMLReader.isTag(c, "dt") {
                out.append(ReferenceLine(text: text(c).text, line: ReferenceHTMLReader.line(c)))
            } else if ReferenceHTMLReader.isTag(c, "dd") {
                entry.lines = []
                readDefinition(c, into: &entry)
                out.append(contentsOf: entry.lines)
            }
        }
        return out
    }

    private func firstAnchor(_ node: xmlNodePtr) -> String? {
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            if ReferenceHTMLReader.isTag(c, "a"), let id = ReferenceHTMLReader.attribute(c, "id") ?? ReferenceHTMLReader.attribute(c, "name") { return id }
            if let found = firstAnchor(c) { return found }
        }
        return nil
    }

    private func text(_ node: xmlNodePtr) -> TextCollector {
        var collector = TextCollector()
        collector.collect(node)
        return collector
    }
}
