/// Reads the markdown rendering of a reference page (`# Name<a name="API_Name"></a>`,
/// `## Request Syntax<a name="API_Name_RequestSyntax"></a>`, fenced syntax blocks,
/// ` ** [ Name ](#...) **   <a name="service-Op-request-Name"></a>` entries, and the same
/// entries in other emphasis and spacing styles: ` **name**   <a name=...>`, `__name__`).
enum ReferenceMarkdownReader {
    static func read(path: String, bytes: [UInt8]) -> ReferencePage {
        let lines = TextLines(bytes)
        var page = ReferencePage(path: path)
        page.lastLine = max(1, lines.count)
        var section: ReferenceSection?
        var entry: ReferenceEntry?
        /// The open entry was opened by an emphasized line alone (no anchor): a note's heading
        /// (`**Important**`) looks the same, so it stays an entry only if facts follow it.
        var entryTentative = false
        var context: String?
        var inFence = false
        var fenceLine = 0
        var blankBefore = false

        func closeEntry() {
            // Moved, not copied: an entry holds five references.
            guard let e = entry.take() else { return }
            if entryTentative, !Self.hasFacts(e), let heading = e.name {
                section?.paragraphs.append(ReferenceLine(text: heading, line: e.line))
                section?.paragraphs.append(contentsOf: e.lines)
            } else {
                section?.entries.append(e)
            }
        }
        func closeSection() {
            closeEntry()
            if let s = section { page.sections.append(s) }
            section = nil
            context = nil
        }
        var inline = MarkdownInline()
        func render(_ r: Range<Int>) {
            bytes.withUnsafeBufferPointer { inline.render(UnsafeBufferPointer(rebasing: $0[r])) }
        }
        func keepLinks(_ inline: MarkdownInline, into e: inout ReferenceEntry?) {
            for link in inline.links {
                if let id = link.pageID { e?.typeLinks[link.text] = id }
                else { page.externalLinks.append(link.target) }
            }
        }
        func open(_ name: String, line: Int, tentative: Bool) {
            closeEntry()
            entry = ReferenceEntry(name: name, anchor: inline.anchors.first, line: line, context: context)
            entry!.lines.reserveCapacity(4)
            page.anchors.append(contentsOf: inline.anchors)
            entryTentative = tentative
        }

        for i in 0..<lines.count {
            let lineNumber = i + 1
            let r = lines.trimmed(i)
            if lines.hasPrefix(r, "```") {
                inFence.toggle()
                fenceLine = lineNumber
                if inFence, section?.kind.isSyntax == true { section!.blocks.append([]) }
                continue
            }
            if inFence {
                if section?.kind.isSyntax == true, !section!.blocks.isEmpty {
                    var r = lines.ranges[i]
                    while r.upperBound > r.lowerBound, bytes[r.upperBound - 1] == 0x20 { r = r.lowerBound..<(r.upperBound - 1) }
                    section!.blocks[section!.blocks.count - 1].append(ReferenceLine(text: lines.string(r), line: lineNumber))
                }
                continue
            }
            if r.isEmpty {
                blankBefore = true
                continue
            }
            defer { blankBefore = false }
            if lines.hasPrefix(r, "# ") {
                render((r.lowerBound + 2)..<r.upperBound)
                page.title = inline.trimmedString
                page.titleLine = lineNumber
                page.pageID = inline.anchors.first
                continue
            }
            // Pages of some eras head their sections one level down (`### Request Parameters`).
            if let level = headingLevel(lines, r) {
                render((r.lowerBound + level + 1)..<r.upperBound)
                let heading = inline.trimmedString
                closeSection()
                section = ReferenceSection(kind: .classify(id: inline.anchors.first, heading: heading), heading: heading, line: lineNumber)
                continue
            }
            render(r)
            var text = inline.trimmedString
            if section == nil {
                if page.title.isEmpty { continue }
                page.description.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            if lines.hasPrefix(r, "** "), EntryTitle.isTitle(text) {
                open(text, line: lineNumber, tentative: false)
                continue
            }
            let kind = section!.kind
            if kind.holdsEntries, let name = otherStyleHead(lines, r, text, inline.anchors) {
                let anchored = inline.anchors.contains(where: EntryTitle.isEntryAnchor)
                // A name alone on a line opens an entry where one can begin: at a section's
                // start, after the facts of the entry before, always among errors or with an
                // anchor, and after an entry of a page without anchors unless it heads a note.
                if anchored || kind == .errors || entry == nil || Self.hasFacts(entry!) || entry!.anchor == nil && !EntryTitle.isAdmonition(name) {
                    open(name, line: lineNumber, tentative: !anchored && kind != .errors)
                    continue
                }
            }
            keepLinks(inline, into: &entry)
            if kind == .examples || kind == .seeAlso || kind == .other || kind.isSyntax {
                section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            if let verbatim = PatternLine.verbatim(source: lines, r, rendered: text) { text = verbatim }
            if entry != nil, !(blankBefore && SectionIntro.isIntro(text)) {
                entry!.lines.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            closeEntry()
            section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
            if SectionIntro.isIntro(text) { context = text }
        }
        closeSection()
        if inFence { page.cutShort = "the page ends inside the code block opened at line \(fenceLine)" }
        if page.pageID == nil { page.pageID = ReferencePageID.fromFileName(path) }
        return page
    }

    /// The entry has fact lines (asked only where an emphasized name may open the next entry).
    private static func hasFacts(_ entry: ReferenceEntry) -> Bool {
        entry.lines.contains { FactLine.keywordAndFollow(of: $0.text) != nil }
    }

    /// 2 for `## `, 3 for a `### ` that names a section (`### Request Parameters`, as some
    /// eras head them; other `###` lines are sub-headings, read as text); else nil.
    private static func headingLevel(_ lines: TextLines, _ r: Range<Int>) -> Int? {
        guard r.count > 3, lines.bytes[r.lowerBound] == UInt8(ascii: "#") else { return nil }
        if lines.hasPrefix(r, "## ") { return 2 }
        guard lines.hasPrefix(r, "### ") else { return nil }
        var title = (r.lowerBound + 4)..<r.upperBound
        // The heading's own text: up to an anchor, if any.
        if let anchor = lines.bytes[title].firstIndex(of: UInt8(ascii: "<")) { title = title.lowerBound..<anchor }
        title = TextSpace.trim(lines.bytes, title)
        return lines.withBytes(title, ReferenceSectionKind.headingKind) != nil ? 3 : nil
    }

    /// The name a line shows when it is a name alone in emphasis (`**fulfillmentState**`,
    /// `__name__`) or beside an entry anchor; nil for anything else.
    private static func otherStyleHead(_ lines: TextLines, _ r: Range<Int>, _ text: String, _ anchors: [String]) -> String? {
        let emphasized = lines.hasPrefix(r, "**") || lines.hasPrefix(r, "__")
        guard emphasized || anchors.contains(where: EntryTitle.isEntryAnchor) else { return nil }
        let name = EntryTitle.withoutUnderscoreEmphasis(text)
        return EntryTitle.isTitle(name) ? name : nil
    }
}

/// Page ids (`API_Media`, `API_streaming_AudioStream`) from links and file names.
enum ReferencePageID {
    /// `API_Media.md`, `API_Media.html`, `./API_Media.html#anchor` → `API_Media`; other links → nil.
    static func fromLink(_ target: String) -> String? {
        var target = target
        return target.withUTF8 { fromLink($0) }
    }

    static func fromLink(_ u: UnsafeBufferPointer<UInt8>) -> String? {
        // Byte-level: every link of every page goes through here.
        var end = u.firstIndex(of: UInt8(ascii: "#")) ?? u.count
        var start = 0
        for i in 0..<end where u[i] == UInt8(ascii: "/") { start = i + 1 }
        guard end - start > 4, u[start] == UInt8(ascii: "A"), u[start + 1] == UInt8(ascii: "P"),
              u[start + 2] == UInt8(ascii: "I"), u[start + 3] == UInt8(ascii: "_") else { return nil }
        guard let dot = u[start..<end].lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let ext = UnsafeBufferPointer(rebasing: u[(dot + 1)..<end])
        guard ext.elementsEqual("md".utf8) || ext.elementsEqual("html".utf8) || ext.elementsEqual("htm".utf8)
                || ext.elementsEqual("txt".utf8) else { return nil }
        end = dot
        return String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self)
    }

    /// A link through `/goto/` (the SDK pages).
    static func isGoto(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        let needle: StaticString = "/goto/"
        let n = needle.utf8CodeUnitCount
        guard u.count >= n else { return false }
        for i in 0...(u.count - n) where u[i] == UInt8(ascii: "/") {
            if (0..<n).allSatisfy({ u[i + $0] == needle.utf8Start[$0] }) { return true }
        }
        return false
    }

    static func fromFileName(_ path: String) -> String? {
        fromLink(path)
    }
}
