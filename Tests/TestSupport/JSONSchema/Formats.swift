/// The `format` values of the SARIF schema: `uri` and `uri-reference` (RFC 3986 `URI` and
/// `URI-reference`), `date-time` (RFC 3339 `date-time`).
enum Formats {
    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "uri": return URIGrammar.isURI(Array(text.utf8), referenceAllowed: false)
        case "uri-reference": return URIGrammar.isURI(Array(text.utf8), referenceAllowed: true)
        case "date-time": return isDateTime(Array(text.utf8))
        default: return false
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`, with the day valid for its month and year
    /// and second 60 only at 23:59 UTC.
    static func isDateTime(_ s: [UInt8]) -> Bool {
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count, s[range].allSatisfy(isDigit) else { return nil }
            return s[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func at(_ i: Int, _ c: Character) -> Bool { i < s.count && s[i] == c.asciiValue! }
        guard let year = number(0..<4), at(4, "-"), let month = number(5..<7), at(7, "-"), let day = number(8..<10),
              at(10, "T") || at(10, "t"), let hour = number(11..<13), at(13, ":"), let minute = number(14..<16), at(16, ":"),
              let second = number(17..<19) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...days[month - 1]).contains(day), hour < 24, minute < 60, second <= 60 else { return false }
        // A leap second is 23:59:60 in UTC (RFC 3339 §5.7): checked once the offset is known.
        func leapSecondAllowed(offsetMinutes: Int) -> Bool {
            second < 60 || ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440 == 23 * 60 + 59
        }
        var i = 19
        if at(i, ".") {
            i += 1
            let start = i
            while i < s.count, isDigit(s[i]) { i += 1 }
            guard i > start else { return false }
        }
        if at(i, "Z") || at(i, "z") { return i + 1 == s.count && leapSecondAllowed(offsetMinutes: 0) }
        guard at(i, "+") || at(i, "-"), let offsetHour = number(i + 1..<i + 3), at(i + 3, ":"),
              let offsetMinute = number(i + 4..<i + 6) else { return false }
        let offset = (at(i, "-") ? -1 : 1) * (offsetHour * 60 + offsetMinute)
        return offsetHour < 24 && offsetMinute < 60 && i + 6 == s.count && leapSecondAllowed(offsetMinutes: offset)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

/// RFC 3986's grammar for `URI` and `URI-reference`, on bytes (anything outside ASCII must be
/// percent-encoded).
enum URIGrammar {
    static func isURI(_ s: [UInt8], referenceAllowed: Bool) -> Bool {
        var rest = s[...]
        // fragment and query: pchar / "/" / "?"
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            guard all(rest[(hash + 1)...], isQueryOrFragment) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            guard all(rest[(question + 1)...], isQueryOrFragment) else { return false }
            rest = rest[..<question]
        }
        // A scheme is everything before the first ":" when no "/" comes earlier.
        let colon = rest.firstIndex(of: UInt8(ascii: ":"))
        let slash = rest.firstIndex(of: UInt8(ascii: "/"))
        if let colon, slash.map({ colon < $0 }) ?? true {
            guard isScheme(rest[..<colon]) else { return false } // a relative path's first segment holds no ":"
            rest = rest[(colon + 1)...]
        } else if !referenceAllowed {
            return false
        }
        return isHierarchicalPart(rest)
    }

    /// `"//" authority path-abempty` or a path (absolute, rootless or empty).
    private static func isHierarchicalPart(_ s: ArraySlice<UInt8>) -> Bool {
        guard s.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) else { return isPath(s) }
        let afterSlashes = s.dropFirst(2)
        let end = afterSlashes.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
        return isAuthority(afterSlashes[..<end]) && isPath(afterSlashes[end...])
    }

    private static func isAuthority(_ s: ArraySlice<UInt8>) -> Bool {
        var host = s
        if let at = s.lastIndex(of: UInt8(ascii: "@")) {
            guard all(s[..<at], { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }) else { return false }
            host = s[(at + 1)...]
        }
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")), close > host.startIndex + 1 else { return false }
            let literal = host[(host.startIndex + 1)..<close]
            let port = host[(close + 1)...]
            guard isIPLiteral(literal) else { return false }
            return port.isEmpty || (port.first == UInt8(ascii: ":") && port.dropFirst().allSatisfy(Formats.isDigit))
        }
        if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            guard host[(colon + 1)...].allSatisfy(Formats.isDigit) else { return false }
            host = host[..<colon]
        }
        return all(host) { isUnreserved($0) || isSubDelimiter($0) }
    }

    /// IPv6 (hex digits, ":" and a dotted IPv4 tail) or `v<hex>.<unreserved / sub-delims / ":">`.
    private static func isIPLiteral(_ s: ArraySlice<UInt8>) -> Bool {
        if s.first == UInt8(ascii: "v") || s.first == UInt8(ascii: "V") {
            guard let dot = s.firstIndex(of: UInt8(ascii: ".")), dot > s.startIndex + 1, dot + 1 < s.endIndex else { return false }
            return s[(s.startIndex + 1)..<dot].allSatisfy(isHexDigit)
                && s[(dot + 1)...].allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }
        }
        return s.contains(UInt8(ascii: ":")) && s.allSatisfy { isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }

    private static func isPath(_ s: ArraySlice<UInt8>) -> Bool {
        all(s) { isPathCharacter($0) || $0 == UInt8(ascii: "/") }
    }

    private static func isScheme(_ s: ArraySlice<UInt8>) -> Bool {
        guard let first = s.first, isAlpha(first) else { return false }
        return s.dropFirst().allSatisfy { isAlpha($0) || Formats.isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// Every byte passes `allowed`, or is the start of a `%XX` escape.
    private static func all(_ s: ArraySlice<UInt8>, _ allowed: (UInt8) -> Bool) -> Bool {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == UInt8(ascii: "%") {
                guard i + 2 < s.endIndex, isHexDigit(s[i + 1]), isHexDigit(s[i + 2]) else { return false }
                i += 3
            } else {
                guard allowed(s[i]) else { return false }
                i += 1
            }
        }
        return true
    }

    private static func isQueryOrFragment(_ c: UInt8) -> Bool {
        isPathCharacter(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: "?")
    }

    /// `pchar` without its percent-escapes: unreserved / sub-delims / ":" / "@".
    private static func isPathCharacter(_ c: UInt8) -> Bool {
        isUnreserved(c) || isSubDelimiter(c) || c == UInt8(ascii: ":") || c == UInt8(ascii: "@")
    }

    private static func isUnreserved(_ c: UInt8) -> Bool {
        isAlpha(c) || Formats.isDigit(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "~")
    }

    private static func isSubDelimiter(_ c: UInt8) -> Bool {
        "!$&'()*+,;=".utf8.contains(c)
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        Formats.isDigit(c) || ((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f"))
    }
}
