import Foundation
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

    /// The keywords as static bytes (no reference counting while a line is tested), with
    /// whether their value may follow on the next line.
    private static let keywordTable: [(bytes: StaticString, valueMayFollow: Bool)] = [
        ("Type:", false), ("Required:", false), ("HTTP Status Code:", false),
        ("Key Length Constraints:", false), ("Value Length Constraints:", false), ("Length Constraints:", false),
        ("Array Members:", false), ("Map Entries:", false),
        ("Key Valid Range:", false), ("Value Valid Range:", false), ("Valid Range:", false),
        ("Key Pattern:", true), ("Value Pattern:", true), ("Pattern:", true),
        ("Valid Keys:", true), ("Key Valid Values:", true), ("Value Valid Values:", true), ("Valid Values:", true),
    ]

    /// Bytes that start some keyword: a description line usually stops at this table.
    private static let startsKeyword: [Bool] = (0..<256).map { b in keywords.contains { $0.utf8.first == UInt8(b) } }

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
        guard let first = bytes.first, startsKeyword[Int(first)] else { return nil }
        let index = KeywordIndex.shared
        var slot = Int(first) * KeywordIndex.width
        while slot < (Int(first) + 1) * KeywordIndex.width, case let i = Int(index.candidates[slot]), i >= 0 {
            slot += 1
            let start = index.starts[i], length = index.starts[i + 1] - start
            guard bytes.count >= length else { continue }
            // Older pages capitalize less (`Length constraints:`, `Valid values:`): the same keyword.
            var j = 1
            while j < length {
                let b = bytes[j], w = index.bytes[start + j], folded = b | 0x20
                guard b == w || (folded == w | 0x20 && folded >= UInt8(ascii: "a") && folded <= UInt8(ascii: "z")) else { break }
                j += 1
            }
            if j == length { return (keywords[i], keywordTable[i].valueMayFollow) }
        }
        return nil
    }

    /// The keywords' bytes one after another, and for each first byte the keywords it starts
    /// (in `keywordTable`'s order): every line of every entry is tested against them.
    private struct KeywordIndex {
        static let width = 8
        static let shared = KeywordIndex()
        let bytes: [UInt8]
        /// Where each keyword starts in `bytes`, and where the last ends.
        let starts: [Int]
        /// `width` slots per first byte: keyword numbers, -1 after the last.
        let candidates: [Int8]

        private init() {
            var bytes: [UInt8] = [], starts: [Int] = []
            var candidates = [Int8](repeating: -1, count: 256 * Self.width)
            for (i, keyword) in FactLine.keywords.enumerated() {
                starts.append(bytes.count)
                bytes.append(contentsOf: keyword.utf8)
                let base = Int(keyword.utf8.first!) * Self.width
                let free = (base..<(base + Self.width)).first { candidates[$0] < 0 }!
                candidates[free] = Int8(i)
            }
            starts.append(bytes.count)
            (self.bytes, self.starts, self.candidates) = (bytes, starts, candidates)
        }
    }

    /// A line that reads like a fact line of a keyword this reader does not know (`Default: 10`,
    /// `Minimum length: 3`): one to four words, the first capitalized, then a colon and a value.
    static func looksLikeUnknownFact(_ text: String) -> Bool {
        let u = Array(text.utf8.prefix(48))
        guard let first = u.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
              let colon = u.firstIndex(of: UInt8(ascii: ":")), colon > 1 else { return false }
        guard colon + 1 == text.utf8.count || u.count > colon + 1 && u[colon + 1] == 0x20 else { return false }
        let words = u[..<colon].split(separator: 0x20)
        return words.count <= 4 && words.allSatisfy { $0.allSatisfy { b in (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") } }
    }

    /// Reads a fact line (keyword and value). nil: not a fact line. Throws: a fact keyword
    /// with a value that cannot be read (an unreadable number, an empty pattern).
    static func parse(_ line: String) throws(FactLineError) -> Fact? {
        guard let keyword = keyword(of: line) else { return nil }
        let value = line.dropFirst(keyword.count).trimmingTextSpace
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
            var text = value
            let values = text.withUTF8 { b -> [String] in
                var out: [String] = []
                var start = 0
                for i in 0...b.count where i == b.count || b[i] == UInt8(ascii: "|") {
                    var lo = start, hi = i
                    while lo < hi, b[lo] == 0x20 { lo += 1 }
                    while hi > lo, b[hi - 1] == 0x20 { hi -= 1 }
                    if lo < hi { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)) }
                    start = i + 1
                }
                return out
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
            let token = rest.prefix { $0 != " " && $0 != ";" }
            let literal = numberLiteral(token)
            guard let bound = Bound(literal: literal) else {
                throw FactLineError(message: "unreadable number \"\(token)\" in \"\(lead.trimmingTextSpace)\"")
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

    /// The number a bound's token writes: `36.` → `36`, `30,720.` → `30720` (thousands
    /// separators), `1,` → `1` (a comma that separates no thousands ends the number).
    static func numberLiteral(_ token: Substring) -> String {
        var t = Array(token.utf8)
        while let last = t.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ",") { t.removeLast() }
        guard let firstComma = t.firstIndex(of: UInt8(ascii: ",")) else { return String(decoding: t, as: UTF8.self) }
        // Groups of three digits after each comma, one to three digits before the first.
        let fraction = t.firstIndex(of: UInt8(ascii: ".")) ?? t.count
        let sign = t.first == UInt8(ascii: "-") ? 1 : 0
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var grouped = firstComma > fraction ? false : (1...3).contains(firstComma - sign) && t[sign..<firstComma].allSatisfy(isDigit)
        var i = firstComma
        while grouped, i < fraction {
            grouped = t[i] == UInt8(ascii: ",") && i + 4 <= fraction && t[(i + 1)..<(i + 4)].allSatisfy(isDigit)
            i += 4
        }
        if grouped, i == fraction { t.removeAll { $0 == UInt8(ascii: ",") } } else { t.removeSubrange(firstComma...) }
        return String(decoding: t, as: UTF8.self)
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
            let tailValue = tail.dropFirst(keyword.count).trimmingTextSpace
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

extension StringProtocol {
    var trimmingTrailingPeriod: String {
        var s = String(self)
        while s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
