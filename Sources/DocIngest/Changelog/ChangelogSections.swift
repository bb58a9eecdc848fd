/// Splits a page into operation sections and tells its layout.
enum ChangelogSections {
    enum Split {
        case found(ChangelogLayout, [OperationSection])
        /// Neither layout: the 0-based line where operations were expected.
        case unknown(Int)
    }

    static func split(_ lines: ChangelogLines, after headingEnd: Int) -> Split {
        let first = headingEnd + 1
        // Expanded: `CreateNetworkInterface (updated) Link ¶` headings.
        var titles: [(Int, String, ChangelogOperation.Status)] = []
        for i in first..<lines.count {
            if let (name, status) = title(lines.trimmed[i]) { titles.append((i, name, status)) }
        }
        if !titles.isEmpty {
            var sections: [OperationSection] = []
            for (k, (line, name, status)) in titles.enumerated() {
                let end = k + 1 < titles.count ? titles[k + 1].0 : lines.count
                sections.append(OperationSection(start: line, end: end, title: (name, status)))
            }
            return .found(.expanded, sections)
        }
        // Compact: one `Request Syntax` per operation, its change dicts (if any) somewhere
        // after the previous operation's response structure.
        let requests = (first..<lines.count).filter { lines.trimmed[$0] == "Request Syntax" }
        guard !requests.isEmpty else { return .unknown(lines.nextContent(from: first, before: lines.count) ?? first) }
        var starts: [Int] = []
        var previousBody = first
        for r in requests {
            let floor = starts.isEmpty ? first : (lines.first("Response Structure", in: previousBody..<r) ?? previousBody) + 1
            let dict = (floor..<r).first { lines.trimmed[$0].hasPrefix("{") }
            let seeAlso = (floor..<r).last { lines.trimmed[$0].hasPrefix("See also: AWS API Documentation") }
            starts.append(dict ?? (starts.isEmpty ? first : seeAlso ?? r))
            previousBody = r
        }
        var sections: [OperationSection] = []
        for (k, s) in starts.enumerated() {
            sections.append(OperationSection(start: s, end: k + 1 < starts.count ? starts[k + 1] : lines.count, title: nil))
        }
        return .found(.compact, sections)
    }

    /// `Name (updated) Link ¶`, `Name (new) Link ¶`, `Name (updated)`.
    static func title(_ t: String) -> (String, ChangelogOperation.Status)? {
        var s = Substring(t)
        if s.hasSuffix("¶") { s = s.dropLast() }
        while s.last == " " { s = s.dropLast() }
        if s.hasSuffix(" Link") { s = s.dropLast(5) }
        let status: ChangelogOperation.Status
        if s.hasSuffix(" (updated)") { status = .updated; s = s.dropLast(10) }
        else if s.hasSuffix(" (new)") { status = .new; s = s.dropLast(6) }
        else { return nil }
        while s.last == " " { s = s.dropLast() }
        guard let f = s.first, f.isUppercase, s.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return (String(s), status)
    }
}
