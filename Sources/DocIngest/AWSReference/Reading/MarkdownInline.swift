import Foundation

/// Undoes the markdown rendering of one line: `\.` escapes, code spans (content kept
/// verbatim, backticks stripped), links `[ text ](target)` (text kept, target recorded),
/// `**` emphasis and `<a name="..."></a>` anchors (recorded, dropped).
///
/// One value renders every line of a page in turn (`render` starts afresh and keeps its
/// buffers' capacity): a page has thousands of lines, and allocating the buffers per line
/// cost more than rendering them.
struct MarkdownInline {
    /// The rendered text is `buffer[..<count]`; the buffer only grows.
    private var buffer: [UInt8] = []
    private var count = 0
    /// Links to reference pages (with the page id) and to SDK pages (`/goto/`, no page id).
    private(set) var links: [(text: String, target: String, pageID: String?)] = []
    private(set) var anchors: [String] = []

    static func render(_ src: UnsafeBufferPointer<UInt8>) -> MarkdownInline {
        var out = MarkdownInline()
        out.render(src)
        return out
    }

    var text: ArraySlice<UInt8> { buffer[..<count] }

    mutating func render(_ src: UnsafeBufferPointer<UInt8>) {
        // (removeAll on an empty array still pays a generic replaceSubrange.)
        if !links.isEmpty { links.removeAll(keepingCapacity: true) }
        if !anchors.isEmpty { anchors.removeAll(keepingCapacity: true) }
        // The rendering is never longer than its source: it is written in place into a buffer
        // at least the source's size (appending byte by byte paid a capacity check per byte).
        if buffer.count < src.count { buffer = Array(repeating: 0, count: Swift.max(src.count, 2 * buffer.count)) }
        var n = 0
        scans.reset(lineLength: src.count)
        var writer = Writer(links: links, anchors: anchors)
        links = []
        anchors = []
        buffer.withUnsafeMutableBufferPointer { out in
            MarkdownInline.special.withUnsafeBufferPointer { special in
                // The scans are lent, not copied: a copy in and out per line cost more than the line.
                writer.write(src, 0..<src.count, into: out.baseAddress!, at: &n, special: special, linking: true, scans: &scans)
            }
        }
        links = writer.links
        anchors = writer.anchors
        // Trailing spaces are markdown's hard line break, not content.
        while n > 0, buffer[n - 1] == 0x20 { n -= 1 }
        count = n
    }

    var string: String { String(decoding: text, as: UTF8.self) }

