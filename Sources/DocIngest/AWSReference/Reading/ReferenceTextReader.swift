/// Reads the text rendering of a reference page (`../seeds/aws-reference-text_*.txt`):
/// the title on the first line, headings as plain lines, each `dt`/`dd` pair as
/// `- name`, `-`, then the `dd` lines.
enum ReferenceTextReader {
    static func read(path: String, bytes: [UInt8]) -> ReferencePage {
        let lines = TextLines(bytes)
        var page = ReferencePage(path: path)
        var i = 0
        while i < lines.count, lines.isBlank(i) { i += 1 }
        guard i < lines.count else { return page }
        page.title = lines.text(i)
        page.titleLine = i + 1
        i += 1
        var section: ReferenceSection?
        var entry: ReferenceEntry?
        var context: String?

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

        while i < lines.count {
            defer { i += 1 }
            let r = lines.trimmed(i)
            if r.isEmpty { continue }
            let text = lines.string(r)
            let lineNumber = i + 1
            if let kind = lines.withBytes(r, ReferenceSectionKind.headingKind) {
                closeSection()
                section = ReferenceSection(kind: kind, heading: text, line: lineNumber)
                if kind.isSyntax { section?.blocks = [[]] }
                continue
            }
            guard section != nil else {
                page.description.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            if section!.kind.isSyntax {
                section!.blocks[0].append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            if section!.kind == .examples || section!.kind == .seeAlso || section!.kind == .other {
                section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
                continue
            }
            // `- name` opens an entry when the next non-blank line is the bare `-` of its dd (other
            // renderings bullet with `*`, `+`, `•`). Byte tests first: most lines are neither.
            if TextBullet.mayStart(lines, r), let bullet = TextBullet.length(lines, r, alone: false), let next = nextNonBlank(lines, after: i),
               TextBullet.isLone(lines, next, like: r.lowerBound, length: bullet) {
                closeEntry()
                let name = TextSpace.skip(lines.bytes, from: r.lowerBound + bullet + 1, to: r.upperBound)..<r.upperBound
                entry = ReferenceEntry(name: lines.string(name), line: lineNumber, context: context)
                entry!.lines.reserveCapacity(4)
                i = next
                continue
            }
            if lines.isDash(i) || TextBullet.mayStart(lines, r) && TextBullet.length(lines, r, alone: true) != nil {
                // A dd whose dt the rendering lost: the interpreter names it from the syntax.
                closeEntry()
                entry = ReferenceEntry(name: nil, line: lineNumber, context: context)
                entry!.lines.reserveCapacity(4)
                continue
            }
            if lines.withBytes(r, SectionIntro.isIntro) {
                closeEntry()
                section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
                context = text
                continue
            }
            if entry != nil {
                entry!.lines.append(ReferenceLine(text: text, line: lineNumber))
            } else {
                section!.paragraphs.append(ReferenceLine(text: text, line: lineNumber))
            }
        }
        closeSection()
        return page
    }

    private static func nextNonBlank(_ lines: TextLines, after i: Int) -> Int? {
        var j = i + 1
        while j < lines.count {
            if !lines.isBlank(j) { return j }
            j += 1
        }
        return nil
    }
}

/// The bullets text renderings put before each `dt` and `dd`: `-` (the seed), `*`, `+`, `•`, `·`, `◦`, `▪`.
enum TextBullet {
    private static let bullets: [[UInt8]] = ["-", "*", "+", "•", "·", "◦", "▪"].map { Array($0.utf8) }

    /// `r` starts with a byte a bullet may start with (tested inline: most lines start otherwise).
    @inline(__always)
    static func mayStart(_ lines: TextLines, _ r: Range<Int>) -> Bool {
        guard !r.isEmpty else { return false }
        let first = lines.bytes[r.lowerBound]
        return first == 0x2D || first == 0x2A || first == 0x2B || first >= 0xC2
    }

    /// The byte length of the bullet `r` starts with: followed by a space and a name, or (`alone`) nothing else.
    static func length(_ lines: TextLines, _ r: Range<Int>, alone: Bool) -> Int? {
        guard mayStart(lines, r) else { return nil }
        for b in bullets where r.count >= b.count && lines.bytes[r.lowerBound..<(r.lowerBound + b.count)].elementsEqual(b) {
            if alone { return r.count == b.count ? b.count : nil }
            return r.count > b.count + 1 && lines.bytes[r.lowerBound + b.count] == 0x20 ? b.count : nil
        }
        return nil
    }

    /// Line `i` is the same bullet as the one at `start`, alone.
    static func isLone(_ lines: TextLines, _ i: Int, like start: Int, length: Int) -> Bool {
        let r = lines.trimmed(i)
        return r.count == length && lines.bytes[r].elementsEqual(lines.bytes[start..<(start + length)])
    }
}
