import APIModel
import Foundation

/// A page's bytes split into lines, for every reader of text pages (boto3 RST and text
/// renderings, changelog pages, AWS API Reference text and markdown). Readers work on byte
/// ranges and decode only the text they keep: pages are large and mostly prose they skip.
///
/// A line is the bytes up to `\n`, without it; a `\r` before the `\n` (or at the end of the
/// last line) is no part of the line. A final `\n` ends the last line rather than starting
/// an empty one. Indentation and trimming go by `TextSpace`.
struct TextLines {
    let bytes: [UInt8]
    /// Start offset of each line; `starts[i]` is line i+1.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = buffer.count
            var i = 0
            // memchr scans a word at a time; pages are mostly long prose lines.
            while i < n {
                starts.append(i)
                guard let hit = memchr(base + i, 0x0A, n - i) else { break }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Byte range of line `i` (0-based) without its newline.
    func range(_ i: Int) -> Range<Int> {
        let start = starts[i]
        var end = i + 1 < starts.count ? starts[i + 1] - 1 : bytes.count
        if i + 1 == starts.count, end > start, bytes[end - 1] == 0x0A { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Every line's range, by index.
    var ranges: Ranges { Ranges(lines: self) }

    struct Ranges: RandomAccessCollection {
        let lines: TextLines
        var startIndex: Int { 0 }
        var endIndex: Int { lines.count }
        subscript(i: Int) -> Range<Int> { lines.range(i) }
    }

    // MARK: space

    /// Offset of the first byte of line `i` that is not space (the line end if blank).
    func contentStart(_ i: Int) -> Int {
        let r = range(i)
        return TextSpace.skip(bytes, from: r.lowerBound, to: r.upperBound)
    }

    /// Line `i` without its leading and trailing space.
    func trimmed(_ i: Int) -> Range<Int> { TextSpace.trim(bytes, range(i)) }

    /// Every line without its leading and trailing space, by index: one pass over the buffer
    /// for readers that look at each line's trimmed text (the same ranges as `trimmed(_:)`).
    func trimmedRanges() -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                // Written in place: an append per line checked the array's room and ownership.
                [Range<Int>](writingUpTo: starts.count) { out, count in
                    let n = starts.count
                    for i in 0..<n {
                        let start = starts[i]
                        var end = i + 1 < n ? starts[i + 1] - 1 : buffer.count
                        if i + 1 == n, end > start, buffer[end - 1] == 0x0A { end -= 1 }
                        if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                        out.initializeElement(at: i, to: TextSpace.trim(buffer, start..<end))
                    }
                    count = n
                }
            }
        }
    }

    /// Columns of leading space of line `i` (a no-break space is one column); nil for a blank line.
    func indent(_ i: Int) -> Int? {
        let r = range(i)
        let (columns, end) = leadingSpace(r)
        return end == r.upperBound ? nil : columns
    }

    /// The columns of line `i`'s leading space and the offset where it ends.
    func leadingSpace(_ i: Int) -> (columns: Int, end: Int) { leadingSpace(range(i)) }

    private func leadingSpace(_ r: Range<Int>) -> (columns: Int, end: Int) {
        var p = r.lowerBound
        var columns = 0
        while p < r.upperBound {
            let w = TextSpace.width(bytes, at: p, end: r.upperBound)
            if w == 0 { break }
            p += w
            columns += 1
        }
        return (columns, p)
    }

    func isBlank(_ i: Int) -> Bool { contentStart(i) == range(i).upperBound }

    /// The first non-blank line at or after `i`, before `end`.
    func nextContent(from i: Int, before end: Int) -> Int? {
        var k = i
        while k < end {
            if !isBlank(k) { return k }
            k += 1
        }
        return nil
    }

    /// 0-based index of the line holding byte `offset`.
    func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    // MARK: text

    func string(_ r: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decodingUTF8: UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// The text of the byte ranges `parts` joined by `separator`, decoded as one text (what
    /// decoding the joined bytes gives) without joining them first.
    func string(joining parts: some Collection<Range<Int>>, separator: StaticString) -> String {
        let gap = UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount)
        let count = parts.reduce(gap.count * max(0, parts.count - 1)) { $0 + $1.count }
        return bytes.withUnsafeBufferPointer { page in
            String(unsafeUninitializedCapacity: count) { target in
                var at = 0
                for (k, r) in parts.enumerated() {
                    if k > 0 { at = target[at...].initialize(fromContentsOf: gap) }
                    at = target[at...].initialize(fromContentsOf: page[r])
                }
                return at
            }
        }
    }

    /// Line `i`, trimmed, as text.
    func text(_ i: Int) -> String { string(trimmed(i)) }

    /// `body` on the bytes of `r`.
    func withBytes<R>(_ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Line `i`, trimmed, starts with `prefix` (the hot test of every reader: no trailing trim,
    /// which cannot change the answer for a prefix that does not end in space).
    func startsWith(_ i: Int, _ prefix: StaticString) -> Bool {
        let r = range(i)
        return hasPrefix(at: TextSpace.skip(bytes, from: r.lowerBound, to: r.upperBound), end: r.upperBound, prefix)
    }

    /// Line `i`, trimmed, is `text`.
    func `is`(_ i: Int, _ text: StaticString) -> Bool { equals(trimmed(i), text) }

    /// The line is a lone `-` (surrounding space aside).
    func isDash(_ i: Int) -> Bool {
        let r = trimmed(i)
        return r.count == 1 && bytes[r.lowerBound] == UInt8(ascii: "-")
    }

    /// The bytes of `r` start with `prefix`.
    func hasPrefix(_ r: Range<Int>, _ prefix: StaticString) -> Bool {
        hasPrefix(at: r.lowerBound, end: r.upperBound, prefix)
    }

    /// The bytes from `p` (before `end`) start with `prefix`.
    func hasPrefix(at p: Int, end: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard end - p >= n else { return false }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + p, prefix.utf8Start, n) == 0 }
    }