    /// The rendered text without surrounding space (`TextSpace`), made once.
    var trimmedString: String {
        let r = TextSpace.trim(buffer, 0..<count)
        return buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// Bytes that may start markup; runs of other bytes are copied whole.
    private static let special: [Bool] = (0..<256).map { b in
        b == Int(UInt8(ascii: "\\")) || b == Int(UInt8(ascii: "`")) || b == Int(UInt8(ascii: "*")) || b == Int(UInt8(ascii: "["))
            || b == Int(UInt8(ascii: "<"))
    }

    /// The searches a line repeats, remembered for the line (kept across lines for their buffers).
    private var scans = Scans()

    struct Scans {
        /// Bytes the direct search for a link's `]` may still cover on this line: a few links
        /// are found faster so than by pairing the whole line's brackets, which is what a line
        /// that spends the budget (one of thousands of `[`) falls back to.
        var bracketBudget = 0
        var brackets = BracketPairs()
        var backticks = BacktickScan()
        /// The end of a link target: `)` (or a space, which no target holds).
        var targetEnd = ForwardScan(UInt8(ascii: ")"), or: 0x20)
        /// An anchor's opening quote (or the `>` that ends a tag without one), its closing quote, the tag's `>`.
        var quoteOrTagEnd = ForwardScan(UInt8(ascii: "\""), or: UInt8(ascii: ">"))
        var quote = ForwardScan(UInt8(ascii: "\""))
        var tagEnd = ForwardScan(UInt8(ascii: ">"))

        mutating func reset(lineLength: Int) {
            bracketBudget = 4 * lineLength + 64
            brackets.reset()
            backticks.reset()
            targetEnd.reset()
            quoteOrTagEnd.reset()
            quote.reset()
            tagEnd.reset()
        }
    }

    /// Renders into a raw output buffer, collecting links and anchors.
    private struct Writer {
        var links: [(text: String, target: String, pageID: String?)]
        var anchors: [String]

        /// `linking`: links are rendered as links (not inside a link's text: links do not nest,
        /// which also keeps the recursion one level deep).
        mutating func write(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutablePointer<UInt8>, at n: inout Int,
                            special: UnsafeBufferPointer<Bool>, linking: Bool, scans: inout Scans) {
            var i = range.lowerBound
            let end = range.upperBound
            while i < end {
                var run = i
                while run < end, !special[Int(s[run])] { run += 1 }
                if run > i {
                    (out + n).update(from: s.baseAddress! + i, count: run - i)
                    n += run - i
                    i = run
                    if i == end { break }
                }
                let c = s[i]
                switch c {
                case UInt8(ascii: "\\"):
                    if i + 1 < end, MarkdownInline.isPunctuation(s[i + 1]) {
                        out[n] = s[i + 1]
                        n += 1
                        i += 2
                        continue
                    }
                case UInt8(ascii: "`"):
                    var ticks = 0
                    while i + ticks < end, s[i + ticks] == c { ticks += 1 }
                    let close = scans.backticks.closing(in: s, from: i + ticks, count: ticks)
                    if close < end {
                        (out + n).update(from: s.baseAddress! + i + ticks, count: close - i - ticks)
                        n += close - i - ticks
                        i = close + ticks
                        continue
                    }
                    (out + n).update(from: s.baseAddress! + i, count: ticks)
                    n += ticks
                    i += ticks
                    continue
                case UInt8(ascii: "*"):
                    if i + 1 < end, s[i + 1] == c {
                        i += 2
                        continue
                    }
                case UInt8(ascii: "["):
                    if linking, let (textEnd, targetStart, targetEnd) = link(s, at: i, end: end, scans: &scans) {
                        let before = n
                        // `[ Media ](API_Media.md)`: the spaces inside the brackets are layout. Leading
                        // spaces of the source are skipped; markup may still leave some to remove.
                        var start = i + 1
                        while start < textEnd, s[start] == 0x20 { start += 1 }
                        write(s, start..<textEnd, into: out, at: &n, special: special, linking: false, scans: &scans)
                        var a = before
                        while a < n, out[a] == 0x20 { a += 1 }
                        var b = n
                        while b > a, out[b - 1] == 0x20 { b -= 1 }
                        let target = UnsafeBufferPointer(rebasing: s[targetStart..<targetEnd])
                        // Only links to reference pages and SDK pages are of use: no strings for the others.
                        let pageID = ReferencePageID.fromLink(target)
                        if pageID != nil || ReferencePageID.isGoto(target) {
                            links.append((String(decoding: UnsafeBufferPointer(start: out + a, count: b - a), as: UTF8.self),
                                          String(decoding: target, as: UTF8.self), pageID))
                        }
                        if a > before { memmove(out + before, out + a, b - a) }
                        n = before + (b - a)
                        i = targetEnd + 1
                        continue
                    }
                case UInt8(ascii: "<"):
                    if let (name, after) = anchor(s, at: i, end: end, scans: &scans) {
                        anchors.append(name)
                        i = after
                        continue
                    }
                default:
                    break
                }
                out[n] = c
                n += 1
                i += 1
            }
        }

        /// `[text](target)` at `i`: (end of text, start of target, end of target).
        private func link(_ s: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, scans: inout Scans) -> (Int, Int, Int)? {
            guard let j = closingBracket(s, of: i, scans: &scans), j + 1 < end, s[j + 1] == UInt8(ascii: "(") else { return nil }
            let k = scans.targetEnd.next(in: s, from: j + 2)
            guard k < end, s[k] == UInt8(ascii: ")") else { return nil }
            return (j, j + 2, k)
        }

        /// The `]` that closes the `[` at `i` (bracket depth, backslash escapes skipped).
        private func closingBracket(_ s: UnsafeBufferPointer<UInt8>, of i: Int, scans: inout Scans) -> Int? {
            if scans.bracketBudget > 0 {
                let limit = Swift.min(s.count, i + scans.bracketBudget)
                var depth = 0, j = i
                while j < limit {
                    switch s[j] {
                    case UInt8(ascii: "\\"): j += 1
                    case UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            scans.bracketBudget -= j - i + 1
                            return j
                        }
                    default: break
                    }
                    j += 1
                }
                scans.bracketBudget -= j - i
                if j >= s.count { return nil }
            }
            return scans.brackets.close(of: i, in: s)
        }

        /// `<a name="x"></a>` (or `id=`) at `i`: the name and the index after `</a>`.
        private func anchor(_ s: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, scans: inout Scans) -> (String, Int)? {
            guard i + 3 < end, s[i + 1] == UInt8(ascii: "a"), s[i + 2] == 0x20 else { return nil }
            let open = scans.quoteOrTagEnd.next(in: s, from: i + 3)
            guard open < end, s[open] == UInt8(ascii: "\"") else { return nil }
            let start = open + 1
            let k = scans.quote.next(in: s, from: start)
            guard k < end else { return nil }
            let name = String(decoding: UnsafeBufferPointer(rebasing: s[start..<k]), as: UTF8.self)
            var after = Swift.min(scans.tagEnd.next(in: s, from: k), end)
            after += 1
            if after + 4 <= end, s[after] == UInt8(ascii: "<"), s[after + 1] == UInt8(ascii: "/"), s[after + 2] == UInt8(ascii: "a"),
               s[after + 3] == UInt8(ascii: ">") { after += 4 }
            return (name, Swift.min(after, end))
        }
    }

    private static func isPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }
}
