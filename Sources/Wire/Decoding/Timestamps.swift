/// The three timestamp forms AWS protocols use, read into epoch seconds (the canonical
/// document's form: a JSON number, its fraction kept as written).
enum TimestampFormat: String {
    case iso8601
    case unixTimestamp
    case rfc822

    /// A model's `timestampFormat` value (botocore spells them in any case).
    init?(modelName: String) {
        switch modelName.lowercased() {
        case "iso8601": self = .iso8601
        case "unixtimestamp": self = .unixTimestamp
        case "rfc822": self = .rfc822
        default: return nil
        }
    }

    var label: String {
        switch self {
        case .iso8601: return "ISO 8601"
        case .unixTimestamp: return "epoch seconds"
        case .rfc822: return "an RFC 7231 HTTP date"
        }
    }
}

enum Timestamps {
    /// The epoch-seconds literal of `text` and the form it was written in; nil when it is none of them.
    static func parse(_ text: String) -> (epoch: String, format: TimestampFormat)? {
        let t = text.trimmedOfSpaces
        if let e = epochLiteral(t) { return (e, .unixTimestamp) }
        if let e = iso8601(t) { return (e, .iso8601) }
        if let e = httpDate(t) { return (e, .rfc822) }
        return nil
    }

    /// `123`, `-5`, `1.5`, `1e9`: a number, written as a JSON number.
    static func epochLiteral(_ t: String) -> String? {
        guard !t.isEmpty, t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }),
              let d = Double(t), d.isFinite else { return nil }
        return JSONNumbers.literal(t) ?? JSONNumbers.format(d)
    }

    /// `2019-12-16T23:48:18Z`, with fractional seconds and a `Z` or `±hh:mm` offset (none: UTC).
    static func iso8601(_ t: String) -> String? {
        let b = Array(t.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else { return nil }
        guard i < b.count, b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else { return nil }
        var fraction: [UInt8] = []
        if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
            i += 1
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { fraction.append(b[i]); i += 1 }
            guard !fraction.isEmpty else { return nil }
        }
        var offset = 0
        if i < b.count {
            switch b[i] {
            case 0x5A, 0x7A: i += 1
            case 0x2B, 0x2D:
                let sign = b[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = expect(0x3A)
                let om = digits(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            default: return nil
            }
        }
        guard i == b.count, (1...12).contains(month), (1...31).contains(day), hour <= 24, minute <= 59, second <= 60 else { return nil }
        let seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset
        return literal(seconds, fraction)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// RFC 7231's IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`), fractional seconds allowed,
    /// and the obsolete RFC 850 form (`Monday, 16-Dec-19 23:48:18 GMT`).
    static func httpDate(_ t: String) -> String? {
        guard let comma = t.firstIndex(of: ",") else { return nil }
        let rest = t[t.index(after: comma)...].split(whereSeparator: { $0 == " " || $0 == "-" })
        guard rest.count == 5 || rest.count == 4, let day = Int(rest[0]),
              let month = months.firstIndex(of: rest[1].lowercased()).map({ $0 + 1 }), var year = Int(rest[2]) else { return nil }
        if rest[2].count == 2 { year += year < 70 ? 2000 : 1900 }
        let time = rest[3].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]) else { return nil }
        let secondParts = time[2].split(separator: ".", omittingEmptySubsequences: false)
        guard let second = Int(secondParts[0]), secondParts.count <= 2 else { return nil }
        var fraction: [UInt8] = []
        if secondParts.count == 2 {
            fraction = Array(secondParts[1].utf8)
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        }
        if rest.count == 5 { guard rest[4] == "GMT" || rest[4] == "UTC" || rest[4] == "Z" else { return nil } }
        guard (1...31).contains(day), hour <= 24, minute <= 59, second <= 60 else { return nil }
        return literal(daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second, fraction)
    }

    private static func literal(_ seconds: Int, _ fraction: [UInt8]) -> String {
        var f = fraction
        while f.last == 0x30 { f.removeLast() }
        if f.isEmpty { return String(seconds) }
        if seconds < 0 {
            // -1.25 is -2 + 0.75: carry the fraction over so the literal stays exact.
            return JSONNumbers.format(Double(seconds) + Double("0." + String(decoding: f, as: UTF8.self))!)
        }
        return String(seconds) + "." + String(decoding: f, as: UTF8.self)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

enum JSONNumbers {
    /// `t` itself when it is a valid JSON number literal.
    static func literal(_ t: String) -> String? {
        let b = Array(t.utf8)
        var i = 0
        if i < b.count, b[i] == 0x2D { i += 1 }
        func isDigit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        guard isDigit(i) else { return nil }
        if b[i] == 0x30 { i += 1 } else { while isDigit(i) { i += 1 } }
        if i < b.count, b[i] == 0x2E {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        if i < b.count, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        return i == b.count ? t : nil
    }

    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (header values, form values).
    var trimmedOfSpaces: String {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return String(self[start..<end])
    }
}
