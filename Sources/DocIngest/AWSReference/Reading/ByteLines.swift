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
            var start = 0
            let n = buffer.count
            while start < n {
                var end = start
                while end < n, buffer[end] != 0x0A { end += 1 }
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

    func startsWith(_ i: Int, _ prefix: StaticString) -> Bool {
        let r = trimmed(i)
        let n = prefix.utf8CodeUnitCount
        guard r.count >= n else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<n where bytes[r.lowerBound + k] != p[k] { return false }
            return true
        }
    }
}
