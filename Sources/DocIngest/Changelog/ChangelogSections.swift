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
            if let (name, status) = title(lines, i) { titles.append((i, name, status)) }
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
        let requests = (first..<lines.count).filter { lines.is($0, "Request Syntax") }
        guard !requests.isEmpty else { return .unknown(lines.nextContent(from: first, before: lines.count) ?? first) }
        var starts: [Int] = []
        var previousBody = first
        for r in requests {
            let floor = starts.isEmpty ? first : (lines.first("Response Structure", in: previousBody..<r) ?? previousBody) + 1
            let dict = (floor..<r).first { lines.hasPrefix($0, "{") }
            let seeAlso = (floor..<r).last { lines.hasPrefix($0, "See also: AWS API Documentation") }
            starts.append(dict ?? (starts.isEmpty ? first : seeAlso ?? r))
            previousBody = r
        }
        var sections: [OperationSection] = []
        for (k, s) in starts.enumerated() {
            sections.append(OperationSection(start: s, end: k + 1 < starts.count ? starts[k + 1] : lines.count, title: nil))
        }
        return .found(.compact, sections)
    }

    /// `Name (updated) Link ¶`, `Name (new) Link ¶`, `Name (updated)`: line `i`, on its bytes.
    static func title(_ lines: ChangelogLines, _ i: Int) -> (String, ChangelogOperation.Status)? {
        let page = lines.page
        let bytes = page.bytes
        let r = lines.trimmed[i]
        // A title ends with `)`, `¶` or `Link`: most lines are told by their last byte.
        guard let last = r.last.map({ bytes[$0] }), last == UInt8(ascii: ")") || last == 0xB6 || last == UInt8(ascii: "k") else { return nil }
        var end = r.upperBound
        func drop(_ suffix: StaticString) -> Bool {
            guard page.hasSuffix(r.lowerBound..<end, suffix) else { return false }
            end -= suffix.utf8CodeUnitCount
            return true
        }
        func dropSpaces() { while end > r.lowerBound, bytes[end - 1] == 0x20 { end -= 1 } }
        _ = drop("¶")
        dropSpaces()
        _ = drop(" Link")
        let status: ChangelogOperation.Status
        if drop(" (updated)") { status = .updated } else if drop(" (new)") { status = .new } else { return nil }
        dropSpaces()
        let name = r.lowerBound..<end
        guard !name.isEmpty else { return nil }
        if bytes[name].allSatisfy({ $0 < 0x80 }) {
            let first = bytes[name.lowerBound]
            guard first >= 0x41, first <= 0x5A,
                  bytes[name].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }) else { return nil }
            return (page.string(name), status)
        }
        // Names in other scripts: Unicode's letters and digits.
        let s = page.string(name)
        guard let f = s.first, f.isUppercase, s.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return (s, status)
    }
}
