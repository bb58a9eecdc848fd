/// The byte layout of docconform's cache files (the plan cache, a model file's index): little-endian
/// 64-bit integers, length-prefixed UTF-8 strings and raw tables aligned for reading in place,
/// ended by a checksum of everything before it. Written and read by this one pair, so that every
/// cache file is checked the same way.
public struct ByteWriter {
    public var buffer: [UInt8] = []

    public init() {}

    public mutating func bytes(_ b: [UInt8]) { buffer += b }

    public mutating func int(_ v: Int) { withUnsafeBytes(of: UInt64(bitPattern: Int64(v)).littleEndian) { buffer += $0 } }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { int($0.count); buffer += $0 }
    }

    public mutating func strings(_ list: [String]) {
        int(list.count)
        for s in list { string(s) }
    }

    /// The element count and byte count, then the bytes, starting at a multiple of 16 from the
    /// file's start (zeros before), so that they can be read in place.
    public mutating func table(_ bytes: UnsafeRawBufferPointer, count: Int) {
        int(count)
        int(bytes.count)
        buffer += repeatElement(0, count: (16 - buffer.count % 16) % 16)
        buffer += bytes
    }

    /// The checksum of everything written, appended: the file is complete.
    public mutating func finish() {
        let sum = buffer.withUnsafeBytes { ByteChecksum.of($0) }
        int(Int(bitPattern: UInt(sum)))
    }
}

/// Why a cache file was refused.
public struct ByteDecodingError: Error, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    public var at: Int

    public init(bytes: UnsafeRawBufferPointer, at: Int) {
        self.bytes = bytes
        self.at = at
    }

    /// A reader of `file`'s bytes after `magic` and before its checksum, once both are checked.
    public static func checked(_ file: UnsafeRawBufferPointer, magic: [UInt8], kind: String) throws(ByteDecodingError) -> ByteReader {
        guard file.count >= magic.count + 8, magic.indices.allSatisfy({ file[$0] == magic[$0] }) else {
            throw ByteDecodingError(reason: "not a docconform \(kind) file")
        }
        let body = UnsafeRawBufferPointer(rebasing: file[..<(file.count - 8)])
        let stored = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: file.count - 8, as: UInt64.self))
        guard stored == ByteChecksum.of(body) else { throw ByteDecodingError(reason: "checksum mismatch (the file is damaged)") }
        return ByteReader(bytes: body, at: magic.count)
    }

    public var atEnd: Bool { at == bytes.count }

    public mutating func int() throws(ByteDecodingError) -> Int {
        guard bytes.count - at >= 8 else { throw ByteDecodingError(reason: "the file ends early") }
        let v = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int64.self))
        at += 8
        return Int(v)
    }

    /// A count or length: not negative, and no larger than the bytes left could hold.
    public mutating func count() throws(ByteDecodingError) -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw ByteDecodingError(reason: "a count is out of range") }
        return n
    }

    public mutating func int32() throws(ByteDecodingError) -> Int32 {
        guard let i = Int32(exactly: try int()) else { throw ByteDecodingError(reason: "an index is out of range") }
        return i
    }

    public mutating func string() throws(ByteDecodingError) -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
    }

    public mutating func strings() throws(ByteDecodingError) -> [String] {
        var list: [String] = []
        for _ in 0..<(try count()) { list.append(try string()) }
        return list
    }

    /// A table's element count, byte count and where its bytes start (after the padding).
    public mutating func table() throws(ByteDecodingError) -> (count: Int, bytes: Int, at: Int) {
        let count = try count()
        let n = try self.count()
        let start = (at + 15) & ~15
        guard start - at + n <= bytes.count - at else { throw ByteDecodingError(reason: "a table is cut short") }
        at = start + n
        return (count, n, start)
    }
}

public enum ByteChecksum {
    /// Four interleaved multiply-rotate lanes over the 8-byte words (a few tenths of a
    /// millisecond for a large plan), then the tail, mixed.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            return x ^ (x >> 29)
        }
        var i = 0
        let n = bytes.count
        while i + 32 <= n {
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        while i < n {
            h = mix(h, UInt64(bytes[i]))
            i += 1
        }
        return mix(h, UInt64(n))
    }
}
