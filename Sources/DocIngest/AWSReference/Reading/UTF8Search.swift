import Foundation

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
