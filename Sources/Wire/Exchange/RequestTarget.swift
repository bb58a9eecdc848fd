/// A request target taken apart: host (for a whole URL), path as sent, query parameters decoded.
struct RequestTarget {
    var host: String?
    /// Percent-encoded, as sent (labels are decoded segment by segment).
    var path: String
    /// In order; a key without `=` has a nil value (`?uploads`).
    var query: [(key: String, value: String?)]

    init(_ target: String) {
        let u = Array(target.utf8)
        var lower = 0, upper = u.count
        if let scheme = Self.find(u, "://") {
            lower = scheme + 3
            let hostEnd = u[lower...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? upper
            let at = u[lower..<hostEnd].lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? lower
            host = String(decoding: u[at..<hostEnd], as: UTF8.self)
            lower = hostEnd
        }
        if let hash = u[lower..<upper].firstIndex(of: UInt8(ascii: "#")) { upper = hash }
        let q = u[lower..<upper].firstIndex(of: UInt8(ascii: "?"))
        let pathEnd = q ?? upper
        path = pathEnd == lower ? "/" : String(decoding: u[lower..<pathEnd], as: UTF8.self)
        query = []
        if let q { query = Self.pairs(u[(q + 1)..<upper]).map { ($0.key, $0.value) } }
    }

    /// `key=value&...` pairs, percent-decoded with `+` as a space (query strings and forms); a
    /// key without `=` has a nil value.
    static func pairs(_ bytes: ArraySlice<UInt8>) -> [(key: String, value: String?)] {
        var out: [(key: String, value: String?)] = []
        for item in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = item.firstIndex(of: UInt8(ascii: "=")) {
                out.append((decode(item[..<eq], plusIsSpace: true), decode(item[(eq + 1)...], plusIsSpace: true)))
            } else {
                out.append((decode(item, plusIsSpace: true), nil))
            }
        }
        return out
    }

    /// Where `needle` (ASCII) first occurs in `u`.
    static func find(_ u: [UInt8], _ needle: StaticString) -> Int? {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard n.count > 0, u.count >= n.count else { return nil }
        for i in 0...(u.count - n.count) where u[i] == n[0] {
            var k = 1
            while k < n.count && u[i + k] == n[k] { k += 1 }
            if k == n.count { return i }
        }
        return nil
    }

    /// Percent-decoding; a `%` not followed by two hex digits stays as it is. `+` is a space in
    /// query strings and forms, itself in paths.
    static func decode<S: StringProtocol>(_ s: S, plusIsSpace: Bool) -> String {
        guard s.utf8.contains(where: { $0 == 0x25 || (plusIsSpace && $0 == 0x2B) }) else { return String(s) }
        return decode(ArraySlice(s.utf8), plusIsSpace: plusIsSpace)
    }

    static func decode(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> String {
        guard bytes.contains(where: { $0 == 0x25 || (plusIsSpace && $0 == 0x2B) }) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.endIndex, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(plusIsSpace && b == 0x2B ? 0x20 : b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
