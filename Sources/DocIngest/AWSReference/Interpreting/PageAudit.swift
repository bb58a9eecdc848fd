import APIModel

/// What a page states that no entry carries — facts the model would otherwise lose in
/// silence — and whether the page was cut short. Each finding is a warning at its line; a
/// page with one is read only in part (its operation, or every operation that uses its data
/// type, is marked `partial`, so a comparison takes nothing it lacks for removed).
enum PageAudit {
    /// Fact lines before the first section the reader knows, in a section it does not know, or
    /// among a section's prose (the entry they belong to is in a style the reader does not
    /// know); a name alone in a section that yielded no entries.
    static func unreadFacts(_ page: ReferencePage, log: inout DiagnosticLog) -> Bool {
        var unread = false
        if let fact = page.description.first(where: isFactLine) {
            log.warning(page.path, line: fact.line, "fact line \(quote(fact.text)) comes before any section the reader knows (section headings in another style?); not read")
            unread = true
        }
        for section in page.sections {
            if section.kind == .other {
                let lines = section.paragraphs + section.entries.flatMap(\.lines)
                if let fact = lines.filter(isFactLine).min(by: { $0.line < $1.line }) {
                    log.warning(page.path, line: section.line, "section \(quote(section.heading)) is not one the reader knows, yet it holds fact lines (line \(fact.line): \(quote(fact.text))); not read")
                    unread = true
                }
                continue
            }
            guard section.kind.holdsEntries else { continue }
            var previousIsFact = false
            for (i, paragraph) in section.paragraphs.enumerated() {
                let isFact = isFactLine(paragraph)
                defer { previousIsFact = isFact }
                guard isFact, !previousIsFact else { continue }
                unread = true
                // The head of the lost entry: the first line of the block of lines the facts end.
                var first = i
                while first > 0, section.paragraphs[first - 1].line == section.paragraphs[first].line - 1,
                      !isFactLine(section.paragraphs[first - 1]) { first -= 1 }
                if first < i {
                    let head = section.paragraphs[first]
                    log.warning(page.path, line: head.line, "\(quote(head.text)) may open an entry in a style the reader does not know: fact lines follow it (line \(paragraph.line): \(quote(paragraph.text))); not read")
                } else {
                    log.warning(page.path, line: paragraph.line, "fact line \(quote(paragraph.text)) belongs to no entry the reader recognizes (an entry style it does not know?); not read")
                }
            }
            if section.entries.isEmpty, let name = section.paragraphs.first(where: { EntryTitle.looksLikeName($0.text) }) {
                log.warning(page.path, line: name.line, "\(quote(name.text)) looks like a member name, but the section \(quote(section.heading)) yields no entries (an entry style the reader does not know?)")
                unread = true
            }
        }
        return unread
    }

    /// How the page shows it was cut short, if it does: the rendering says so (a served page
    /// without its closing tags, a code block never closed), an operation page ends before its
    /// Errors section (which every operation page has), or the page lacks the See Also section
    /// that the other pages of its service end with.
    static func cutShort(_ page: ReferencePage, isOperation: Bool, othersEndWithSeeAlso: Bool) -> String? {
        if let reason = page.cutShort { return reason }
        if isOperation, !page.sections.contains(where: { $0.kind == .errors || $0.kind == .examples || $0.kind == .seeAlso }) {
            return "the operation page ends before its Errors section (cut short?)"
        }
        guard !page.sections.contains(where: { $0.kind == .seeAlso }) else { return nil }
        if othersEndWithSeeAlso {
            return "the page ends before the See Also section that the other pages of its service end with (cut short?)"
        }
        guard let section = page.sections.last, section.kind.holdsEntries else { return nil }
        if section.entries.isEmpty, section.kind == .errors, !endsSentence(section.paragraphs.last?.text) {
            return "the page ends in its Errors section, in the middle of its text (cut short?)"
        }
        if lastEntryIsCut(section) {
            return "the page ends inside its last entry, which lacks the fact lines the entries before it have (cut short?)"
        }
        return nil
    }

    /// Text that ends as a sentence does (an Errors section that lists none ends so: "... see Common Errors.").
    private static func endsSentence(_ text: String?) -> Bool {
        guard let last = text?.utf8.last else { return false }
        return last == UInt8(ascii: ".") || last == UInt8(ascii: ":") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
            || last == UInt8(ascii: ")")
    }

    /// The section's last entry lacks a kind of fact line that every other entry of the
    /// section has (errors: their status code).
    private static func lastEntryIsCut(_ section: ReferenceSection) -> Bool {
        guard let last = section.entries.last else { return false }
        let keywords = { (e: ReferenceEntry) in Set(e.lines.compactMap { FactLine.keyword(of: $0.text) }) }
        var common: Set<String> = section.kind == .errors ? ["HTTP Status Code:"] : []
        if section.entries.count > 1 {
            let others = section.entries.dropLast().map(keywords)
            common.formUnion(others.dropFirst().reduce(others[0]) { $0.intersection($1) })
        }
        return !common.isSubset(of: keywords(last))
    }

    /// A page whose title names it (`API_AttachRolePolicy`: `AttachRolePolicy`, or the start of
    /// it when the cut fell in the title) and no section the reader knows after its description
    /// (none, or one cut in its heading): an operation or data type page cut before its first
    /// section. Index pages are titled otherwise (`API_Operations`: "Actions").
    static func isCutBeforeSections(_ page: ReferencePage) -> Bool {
        guard page.sections.allSatisfy({ $0.kind == .other }), !page.title.isEmpty, let id = page.pageID,
              let underscore = id.utf8.lastIndex(of: UInt8(ascii: "_")) else { return false }
        let name = titleName(page)
        return !name.isEmpty && id.utf8[id.utf8.index(after: underscore)...].starts(with: name.utf8)
    }

    /// The name a page's title gives (a title cut in its anchor shows the anchor's start after it).
    static func titleName(_ page: ReferencePage) -> String {
        String(decoding: page.title.utf8.prefix { $0 != UInt8(ascii: "<") && $0 != 0x20 }, as: UTF8.self)
    }

    static func isFactLine(_ line: ReferenceLine) -> Bool {
        FactLine.keywordAndFollow(of: line.text) != nil
    }

    private static func quote(_ text: String) -> String {
        "\"" + (text.utf8.count > 80 ? String(text.prefix(77)) + "..." : text) + "\""
    }
}