    /// The bytes of `r` end with `suffix`.
    func hasSuffix(_ r: Range<Int>, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        return r.count >= n && hasPrefix(at: r.upperBound - n, end: r.upperBound, suffix)
    }

    /// The bytes of `r` are `text`.
    func equals(_ r: Range<Int>, _ text: StaticString) -> Bool {
        r.count == text.utf8CodeUnitCount && hasPrefix(r, text)
    }

    /// First offset of `needle` within `range`, or nil.
    func find(_ needle: StaticString, in range: Range<Int>) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, range.count >= n else { return nil }
        // memchr to each candidate first byte: description lines are searched for glued
        // notes, and they are most of a page.
        return bytes.withUnsafeBufferPointer { hay -> Int? in
            guard let base = hay.baseAddress else { return nil }
            let first = Int32(needle.utf8Start.pointee)
            var p = range.lowerBound
            let last = range.upperBound - n
            while p <= last, let hit = memchr(base + p, first, last - p + 1) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, needle.utf8Start, n) == 0 { return at }
                p = at + 1
            }
            return nil
        }
    }

    /// Offset of the first `.. note::` within `range`, or nil. Searched on every description
    /// line, so by its rare `::` rather than its first byte (a `.` or a space is in every sentence).
    func findNote(in range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { hay -> Int? in
            guard let base = hay.baseAddress else { return nil }
            var p = range.lowerBound + 7
            while p + 1 < range.upperBound, let hit = memchr(base + p, 0x3A, range.upperBound - 1 - p) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if hay[at + 1] == 0x3A, memcmp(base + at - 7, ".. note", 7) == 0 { return at - 7 }
                p = at + 1
            }
            return nil
        }
    }

    /// `needle` occurs on one of `lines`.
    func contains(_ needle: StaticString, lines: Range<Int>) -> Bool {
        guard !lines.isEmpty else { return false }
        return find(needle, in: starts[lines.lowerBound]..<range(lines.upperBound - 1).upperBound) != nil
    }
}

/// What the text readers count as space: U+0020, tab, and U+00A0 (a rendered `&nbsp;`).
/// Line breaks are not space here: lines are split first.
enum TextSpace {
    /// The same notion for `Character`s, where a reader works on text it has decoded.
    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\u{a0}" }

    /// Bytes of the space at `p` (before `end`): 1, 2 for U+00A0, 0 when none.
    @inline(__always)
    static func width(_ bytes: [UInt8], at p: Int, end: Int) -> Int {
        let b = bytes[p]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xC2, p + 1 < end, bytes[p + 1] == 0xA0 { return 2 }
        return 0
    }

    /// The first offset from `p` before `end` that is not space.
    static func skip(_ bytes: [UInt8], from p: Int, to end: Int) -> Int {
        var p = p
        while p < end {
            let w = width(bytes, at: p, end: end)
            if w == 0 { break }
            p += w
        }
        return p
    }

    /// `r` without leading and trailing space.
    static func trim(_ bytes: [UInt8], _ r: Range<Int>) -> Range<Int> {
        bytes.withUnsafeBufferPointer { trim($0, r) }
    }

    /// `r` without leading and trailing space, on a buffer (`r` must lie within it): the
    /// form for loops over every line, without a bounds check per byte.
    @inline(__always)
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int> {
        guard let base = bytes.baseAddress else { return r }
        var start = r.lowerBound
        var end = r.upperBound
        // Indentation a word at a time: syntax blocks are indented tens of spaces.
        while end - start >= 8, UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 { start += 8 }
        while start < end {
            let b = base[start]
            if b == 0x20 || b == 0x09 { start += 1; continue }
            if b == 0xC2, start + 1 < end, base[start + 1] == 0xA0 { start += 2; continue }
            break
        }
        while end > start {
            let b = base[end - 1]
            if b == 0x20 || b == 0x09 { end -= 1; continue }
            if b == 0xA0, end - 2 >= start, base[end - 2] == 0xC2 { end -= 2; continue }
            break
        }
        return start..<end
    }

    /// `text` (a text of one line or several) without leading and trailing space and line breaks.
    static func trim(_ text: String) -> String {
        let u = Array(text.utf8)
        let kept = trimSpaceAndBreaks(u, 0..<u.count)
        return kept == 0..<u.count ? text : String(decoding: u[kept], as: UTF8.self)
    }

    /// `r` of `bytes` without leading and trailing space and line breaks.
    static func trimSpaceAndBreaks(_ bytes: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var start = r.lowerBound
        var end = r.upperBound
        while start < end {
            if bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1; continue }
            let w = width(bytes, at: start, end: end)
            if w == 0 { break }
            start += w
        }
        while end > start {
            let b = bytes[end - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { end -= 1; continue }
            if b == 0xA0, end - 2 >= start, bytes[end - 2] == 0xC2 { end -= 2; continue }
            break
        }
        return start..<end
    }
}

extension String {
    /// Without leading and trailing space and line breaks (`TextSpace`).
    var trimmed: String { TextSpace.trim(self) }
}
