import Foundation

/// `2017/04/21 - Amazon AppStream - 5 updated api methods`, optionally preceded by the
/// service title, followed by the `Changes <prose>` paragraph.
struct ChangelogHeading {
    var date: String
    var title: String
    var newCount: Int?
    var updatedCount: Int?
    var summary: String?
    /// 1-based line of the dated heading.
    var line: Int
    /// 0-based index of the last heading line (the summary's when there is one).
    var endLine: Int

    static func find(_ lines: ChangelogLines) -> ChangelogHeading? {
        var seen = 0
        for i in 0..<lines.count where !lines.isBlank(i) {
            seen += 1
            if seen > 6 { return nil }
            guard var heading = parse(lines.text(i), line: i + 1) else { continue }
            heading.endLine = i
            if let next = lines.nextContent(from: i + 1, before: lines.count), lines.hasPrefix(next, "Changes "),
               ChangeDictArea.label(lines.text(next)) == nil {
                heading.summary = String(lines.text(next).dropFirst(8)).trimmed
                heading.endLine = next
            }
            return heading
        }
        return nil
    }

    static func parse(_ t: String, line: Int) -> ChangelogHeading? {
        let u = Array(t.utf8)
        guard u.count > 13, u[4] == UInt8(ascii: "/"), u[7] == UInt8(ascii: "/"),
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ u[$0] >= 0x30 && u[$0] <= 0x39 }),
              t.hasSuffix(" api method") || t.hasSuffix(" api methods") else { return nil }
        let date = String(t.prefix(10)).replacingSlashes()
        // `date - title - counts`: the title runs to the last ` - `, which must come after the
        // date's own (`2017/04/21 - 5 updated api methods` names no service: no heading).
        let title: String
        let counts: Substring
        if u.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every page seen): bytes are characters, searched as bytes.
            guard u[10..<13].elementsEqual(" - ".utf8),
                  let dash = stride(from: u.count - 3, through: 13, by: -1).first(where: { u[$0..<$0 + 3].elementsEqual(" - ".utf8) })
            else { return nil }
            title = String(decoding: u[13..<dash], as: UTF8.self)
            counts = Substring(String(decoding: u[(dash + 3)...], as: UTF8.self))
        } else {
            let rest = t.dropFirst(10)
            guard rest.hasPrefix(" - "), let lastDash = rest.range(of: " - ", options: .backwards) else { return nil }
            let titleStart = rest.index(rest.startIndex, offsetBy: 3)
            guard lastDash.lowerBound >= titleStart else { return nil }
            title = String(rest[titleStart..<lastDash.lowerBound])
            counts = rest[lastDash.upperBound...]
        }
        var heading = ChangelogHeading(date: date, title: title, line: line, endLine: line - 1)
        let words = counts.split(separator: " ")
        for (k, w) in words.enumerated() where k + 1 < words.count {
            guard let n = Int(w) else { continue }
            switch words[k + 1] {
            case "new": heading.newCount = n
            case "updated": heading.updatedCount = n
            default: break
            }
        }
        return heading
    }
}

private extension String {
    func replacingSlashes() -> String { String(map { $0 == "/" ? "-" : $0 }) }
}
