/// The `dt` of an entry as the renderings show it, and the anchor beside it: a name
/// (`clientToken`, `ImageId.N`), or the query protocol's title of a map member
/// (`Attributes , Attributes.entry.N.key (key) , Attributes.entry.N.value (value)`).
enum EntryTitle {
    /// A name alone, or names separated by commas each with an optional `(word)`.
    static func isTitle(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isTitle($0) }
    }

    static func isTitle(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty else { return false }
        guard b.contains(0x20) else { return true }
        var start = 0
        for i in 0...b.count where i == b.count || b[i] == UInt8(ascii: ",") {
            guard isNamePart(UnsafeBufferPointer(rebasing: b[start..<i])) else { return false }
            start = i + 1
        }
        return true
    }

    /// `name` or `name (word)`, spaces around allowed.
    private static func isNamePart(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let words = b.split(separator: 0x20)
        switch words.count {
        case 1: return !words[0].contains(UInt8(ascii: "(")) && !words[0].contains(UInt8(ascii: ")"))
        case 2: return words[1].count > 2 && words[1].first == UInt8(ascii: "(") && words[1].last == UInt8(ascii: ")")
        default: return false
        }
    }

    /// The member a title names: the name, or a map title's first name.
    static func memberName(_ title: String) -> String {
        var bytes = title
        guard bytes.withUTF8({ $0.contains(0x20) }) else { return title }
        let first = title.utf8.split(separator: UInt8(ascii: ","), maxSplits: 1).first ?? title.utf8[...]
        let word = first.split(separator: 0x20).first ?? first
        return String(decoding: word, as: UTF8.self)
    }

    /// A name alone (`fulfillmentState`, `ImageId.N`) as a line of text, not a note's heading.
    static func looksLikeName(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z"),
              !text.utf8.contains(0x20), text.utf8.count <= 128, isTitle(text) else { return false }
        let last = text.utf8.last!
        return last != UInt8(ascii: ":") && last != UInt8(ascii: ".") && !isAdmonition(text)
    }

    /// The heading of a note pages put among entries (`**Important**`).
    static func isAdmonition(_ text: String) -> Bool { admonitions.contains(text) }

    private static let admonitions: Set<String> = ["Note", "Important", "Warning", "Tip", "Caution", "Topics"]

    /// `__name__` → `name`: markdown's other strong emphasis, which the line renderer keeps.
    static func withoutUnderscoreEmphasis(_ text: String) -> String {
        let u = text.utf8
        guard u.count > 4, u.starts(with: "__".utf8), u.reversed().starts(with: "__".utf8) else { return text }
        return String(decoding: u.dropFirst(2).dropLast(2), as: UTF8.self)
    }

    /// An anchor the reference gives its entries (`imagebuilder-DistributeImage-request-clientToken`,
    /// `lex-Type-runtime_DialogAction-intentName`, `SNS-GetTopicAttributes-response-Attributes`).
    static func isEntryAnchor(_ anchor: String) -> Bool {
        anchor.containsBytes("-request-") || anchor.containsBytes("-response-") || anchor.containsBytes("-Type-")
    }

    /// The member name an entry anchor gives: what follows `-<stem>-request-`, `-<stem>-response-`
    /// or `-Type-<stem>-` (after a `uri-`, `header-` or `querystring-` place word); nil when the
    /// anchor has none of those forms.
    static func anchorName(_ anchor: String, stem: String) -> String? {
        var anchor = anchor, stem = stem
        guard !stem.isEmpty else { return nil }
        return anchor.withUTF8 { a in
            stem.withUTF8 { s -> String? in
                guard var start = EntryAnchor.parts(a, stem: s)?.nameStart else { return nil }
                for place in ["uri-", "header-", "querystring-"] where a[start...].starts(with: place.utf8) && a.count - start > place.utf8.count {
                    start += place.utf8.count
                    break
                }
                return start < a.count ? String(decoding: a[start...], as: UTF8.self) : nil
            }
        }
    }
}

