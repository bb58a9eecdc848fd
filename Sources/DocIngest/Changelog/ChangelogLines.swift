import APIModel
import Foundation

/// A changelog page's lines. Pages rendered from HTML carry no-break spaces (U+00A0) where
/// the site put `&nbsp;` (`CreateFleet (updated)`, `Changes  Network ...`); each is read as
/// one plain space. Its two bytes become one, so line numbers stay those of the file, while
/// byte offsets after it on its line are one less than the file's (diagnostics name lines).
struct ChangelogLines {
    let page: TextLines
    /// Each line's bytes without its indentation and trailing spaces; decoded only where
    /// the reader keeps the text.
    let trimmed: [Range<Int>]

    init(_ raw: [UInt8]) {
        let bytes = raw.withUnsafeBufferPointer { source -> [UInt8] in
            // Most pages have no no-break space: read as they are, not copied.
            guard let base = source.baseAddress, memchr(base, 0xC2, source.count) != nil else { return raw }
            let n = source.count
            return [UInt8](writingUpTo: n) { target, count in
                // Copied in runs between no-break spaces.
                let out = target.baseAddress!
                var i = 0
                var o = 0
                while i < n {
                    guard let hit = memchr(base + i, 0xC2, n - i) else {
                        (out + o).initialize(from: base + i, count: n - i)
                        o += n - i
                        break
                    }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    (out + o).initialize(from: base + i, count: at - i)
                    o += at - i
                    let isNoBreakSpace = at + 1 < n && base[at + 1] == 0xA0
                    (out + o).initialize(to: isNoBreakSpace ? 0x20 : 0xC2)
                    o += 1
                    i = at + (isNoBreakSpace ? 2 : 1)
                }
                count = o
            }
        }
        let page = TextLines(bytes)
        self.page = page
        trimmed = page.trimmedRanges()
    }

    var count: Int { trimmed.count }
    var bytes: [UInt8] { page.bytes }

    func isBlank(_ i: Int) -> Bool { trimmed[i].isEmpty }

    /// Line `i` without surrounding space, as text.
    func text(_ i: Int) -> String { page.string(trimmed[i]) }

    /// Line `i`, trimmed, is `text`.
    func `is`(_ i: Int, _ text: StaticString) -> Bool { page.equals(trimmed[i], text) }

    /// Line `i`, trimmed, starts with `prefix`.
    func hasPrefix(_ i: Int, _ prefix: StaticString) -> Bool { page.hasPrefix(trimmed[i], prefix) }

    func nextContent(from i: Int, before end: Int) -> Int? {
        var k = i
        while k < end {
            if !trimmed[k].isEmpty { return k }
            k += 1
        }
        return nil
    }

    /// The first line in `range` whose trimmed text is `text`.
    func first(_ text: StaticString, in range: Range<Int>) -> Int? {
        range.first { self.is($0, text) }
    }

    /// End offset (exclusive) of the bracketed literal that starts at `offset` (a `{`, `[`
    /// or the first byte of `name(`), found by counting brackets outside quotes; nil when
    /// the brackets never balance before `limit`. Only the extent is found here: the
    /// literal itself is read by the shared `SkeletonParser`, which reports what is wrong.
    func literalEnd(from offset: Int, limit: Int) -> Int? {
        // On the buffer: syntax blocks are a large part of a page, scanned byte by byte.
        Self.plain.withUnsafeBufferPointer { plain in
            bytes.withUnsafeBufferPointer { bytes -> Int? in
                let limit = min(limit, bytes.count)
                var depth = 0
                var p = offset
                var quote: UInt8 = 0
                var opened = false
                while p < limit {
                    let c = bytes[p]
                    if plain[Int(c)] { p += 1; continue }
                    if quote != 0 {
                        if c == UInt8(ascii: "\\") { p += 2; continue }
                        if c == quote || c == 0x0A { quote = 0 }
                    } else {
                        switch c {
                        case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = c
                        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                            depth += 1
                            opened = true
                        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                            depth -= 1
                            if opened && depth <= 0 { return p + 1 }
                        default: break
                        }
                    }
                    p += 1
                }
                return nil
            }
        }
    }

    /// Bytes `literalEnd` passes over whatever its state: all but quotes, brackets, `\\` and line breaks.
    private static let plain: [Bool] = (0...255).map { b in !"'\"{[()]}\\\n".utf8.contains(UInt8(b)) }

    /// 0-based line index holding byte `offset`.
    func lineIndex(of offset: Int) -> Int { page.lineIndex(of: offset) }
}
