import APIModel

/// Which shape of a member a fact line speaks about: the member itself (or, for a list, its
/// items), or the key / value of a map (`Key Pattern:`, `Value Length Constraints:`).
enum FactTarget: Sendable, Equatable {
    case own, key, value
}

/// One fact line of a reference page, read. The same words appear in every rendering, so
/// this is the only place they are parsed.
enum Fact: Sendable, Equatable {
    case type(String)
    case length(min: Bound?, max: Bound?, FactTarget)
    /// `Array Members:` (list) or `Map Entries:` (map) item counts.
    case count(min: Bound?, max: Bound?, isMap: Bool)
    case range(min: Bound?, max: Bound?, FactTarget)
    case pattern(String, FactTarget)
    case validValues([String], FactTarget)
    case required(Bool)
    case httpStatus(Int)
}

extension Fact {
    /// Which shape of a member the fact speaks about; nil for facts about the member as a whole.
    var target: FactTarget? {
        switch self {
        case let .length(_, _, t), let .range(_, _, t), let .pattern(_, t), let .validValues(_, t): return t
        case .type, .count, .required, .httpStatus: return nil
        }
    }

    /// The same fact about another shape (a map's value facts are its value's own).
    func retargeted(_ target: FactTarget) -> Fact {
        switch self {
        case let .length(min, max, _): return .length(min: min, max: max, target)
        case let .range(min, max, _): return .range(min: min, max: max, target)
        case let .pattern(p, _): return .pattern(p, target)
        case let .validValues(v, _): return .validValues(v, target)
        case .type, .count, .required, .httpStatus: return self
        }
    }
}

/// A fact line that starts with a known keyword but whose value cannot be read.
struct FactLineError: Error, Sendable {
    var message: String
}

enum FactLine {
    /// Keywords in the order they are tried (longer, prefixed forms first).
    static let keywords: [String] = [
        "Type:", "Required:", "HTTP Status Code:",
        "Key Length Constraints:", "Value Length Constraints:", "Length Constraints:",
        "Array Members:", "Map Entries:",
        "Key Valid Range:", "Value Valid Range:", "Valid Range:",
        "Key Pattern:", "Value Pattern:", "Pattern:",
        "Valid Keys:", "Key Valid Values:", "Value Valid Values:", "Valid Values:",
    ]

    /// Keywords whose value the text rendering may put on the next line.
    static let valueMayFollow: Set<String> = ["Pattern:", "Key Pattern:", "Value Pattern:", "Valid Values:", "Valid Keys:",
                                              "Key Valid Values:", "Value Valid Values:"]

    /// A keyword with its bytes and whether its value may follow on the next line.
    private struct KeywordEntry {
        var keyword: String
        var bytes: [UInt8]
        var valueMayFollow: Bool
    }

    /// Keywords by first byte, so a description line costs one table lookup.
    private static let keywordsByFirstByte: [[KeywordEntry]] = {
        var table = Array(repeating: [KeywordEntry](), count: 256)
        for k in keywords {
            let bytes = Array(k.utf8)
            table[Int(bytes[0])].append(KeywordEntry(keyword: k, bytes: bytes, valueMayFollow: valueMayFollow.contains(k)))
        }
        return table
    }()

    /// The keyword the line starts with, if any.
    static func keyword(of line: String) -> String? {
        var line = line
        return line.withUTF8 { keyword(of: $0) }
    }

    static func keyword(of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        keywordAndFollow(of: bytes)?.keyword
    }

    /// The keyword the line starts with and whether `valueMayFollow` holds for it (no set lookup per line).
    static func keywordAndFollow(of line: String) -> (keyword: String, valueMayFollow: Bool)? {
        var line = line
        return line.withUTF8 { keywordAndFollow(of: $0) }
    }

    static func keywordAndFollow(of bytes: UnsafeBufferPointer<UInt8>) -> (keyword: String, valueMayFollow: Bool)? {
        guard let first = bytes.first else { return nil }
        for k in keywordsByFirstByte[Int(first)] where bytes.count >= k.bytes.count {
            var i = 1
            while i < k.bytes.count, bytes[i] == k.bytes[i] { i += 1 }
            if i == k.bytes.count { return (k.keyword, k.valueMayFollow) }
        }
        return nil
    }

    /// Reads a fact line (keyword and value). nil: not a fact line. Throws: a fact keyword
    /// with a value that cannot be read (an unreadable number, an empty pattern).
    static func parse(_ line: String) throws(FactLineError) -> Fact? {
        guard let keyword = keyword(of: line) else { return nil }
        let value = line.dropFirst(keyword.count).trimming(" ")
        return try parse(keyword: keyword, value: String(value))
    }

