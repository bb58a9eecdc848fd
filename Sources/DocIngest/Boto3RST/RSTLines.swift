import Foundation

/// A page's bytes with the offsets of its lines: the RST parser works line by line on
/// bytes, never on `String`s, because pages are large and mostly prose it skips.
struct RSTLines {
    let bytes: [UInt8]
    /// Start offset of each line; `starts[i]` is line i+1.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let n = buffer.count
            var i = 0
            // memchr scans a word at a time; pages are mostly long prose lines.
            while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                starts.append(at + 1)
                i = at + 1
            }
        }
        if starts.last == bytes.count, bytes.count > 0 { starts.removeLast() }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// Byte range of line `i` (0-based) without its newline.
    func range(_ i: Int) -> Range<Int> {
        let start = starts[i]
        var end = i + 1 < starts.count ? starts[i + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// Leading spaces of line `i`; nil for a blank line.
    func indent(_ i: Int) -> Int? {
        let r = range(i)
        var p = r.lowerBound
        while p < r.upperBound, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
        return p == r.upperBound ? nil : p - r.lowerBound
    }

    /// Offset of the first non-space byte of line `i` (the line end if blank).
    func contentStart(_ i: Int) -> Int {
        let r = range(i)
        var p = r.lowerBound
        while p < r.upperBound, bytes[p] == 0x20 || bytes[p] == 0x09 { p += 1 }
        return p
    }

    /// Whether line `i`, after its indentation, starts with `prefix`.
    func contentHasPrefix(_ i: Int, _ prefix: StaticString) -> Bool {
        hasPrefix(at: contentStart(i), end: range(i).upperBound, prefix)
    }

    func hasPrefix(at p: Int, end: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard end - p >= n else { return false }
        return prefix.withUTF8Buffer { pre in
            for k in 0..<n where bytes[p + k] != pre[k] { return false }
            return true
        }
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

    func contains(_ needle: StaticString, lines: Range<Int>) -> Bool {
        guard !lines.isEmpty else { return false }
        return find(needle, in: starts[lines.lowerBound]..<range(lines.upperBound - 1).upperBound) != nil
    }

    func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
}
