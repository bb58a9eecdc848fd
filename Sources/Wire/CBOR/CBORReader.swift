/// RFC 8949 data items read from bytes: the head of each item (major type and argument,
/// indefinite lengths), strings whole (chunks of an indefinite-length string joined), and
/// half, single and double precision floats. Every read is bounds-checked; a fault is a
/// `CBORReader.Failure` at its byte offset.
struct CBORReader {
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    enum Major: UInt8 {
        case unsigned = 0, negative, bytes, text, array, map, tag, simple
    }

    /// One item's head: its major type, the additional information's value (nil for an
    /// indefinite length), and the low five bits as written.
    struct Head {
        var major: Major
        var argument: UInt64?
        var info: UInt8
        var offset: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { pos >= bytes.count }

    func fail(_ reason: String, at offset: Int? = nil) -> Failure { Failure(offset: offset ?? pos, reason: reason) }

    /// The next byte, not consumed.
    func peek() throws(Failure) -> UInt8 {
        guard pos < bytes.count else { throw fail("unexpected end of data") }
        return bytes[pos]
    }

    /// True (and consumed) when the next byte is the "break" stop code of an indefinite-length item.
    mutating func atBreak() throws(Failure) -> Bool {
        guard try peek() == 0xFF else { return false }
        pos += 1
        return true
    }

    mutating func head() throws(Failure) -> Head {
        let offset = pos
        let initial = try peek()
        pos += 1
        let major = Major(rawValue: initial >> 5)!
        let info = initial & 0x1F
        switch info {
        case 0..<24: return Head(major: major, argument: UInt64(info), info: info, offset: offset)
        case 24: return Head(major: major, argument: try uint(1), info: info, offset: offset)
        case 25: return Head(major: major, argument: try uint(2), info: info, offset: offset)
        case 26: return Head(major: major, argument: try uint(4), info: info, offset: offset)
        case 27: return Head(major: major, argument: try uint(8), info: info, offset: offset)
        case 31:
            guard major == .bytes || major == .text || major == .array || major == .map || major == .simple else {
                throw fail("indefinite length is not allowed for major type \(major.rawValue)", at: offset)
            }
            return Head(major: major, argument: nil, info: info, offset: offset)
        default:
            throw fail("reserved additional information \(info)", at: offset)
        }
    }

    private mutating func uint(_ n: Int) throws(Failure) -> UInt64 {
        guard pos + n <= bytes.count else { throw fail("unexpected end of data") }
        var v: UInt64 = 0
        for i in 0..<n { v = v << 8 | UInt64(bytes[pos + i]) }
        pos += n
        return v
    }

    /// The content of a byte or text string whose head was just read (an indefinite-length
    /// one joined from its definite-length chunks of the same major type).
    mutating func stringContent(_ head: Head) throws(Failure) -> [UInt8] {
        if let length = head.argument { return try take(length) }
        var out: [UInt8] = []
        while try !atBreak() {
            let chunk = try self.head()
            guard chunk.major == head.major, let length = chunk.argument else {
                throw fail("a chunk of an indefinite-length string must be a definite-length string of the same type", at: chunk.offset)
            }
            out += try take(length)
        }
        return out
    }

    private mutating func take(_ length: UInt64) throws(Failure) -> [UInt8] {
        guard length <= UInt64(bytes.count - pos) else { throw fail("a string runs past the end of the data") }
        let n = Int(length)
        defer { pos += n }
        return Array(UnsafeBufferPointer(rebasing: bytes[pos..<(pos + n)]))
    }

    /// A text string's content as a String; invalid UTF-8 is a fault.
    mutating func text(_ head: Head) throws(Failure) -> String {
        let content = try stringContent(head)
        guard let s = String(validating: content, as: UTF8.self) else { throw fail("a text string is not valid UTF-8", at: head.offset) }
        return s
    }

    /// The value of a float head (additional information 25, 26 or 27).
    static func float(_ head: Head) -> Double? {
        guard head.major == .simple, let bits = head.argument else { return nil }
        switch head.info {
        case 25: return halfFloat(UInt16(bits))
        case 26: return Double(Float(bitPattern: UInt32(bits)))
        case 27: return Double(bitPattern: bits)
        default: return nil
        }
    }

    /// IEEE 754 binary16, as RFC 8949 appendix D decodes it.
    static func halfFloat(_ h: UInt16) -> Double {
        let exponent = Int((h >> 10) & 0x1F), mantissa = Double(h & 0x3FF)
        let magnitude: Double
        switch exponent {
        case 0: magnitude = mantissa * 0x1p-24
        case 31: magnitude = mantissa == 0 ? .infinity : .nan
        default: magnitude = (mantissa + 1024) * Double(sign: .plus, exponent: exponent - 25, significand: 1)
        }
        return h & 0x8000 != 0 ? -magnitude : magnitude
    }
}