    static func parse(keyword: String, value: String) throws(FactLineError) -> Fact {
        let target: FactTarget = keyword.hasPrefix("Key ") || keyword == "Valid Keys:" ? .key : keyword.hasPrefix("Value ") ? .value : .own
        switch keyword {
        case "Type:":
            guard !value.isEmpty else { throw FactLineError(message: "empty Type: line") }
            return .type(value)
        case "Required:":
            switch value.lowercased().trimmingTrailingPeriod {
            case "yes": return .required(true)
            case "no": return .required(false)
            default: throw FactLineError(message: "Required: expects Yes or No, found \"\(value)\"")
            }
        case "HTTP Status Code:":
            guard let status = Int(value.trimmingTrailingPeriod), status >= 100, status <= 599 else {
                throw FactLineError(message: "unreadable HTTP status code \"\(value)\"")
            }
            return .httpStatus(status)
        case "Key Length Constraints:", "Value Length Constraints:", "Length Constraints:":
            let (min, max) = try bounds(value, unit: "length")
            return .length(min: min, max: max, target)
        case "Array Members:", "Map Entries:":
            let (min, max) = try bounds(value, unit: "number")
            return .count(min: min, max: max, isMap: keyword == "Map Entries:")
        case "Key Valid Range:", "Value Valid Range:", "Valid Range:":
            let (min, max) = try bounds(value, unit: "value")
            return .range(min: min, max: max, target)
        case "Key Pattern:", "Value Pattern:", "Pattern:":
            guard !value.isEmpty else { throw FactLineError(message: "\(keyword) without a pattern") }
            return .pattern(value, target)
        default: // the Valid Values / Valid Keys family
            // Byte-level split: some enums (EC2 instance types) list a thousand values on every page.
            let values = value.utf8.split(separator: UInt8(ascii: "|")).compactMap { part -> String? in
                var lo = part.startIndex, hi = part.endIndex
                while lo < hi, part[lo] == 0x20 { lo = part.index(after: lo) }
                while hi > lo, part[part.index(before: hi)] == 0x20 { hi = part.index(before: hi) }
                return lo < hi ? String(Substring(part[lo..<hi])) : nil
            }
            guard !values.isEmpty else { throw FactLineError(message: "\(keyword) without values") }
            return .validValues(values, target)
        }
    }

    /// `Minimum <unit> of `, `Maximum <unit> of `, `Fixed <unit> of ` for the units fact lines use.
    private static let leadsByUnit: [String: [String]] = Dictionary(uniqueKeysWithValues: ["length", "number", "value"].map { unit in
        (unit, ["Minimum", "Maximum", "Fixed"].map { "\($0) \(unit) of " })
    })

    private static func leads(_ unit: String) -> [String] {
        leadsByUnit[unit] ?? ["Minimum", "Maximum", "Fixed"].map { "\($0) \(unit) of " }
    }

    /// `Minimum length of 1. Maximum length of 36.`, `Fixed number of 1 item.`,
    /// `Minimum value of -1.5. Maximum value of 9223372036854775807.`
    static func bounds(_ text: String, unit: String) throws(FactLineError) -> (Bound?, Bound?) {
        var min: Bound?, max: Bound?
        var found = false
        for (kind, lead) in leads(unit).enumerated() {
            guard let r = text.utf8Range(of: lead) else { continue }
            let rest = text[r.upperBound...]
            let token = rest.prefix { $0 != " " && $0 != "," && $0 != ";" }
            var literal = String(token)
            while literal.hasSuffix(".") { literal.removeLast() }
            guard let bound = Bound(literal: literal) else {
                throw FactLineError(message: "unreadable number \"\(token)\" in \"\(lead.trimming(" "))\"")
            }
            found = true
            switch kind {
            case 0: min = bound
            case 1: max = bound
            default: min = bound; max = bound
            }
        }
        guard found else { throw FactLineError(message: "no Minimum/Maximum/Fixed \(unit) in \"\(text)\"") }
        return (min, max)
    }

    /// The text rendering can glue the next fact onto a pattern that ends its line
    /// (`^[a-z]+$Required: Yes`). Splits there when the tail reads as a complete fact line.
    static func splitGluedFact(_ value: String) -> (value: String, tail: String?) {
        let bytes = Array(value.utf8)
        guard bytes.count > 1 else { return (value, nil) }
        for start in 1..<bytes.count where bytes[start] >= UInt8(ascii: "A") && bytes[start] <= UInt8(ascii: "Z") {
            // Most capitals start no keyword (`ACTIVE | INACTIVE`): test the bytes before making a string.
            guard let keyword = bytes.withUnsafeBufferPointer({ keyword(of: UnsafeBufferPointer(rebasing: $0[start...])) }) else { continue }
            let tail = String(decoding: bytes[start...], as: UTF8.self)
            let tailValue = tail.dropFirst(keyword.count).trimming(" ")
            if tailValue.isEmpty && valueMayFollow.contains(keyword) {
                return (String(decoding: bytes[..<start], as: UTF8.self), tail)
            }
            if (try? parse(keyword: keyword, value: String(tailValue))) != nil {
                return (String(decoding: bytes[..<start], as: UTF8.self), tail)
            }
        }
        return (value, nil)
    }
}

extension Substring {
    /// Drops an ASCII character from both ends, scanning bytes (Character views are slow).
    func trimming(_ c: Character) -> Substring {
        let byte = c.asciiValue ?? 0x20
        let u = utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, u[lo] == byte { lo = u.index(after: lo) }
        while hi > lo, u[u.index(before: hi)] == byte { hi = u.index(before: hi) }
        return self[lo..<hi]
    }
}

extension String {
    func trimming(_ c: Character) -> Substring { self[...].trimming(c) }
}

extension StringProtocol {
    var trimmingTrailingPeriod: String {
        var s = String(self)
        while s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
