/// A request target taken apart: host (for a whole URL), path as sent, query parameters decoded.
struct RequestTarget {
    var host: String?
    /// Percent-encoded, as sent (labels are decoded segment by segment).
    var path: String
    /// In order; a key without `=` has a nil value (`?uploads`).
    var query: [(key: String, value: String?)]

    init(_ target: String) {
        var rest = Substring(target)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            let hostEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            var host = rest[..<hostEnd]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            self.host = String(host)
            rest = rest[hostEnd...]
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let q = rest.firstIndex(of: "?")
        let p = q.map { rest[..<$0] } ?? rest
        path = p.isEmpty ? "/" : String(p)
        query = []
        if let q {
            for item in rest[rest.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true) {
                if let eq = item.firstIndex(of: "=") {
                    query.append((Self.decode(item[..<eq], plusIsSpace: true), Self.decode(item[item.index(after: eq)...], plusIsSpace: true)))
                } else {
                    query.append((Self.decode(item, plusIsSpace: true), nil))
                }
            }
        }
    }

    /// Percent-decoding; a `%` not followed by two hex digits stays as it is. `+` is a space in
    /// query strings and forms, itself in paths.
    static func decode<S: StringProtocol>(_ s: S, plusIsSpace: Bool) -> String {
        guard s.utf8.contains(where: { $0 == 0x25 || (plusIsSpace && $0 == 0x2B) }) else { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
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