/// The parts of an entry anchor (`imagebuilder-DistributeImage-request-clientToken`,
/// `lex-Type-runtime_DialogAction-intentName`): the prefix before `-<stem>-request-`,
/// `-<stem>-response-` or `-Type-<stem>-` (the first of these the anchor holds, at its first
/// place), and the name after it. Read on bytes: every page and many entries ask.
enum EntryAnchor {
    private static let forms: [(before: StaticString, after: StaticString)] = [("-", "-request-"), ("-", "-response-"), ("-Type-", "-")]

    static func parts(_ a: UnsafeBufferPointer<UInt8>, stem s: UnsafeBufferPointer<UInt8>) -> (prefixEnd: Int, nameStart: Int)? {
        guard let first = s.first, a.count > s.count else { return nil }
        // The first place of each form, found from the places the stem stands (an anchor holds it once or so).
        var best: (form: Int, prefixEnd: Int, nameStart: Int)?
        var p = 1
        while p + s.count < a.count {
            if a[p] == first, a[p..<(p + s.count)].elementsEqual(s) {
                for (k, (before, after)) in forms.enumerated() where best.map({ k < $0.form }) ?? true {
                    let start = p - before.utf8CodeUnitCount, end = p + s.count + after.utf8CodeUnitCount
                    if start >= 0, end <= a.count, matches(a, at: start, before), matches(a, at: p + s.count, after) {
                        best = (k, start, end)
                        break
                    }
                }
            }
            p += 1
        }
        return best.map { ($0.prefixEnd, $0.nameStart) }
    }

    private static func matches(_ a: UnsafeBufferPointer<UInt8>, at p: Int, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { t in a[p..<(p + t.count)].elementsEqual(t) }
    }
}

/// A `Pattern:` line of the markdown rendering, read verbatim: the generator wraps the pattern
/// in one code span and escapes nothing inside it, so a backtick the pattern holds
/// (`^[…\^_`\{\|\}~><]+$`) must not end it. The pattern runs from the line's first backtick
/// run to the last run of the same length; backslashes in it are literal (CommonMark), and
/// one space is stripped from each end when both ends have one.
enum PatternLine {
    static func verbatim(source lines: TextLines, _ r: Range<Int>, rendered: String) -> String? {
        guard let first = rendered.utf8.first, first == UInt8(ascii: "P") || first == UInt8(ascii: "K") || first == UInt8(ascii: "V"),
              let keyword = FactLine.keyword(of: rendered), keyword == "Pattern:" || keyword == "Key Pattern:" || keyword == "Value Pattern:"
        else { return nil }
        // One code span of single backticks renders as it reads: only other lines are read again.
        let ticks = lines.withBytes(r) { s in s.reduce(0) { $1 == UInt8(ascii: "`") ? $0 + 1 : $0 } }
        guard ticks > 2 else { return nil }
        return lines.withBytes(r) { s -> String? in
            guard let open = s.firstIndex(of: UInt8(ascii: "`")),
                  String(decoding: UnsafeBufferPointer(rebasing: s[..<open]), as: UTF8.self).trimmingTextSpace == keyword else { return nil }
            var ticks = 0
            while open + ticks < s.count, s[open + ticks] == UInt8(ascii: "`") { ticks += 1 }
            // The last run of `ticks` backticks after the opening run.
            var close: Int?
            var j = open + ticks
            while j < s.count {
                guard s[j] == UInt8(ascii: "`") else { j += 1; continue }
                var run = 0
                while j + run < s.count, s[j + run] == UInt8(ascii: "`") { run += 1 }
                if run == ticks { close = j }
                j += run
            }
            guard let close else { return nil }
            var lo = open + ticks, hi = close
            if hi - lo >= 2, s[lo] == 0x20, s[hi - 1] == 0x20, s[lo..<hi].contains(where: { $0 != 0x20 }) { lo += 1; hi -= 1 }
            return keyword + " " + String(decoding: UnsafeBufferPointer(rebasing: s[lo..<hi]), as: UTF8.self)
        }
    }
}
