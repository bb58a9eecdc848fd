#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-order marks, UTF-16 and line endings are how a document travelled, not what it says:
/// every input is brought to UTF-8 with `\n` line ends once, before its format is detected, so
/// no reader meets a BOM in an operation name or a `\r` at the end of a heading.
enum TransportEncoding {
    enum Outcome {
        case text([UInt8])
        /// The bytes are in an encoding docconform does not read (the reason says which).
        case unsupported(String)
    }

    /// Whether a document starting with `head` is UTF-8 without a BOM (its line ends aside).
    static func isPlainUTF8(head: [UInt8]) -> Bool {
        !head.starts(with: [0xEF, 0xBB, 0xBF]) && !head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) && utf16Layout(head) == nil
    }

    static func normalise(_ bytes: [UInt8]) -> Outcome {
        var bytes = bytes
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return .unsupported("UTF-32 text (byte-order mark): convert it to UTF-8")
        }
        if let bigEndian = utf16Layout(bytes) {
            guard let utf8 = utf8(fromUTF16: bytes, bigEndian: bigEndian) else {
                return .unsupported("invalid UTF-16 text (an odd byte count or an unpaired surrogate)")
            }
            bytes = utf8
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return .text(unixLineEnds(bytes))
    }

    /// Big-endian (true) or little-endian (false) UTF-16: a byte-order mark, or text whose first
    /// code units are nearly all ASCII with a zero byte beside each (`<\0h\0t\0m\0l\0`).
    static func utf16Layout(_ b: [UInt8]) -> Bool? {
        if b.starts(with: [0xFE, 0xFF]) { return true }
        if b.starts(with: [0xFF, 0xFE]) { return false }
        let units = min(b.count / 2, 256)
        guard units >= 2 else { return nil }
        var little = 0, big = 0
        for k in 0..<units {
            let (first, second) = (b[2 * k], b[2 * k + 1])
            if second == 0 && first != 0 && first < 0x80 { little += 1 }
            if first == 0 && second != 0 && second < 0x80 { big += 1 }
        }
        if little * 10 >= units * 9 { return false }
        if big * 10 >= units * 9 { return true }
        return nil
    }

    /// UTF-16 to UTF-8 (a leading byte-order mark dropped); nil for an odd length or a lone surrogate.
    static func utf8(fromUTF16 b: [UInt8], bigEndian: Bool) -> [UInt8]? {
        guard b.count % 2 == 0 else { return nil }
        var units = [UInt16]()
        units.reserveCapacity(b.count / 2)
        var k = 0
        while k < b.count {
            units.append(bigEndian ? UInt16(b[k]) << 8 | UInt16(b[k + 1]) : UInt16(b[k + 1]) << 8 | UInt16(b[k]))
            k += 2
        }
        if units.first == 0xFEFF { units.removeFirst() }
        var out = [UInt8]()
        out.reserveCapacity(units.count + units.count / 2)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { out.append($0) }
        return failed ? nil : out
    }

    /// `\r\n` and a lone `\r` become `\n` (one pass, and none when the text has no `\r`).
    static func unixLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        // memchr: most documents have no `\r`, and this runs over every byte of every input.
        let found = bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0x0D, raw.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
        guard let first = found else { return bytes }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        out.append(contentsOf: bytes[..<first])
        var i = first
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0D {
                out.append(0x0A)
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
