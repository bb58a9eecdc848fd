import APIModel

/// Reads a `smithy-rpc-v2-cbor` body into the canonical document: maps as structures (keys
/// are member names) and maps, arrays as lists, byte strings as base64 blobs, tag 1 as a
/// timestamp in epoch seconds, tags 2 and 3 (bignums) and 4 (decimal fractions) as exact
/// numbers, half, single and double floats as numbers (`NaN` and the infinities as strings,
/// as the JSON protocols write them). A union's `__type` is left out; everything the model
/// does not know is kept, so `unknown` fires for it.
struct CBORBodyDecoder {
    private var reader: CBORReader
    private let log: DecodeLog
    private var depth = 0

    /// Writes `body` (not empty) as a value of `shape` (nil: as it is) into `out`.
    static func decode(_ body: UnsafeBufferPointer<UInt8>, _ shape: WireShape?, log: DecodeLog, into out: CanonicalWriter) throws(CBORReader.Failure) {
        var d = CBORBodyDecoder(reader: CBORReader(body), log: log)
        try d.value(shape, into: out)
        guard d.reader.atEnd else { throw d.reader.fail("data after the top-level item") }
    }

    /// A body as it is (an error response's fields), as a JSON value; nil when it is not CBOR.
    static func document(_ body: [UInt8]) -> JSONValue? {
        let out = CanonicalWriter(capacity: body.count * 2 + 16)
        let ok: Bool = body.withUnsafeBufferPointer { buf in
            do throws(CBORReader.Failure) {
                try decode(buf, nil, log: DecodeLog(), into: out)
                return true
            } catch { return false }
        }
        return ok ? try? JSONParser.parse(out.bytes) : nil
    }

    private init(reader: CBORReader, log: DecodeLog) {
        self.reader = reader
        self.log = log
    }

    private mutating func value(_ shape: WireShape?, into out: CanonicalWriter) throws(CBORReader.Failure) {
        let head = try reader.head()
        switch head.major {
        case .unsigned, .negative:
            if shape?.type == .timestamp { log.report(.type, "timestamp without tag 1 (epoch seconds)") }
            out.rawNumber(Self.integer(head))
        case .bytes:
            let content = try reader.stringContent(head)
            if let t = shape?.type, t != .blob, t != .document { log.report(.type, "expected \(t.rawValue), got a byte string") }
            out.string(Base64.encode(content))
        case .text:
            let text = try reader.text(head)
            if let t = shape?.type, t == .blob || t == .timestamp { log.report(.type, "expected \(t.rawValue), got a text string") }
            out.string(text)
        case .array:
            try nested()
            out.beginArray()
            let item = shape?.type == .list ? shape?.member : nil
            var i = 0
            while try more(head, i) {
                log.push(.index(i))
                try value(shape?.type == .list ? item : nil, into: out)
                log.pop()
                i += 1
            }
            out.endArray()
            depth -= 1
        case .map:
            try nested()
            out.beginObject()
            try entries(head, shape, into: out)
            out.endObject()
            depth -= 1
        case .tag:
            try tagged(head, shape, into: out)
        case .simple:
            try simple(head, shape, into: out)
        }
    }

    /// A map's entries: a structure's members under their model names, a map's entries, or
    /// (no shape, or another type) the entries as they are.
    private mutating func entries(_ head: CBORReader.Head, _ shape: WireShape?, into out: CanonicalWriter) throws(CBORReader.Failure) {
        let isStructure = shape?.isStructure == true
        let valueShape = shape?.type == .map ? shape?.value : nil
        var i = 0
        while try more(head, i) {
            i += 1
            let keyHead = try reader.head()
            guard keyHead.major == .text else { throw reader.fail("a map key is not a text string", at: keyHead.offset) }
            let key = try reader.text(keyHead)
            if isStructure, let shape {
                if let index = shape.body.byJSONName[key] {
                    let m = shape.body.members[index]
                    out.key(m.name)
                    log.push(.member(m.name))
                    try value(m.shape, into: out)
                    log.pop()
                    continue
                }
                if shape.type == .union && key == "__type" {
                    // A union's `__type` names its member (botocore drops it).
                    try value(nil, into: CanonicalWriter(capacity: 16))
                    continue
                }
            }
            out.key(key)
            log.push(shape?.type == .map ? .key(key) : .member(key))
            try value(valueShape, into: out)
            log.pop()
        }
    }

