#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names are bytes, Swift strings are Unicode: a name that is not valid UTF-8 keeps each
/// byte of its invalid sequences as a private-use scalar (U+10FF80 + byte - 0x80, the idea of
/// Python's surrogateescape in a range Swift strings can hold), so the path still opens the
/// file it came from. Every path docconform opens goes through `withPlatformPath`.
public enum FileSystemPath {
    private static let escapeBase: UInt32 = 0x10_FF80 - 0x80

    /// A directory entry's or argument's bytes as a path string (lossless).
    public static func string(fromBytes bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = decodeScalar(bytes, at: i) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(bytes[i]))!)
                i += 1
            }
        }
        return String(scalars)
    }

    /// Calls `body` with the path's bytes as the file system knows them (escaped bytes restored).
    public static func withPlatformPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        // Escapes are 4-byte sequences starting F4 8F: a path without that byte needs no work
        // (looked for with memchr: the UTF-8 view's `contains` went byte by byte, for every
        // file a run opens).
        let escaped = path.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? false : memchr($0.baseAddress!, 0xF4, $0.count) != nil }
        guard escaped ?? path.utf8.contains(0xF4) else { return try path.withCString(body) }
        var bytes: [CChar] = []
        for scalar in path.unicodeScalars {
            if scalar.value >= escapeBase + 0x80 && scalar.value <= escapeBase + 0xFF {
                bytes.append(CChar(bitPattern: UInt8(scalar.value - escapeBase)))
            } else {
                for b in String(scalar).utf8 { bytes.append(CChar(bitPattern: b)) }
            }
        }
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `open(2)` on the path's file-system bytes.
    public static func open(_ path: String, _ flags: Int32) -> Int32 {
        withPlatformPath(path) { openFile($0, flags) }
    }

    /// `stat(2)` (links followed), or nil with `errno` set.
    public static func status(_ path: String) -> stat? {
        var info = stat()
        return withPlatformPath(path) { stat($0, &info) } == 0 ? info : nil
    }

    private static func openFile(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, flags)
        #else
        Darwin.open(path, flags)
        #endif
    }

    /// One strict UTF-8 sequence at `i` (no overlongs, surrogates or values above U+10FFFF).
    private static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int, lowest: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); lowest = 0x80
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); lowest = 0x800
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); lowest = 0x10000
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard value >= lowest, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
