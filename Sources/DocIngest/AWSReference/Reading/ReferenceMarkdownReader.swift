/// Reads the markdown rendering of a reference page (`# Name<a name="API_Name"></a>`,
/// `## Request Syntax<a name="API_Name_RequestSyntax"></a>`, fenced syntax blocks,
/// ` ** [ Name ](#...) **   <a name="service-Op-request-Name"></a>` entries).
enum ReferenceMarkdownReader {
    static func read(path: String, bytes: [UInt8]) -> ReferencePage {
        let lines = ByteLines(bytes)
        var page = ReferencePage(path: path)
        var section: ReferenceSection?
        var entry: ReferenceEntry?
        var context: String?
        var inFence = false
        var blankBefore = false

        func closeEntry() {
            // Moved, not copied: an entry holds five references.
            if let e = entry.take() { section?.entries.append(e) }
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

        for i in 0..<lines.count {
            let lineNumber = i + 1
            let r = lines.trimmed(i)
            if lines.hasPrefix(r, "```") {
                inFence.toggle()
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
            if lines.hasPrefix(r, "## ") {
                closeSection()
                render((r.lowerBound + 3)..<r.upperBound)
                let heading = inline.trimmedString
                section = ReferenceSection(kind: .classify(id: inline.anchors.first, heading: heading), heading: heading, line: lineNumber)
                continue
            }
            render(r)
            let text = inline.trimmedString
            if section == nil {
                if page.title.isEmpty { continue }
                page.description.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            if lines.hasPrefix(r, "** "), isEntryHead(text) {
                closeEntry()
                entry = ReferenceEntry(name: text, anchor: inline.anchors.first, line: lineNumber, context: context)
                entry!.lines.reserveCapacity(4)
                page.anchors.append(contentsOf: inline.anchors)
                continue
            }
            keepLinks(inline, into: &entry)
            let kind = section!.kind
            if kind == .examples || kind == .seeAlso || kind == .other || kind.isSyntax {
                section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            if entry != nil, !(blankBefore && SectionIntro.isIntro(text)) {
                entry!.lines.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            closeEntry()
            section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
            if SectionIntro.isIntro(text) { context = text }
        }
        closeSection()
        if page.pageID == nil { page.pageID = ReferencePageID.fromFileName(path) }
        return page
    }

    /// An entry head renders to a single name (`ContentRedaction`, `BadRequestException`).
    private static func isEntryHead(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { !$0.isEmpty && !$0.contains(0x20) }
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
