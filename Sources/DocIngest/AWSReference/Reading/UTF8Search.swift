import Foundation

/// Splits UTF-8 bytes into lines (without `\n` or a trailing `\r`) cheaply: the text and
/// markdown readers decode only the lines they keep.
struct ByteLines {
    let bytes: [UInt8]
    /// (start, end) of each line.
    private(set) var ranges: [Range<Int>] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        ranges.reserveCapacity(bytes.count / 40)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            let n = buffer.count
            while start < n {
                // memchr: a byte loop here was a tenth of reading a page.
                let end = memchr(base + start, 0x0A, n - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
                var stop = end
                if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
                ranges.append(start..<stop)
                start = end + 1
            }
        }
    }

    var count: Int { ranges.count }

    /// The line with surrounding spaces and tabs removed.
    func trimmed(_ i: Int) -> Range<Int> {
        var r = ranges[i]
        while r.lowerBound < r.upperBound, bytes[r.lowerBound] == 0x20 || bytes[r.lowerBound] == 0x09 { r = (r.lowerBound + 1)..<r.upperBound }
        while r.lowerBound < r.upperBound, bytes[r.upperBound - 1] == 0x20 || bytes[r.upperBound - 1] == 0x09 { r = r.lowerBound..<(r.upperBound - 1) }
        return r
    }

    func isBlank(_ i: Int) -> Bool { trimmed(i).isEmpty }

    func string(_ r: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    func text(_ i: Int) -> String { string(trimmed(i)) }

    /// `body` on the bytes of `r`.
    func withBytes<R>(_ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// The line is a lone `-` (surrounding spaces and tabs aside).
    func isDash(_ i: Int) -> Bool {
        let r = trimmed(i)
        return r.count == 1 && bytes[r.lowerBound] == UInt8(ascii: "-")
    }

    func startsWith(_ i: Int, _ prefix: StaticString) -> Bool {
        hasPrefix(trimmed(i), prefix)
    }

    /// The bytes of `r` start with `prefix`.
    func hasPrefix(_ r: Range<Int>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard r.count >= n else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<n where bytes[r.lowerBound + k] != p[k] { return false }
            return true
        }
    }
}

extension StringProtocol {
    /// Substring search over UTF-8 bytes. Foundation's `range(of:)`/`contains` go through
    /// UTF-16 and locale machinery; the needles here are plain ASCII phrases.
    func utf8Range(of needle: String) -> Range<Index>? {
        var needle = needle
        return needle.withUTF8 { n in utf8Range(ofBytes: n) }
    }

    private func utf8Range(ofBytes n: UnsafeBufferPointer<UInt8>) -> Range<Index>? {
        guard let first = n.first else { return nil }
        let hay = utf8
        let count = hay.count
        guard count >= n.count else { return nil }
        let found: Int? = hay.withContiguousStorageIfAvailable { h -> Int? in
            var i = 0
            let last = count - n.count
            while i <= last {
                if h[i] == first {
                    var k = 1
                    while k < n.count, h[i + k] == n[k] { k += 1 }
                    if k == n.count { return i }
                }
                i += 1
            }
            return nil
        } ?? Array(hay).withUnsafeBufferPointer { h -> Int? in
            var i = 0
            while i <= count - n.count {
                if h[i] == first, h[i..<(i + n.count)].elementsEqual(n) { return i }
                i += 1
            }
            return nil
        }
        guard let offset = found else { return nil }
        let lower = hay.index(hay.startIndex, offsetBy: offset)
        return lower..<hay.index(lower, offsetBy: n.count)
    }

    func containsBytes(_ needle: String) -> Bool { utf8Range(of: needle) != nil }
}