    private mutating func tagged(_ head: CBORReader.Head, _ shape: WireShape?, into out: CanonicalWriter) throws(CBORReader.Failure) {
        switch head.argument {
        case 1:
            // Epoch-based date/time: an integer or a float.
            let inner = try reader.head()
            if inner.major == .unsigned || inner.major == .negative {
                out.rawNumber(Self.integer(inner))
            } else if let d = CBORReader.float(inner), d.isFinite {
                out.rawNumber(JSONNumbers.format(d))
            } else {
                throw reader.fail("tag 1 (epoch time) must hold a number", at: inner.offset)
            }
            if let t = shape?.type, t != .timestamp, t != .document { log.report(.type, "expected \(t.rawValue), got a timestamp (tag 1)") }
        case 2, 3:
            let inner = try reader.head()
            guard inner.major == .bytes else { throw reader.fail("a bignum (tag \(head.argument!)) must hold a byte string", at: inner.offset) }
            // Tag 2 is n, tag 3 is -1 - n.
            let n = try reader.stringContent(inner)
            out.rawNumber(head.argument == 2 ? Self.decimal(n) : "-" + Self.decimal(Self.plusOne(n)))
        case 4:
            // A decimal fraction: [exponent, mantissa].
            let inner = try reader.head()
            guard inner.major == .array, inner.argument == 2 else { throw reader.fail("a decimal fraction (tag 4) must hold two numbers", at: inner.offset) }
            let e = try reader.head(), m = try reader.head()
            guard e.major == .unsigned || e.major == .negative, m.major == .unsigned || m.major == .negative else {
                throw reader.fail("a decimal fraction (tag 4) must hold two integers", at: e.offset)
            }
            let exponent = Self.integer(e)
            out.rawNumber(exponent == "0" ? Self.integer(m) : Self.integer(m) + "e" + exponent)
        default:
            // Other tags qualify their item; the item is what the model describes.
            try value(shape, into: out)
        }
    }

    private mutating func simple(_ head: CBORReader.Head, _ shape: WireShape?, into out: CanonicalWriter) throws(CBORReader.Failure) {
        if let d = CBORReader.float(head) {
            if shape?.type == .timestamp { log.report(.type, "timestamp without tag 1 (epoch seconds)") }
            if d.isFinite {
                // A single-precision value as written (7.625, 0.1), not as its double widening.
                out.rawNumber(head.info == 26 ? Self.shortest(Float(d)) : JSONNumbers.format(d))
            } else {
                // Valid on the wire, not representable in JSON.
                if shape?.type == .float || shape?.type == .double { log.acceptAsIs() }
                out.string(d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity")
            }
            return
        }
        switch head.info {
        case 20: out.value(.bool(false))
        case 21: out.value(.bool(true))
        case 22, 23: out.value(.null)
        case 31: throw reader.fail("a break code outside an indefinite-length item", at: head.offset)
        default: throw reader.fail("unassigned simple value \(head.argument ?? 0)", at: head.offset)
        }
    }

    /// Whether another item of an array or map follows (the `i`th): by count, or up to the break code.
    private mutating func more(_ head: CBORReader.Head, _ i: Int) throws(CBORReader.Failure) -> Bool {
        if let count = head.argument {
            // Each item takes at least one byte: a count beyond the data is a fault, found early.
            if i == 0, count > UInt64(reader.bytes.count - reader.pos) { throw reader.fail("more items than the data holds", at: head.offset) }
            return UInt64(i) < count
        }
        return try !reader.atBreak()
    }

    private mutating func nested() throws(CBORReader.Failure) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw reader.fail("nesting deeper than \(JSONParser.maximumDepth)") }
    }

    // MARK: - numbers

    /// A major type 0 or 1 integer as a JSON number (exact, whatever its size).
    static func integer(_ head: CBORReader.Head) -> String {
        let n = head.argument ?? 0
        if head.major == .unsigned { return String(n) }
        // -1 - n, which for n = 2^64 - 1 is -2^64.
        return n == UInt64.max ? "-18446744073709551616" : "-" + String(n + 1)
    }

    static func shortest(_ f: Float) -> String {
        let s = "\(f)"
        return JSONNumbers.literal(s) ?? JSONNumbers.format(Double(f))
    }

    /// An unsigned big-endian integer of any length as decimal digits.
    static func decimal(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = [0]  // little-endian base-10 digits
        for b in bytes {
            var carry = Int(b)
            for i in digits.indices {
                let v = Int(digits[i]) * 256 + carry
                digits[i] = UInt8(v % 10)
                carry = v / 10
            }
            while carry > 0 {
                digits.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        return String(decoding: digits.reversed().map { $0 + 0x30 }, as: UTF8.self)
    }

    /// A big-endian unsigned integer plus one.
    static func plusOne(_ bytes: [UInt8]) -> [UInt8] {
        var b = bytes
        var i = b.count - 1
        while i >= 0 {
            if b[i] == 0xFF { b[i] = 0; i -= 1 } else { b[i] += 1; return b }
        }
        return [1] + b
    }
}
