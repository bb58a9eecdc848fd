/// A set of code points as a Java regex character class denotes it (Java's own meanings:
/// `\d`, `\w`, `\s` are ASCII-only; `\p{...}` are Unicode general categories or POSIX
/// classes). ASCII membership is a 128-bit table; other code points walk the items.
struct CharSet: Sendable {
    enum Item: Sendable {
        case range(UInt32, UInt32)
        /// Unicode general categories, by two-letter code.
        case categories(Set<String>, negated: Bool)
        case set(CharSet, negated: Bool)
        /// A Unicode binary property (`\p{IsAlphabetic}`, `\p{IsWhite_Space}`).
        case binary(BinaryProperty)
    }

    /// The binary properties Java's `\p{Is...}` names and Swift's Unicode data answers.
    enum BinaryProperty: String, CaseIterable, Sendable {
        case alphabetic = "Alphabetic", whiteSpace = "White_Space", ideographic = "Ideographic",
             lowercase = "Lowercase", uppercase = "Uppercase", hexDigit = "Hex_Digit",
             joinControl = "Join_Control", noncharacter = "Noncharacter_Code_Point"

        /// Java matches these names ignoring case, spaces and underscores.
        init?(javaName: String) {
            let key = javaName.lowercased().filter { $0 != "_" && $0 != " " }
            guard let p = Self.allCases.first(where: { $0.rawValue.lowercased().filter { $0 != "_" } == key }) else { return nil }
            self = p
        }

        func contains(_ c: UInt32) -> Bool {
            guard let p = Unicode.Scalar(c)?.properties else { return false }
            switch self {
            case .alphabetic: return p.isAlphabetic
            case .whiteSpace: return p.isWhitespace
            case .ideographic: return p.isIdeographic
            case .lowercase: return p.isLowercase
            case .uppercase: return p.isUppercase
            case .hexDigit: return p.isHexDigit
            case .joinControl: return p.isJoinControl
            case .noncharacter: return p.isNoncharacterCodePoint
            }
        }
    }

    private(set) var items: [Item] = []
    var negated = false
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(items: [Item], negated: Bool = false) {
        self.items = items
        self.negated = negated
        // The ASCII table from the items' own masks (the union of the items, then the negation).
        for item in items {
            switch item {
            case let .range(a, b):
                guard a < 128 else { continue }
                let (l, h) = Self.rangeMask(a, Swift.min(b, 127))
                low |= l
                high |= h
            case let .categories(cats, neg):
                let (l, h) = Self.categoryMask(cats)
                low |= neg ? ~l : l
                high |= neg ? ~h : h
            case let .set(inner, neg):
                low |= neg ? ~inner.low : inner.low
                high |= neg ? ~inner.high : inner.high
            case let .binary(property):
                for c in UInt32(0)..<128 where property.contains(c) {
                    if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
                }
            }
        }
        if negated {
            low = ~low
            high = ~high
        }
    }

    /// The set's code points when it is a union of at most `limit` of them (ranges and sets of
    /// such, nothing negated), else nil.
    func fewMembers(atMost limit: Int) -> [UInt32]? {
        guard !negated else { return nil }
        var out: [UInt32] = []
        for item in items {
            switch item {
            case let .range(a, b):
                guard b - a < UInt32(limit) else { return nil }
                out += Array(a...b)
            case let .set(inner, negated: false):
                guard let more = inner.fewMembers(atMost: limit) else { return nil }
                out += more
            case .set, .categories, .binary:
                return nil
            }
            guard out.count <= limit * 2 else { return nil }
        }
        let distinct = out.distinctInOrder()
        return distinct.count <= limit ? distinct : nil
    }

    /// Bits a...b (both below 128) of a 128-bit mask split in two words.
    private static func rangeMask(_ a: UInt32, _ b: UInt32) -> (UInt64, UInt64) {
        func bits(_ lo: Int, _ hi: Int) -> UInt64 {  // bits lo...hi of one word, 0 <= lo <= hi <= 63
            let upper: UInt64 = hi == 63 ? ~0 : (1 << UInt64(hi + 1)) &- 1
            return upper & ~((1 << UInt64(lo)) &- 1)
        }
        let a = Int(a), b = Int(b)
        var l: UInt64 = 0, h: UInt64 = 0
        if a <= 63 { l = bits(a, Swift.min(b, 63)) }
        if b >= 64 { h = bits(Swift.max(a, 64) - 64, b - 64) }
        return (l, h)
    }

    /// The general categories of the ASCII code points, worked out once.
    private static let asciiCategories: [String] = (0..<128).map { category(of: UInt32($0)) }

    /// Per category name, two letters (`Lu`) or one (`L`, every `L?`): its ASCII members.
    private static let asciiMembers: [String: ASCIIClassKey] = {
        var table: [String: ASCIIClassKey] = [:]
        for (c, cat) in asciiCategories.enumerated() {
            for name in [cat, String(cat.prefix(1))] {
                var m = table[name] ?? ASCIIClassKey(low: 0, high: 0)
                if c < 64 { m.low |= 1 << UInt64(c) } else { m.high |= 1 << UInt64(c - 64) }
                table[name] = m
            }
        }
        return table
    }()

    private static func categoryMask(_ cats: Set<String>) -> (UInt64, UInt64) {
        var l: UInt64 = 0, h: UInt64 = 0
        for cat in cats {
            guard let m = asciiMembers[cat] else { continue }
            l |= m.low
            h |= m.high
        }
        return (l, h)
    }

    /// Membership of the code points below 128, as two 64-bit masks.
    var asciiMask: (low: UInt64, high: UInt64) { (low, high) }

    /// True when no code point from 128 up is a member (then `asciiMask` says everything).
    var asciiOnly: Bool {
        guard !negated else { return false }
        for item in items {
            guard case let .range(_, b) = item, b < 128 else { return false }
        }
        return true
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 64 { return low & (1 << UInt64(c)) != 0 }
        if c < 128 { return high & (1 << UInt64(c - 64)) != 0 }
        return slowContains(c)
    }

    private func slowContains(_ c: UInt32) -> Bool {
        var hit = false
        for item in items {
            switch item {
            case let .range(a, b): hit = c >= a && c <= b
            case let .categories(cats, neg):
                let cat = CharSet.category(of: c)
                hit = cats.contains(cat) || cats.contains(String(cat.prefix(1)))
                if neg { hit.toggle() }
            case let .set(inner, neg):
                hit = inner.contains(c) != neg
            case let .binary(property):
                hit = property.contains(c)
            }
            if hit { break }
        }
        return hit != negated
    }

    /// The class of one code point (literals: ASCII ones made once and shared).
    static func single(_ c: UInt32) -> CharSet {
        c < 128 ? asciiSingles[Int(c)] : CharSet(items: [.range(c, c)])
    }

    private static let asciiSingles: [CharSet] = (0..<128).map { CharSet(items: [.range(UInt32($0), UInt32($0))]) }

    /// Every code point but Java's line terminators (`.` without DOTALL).
    static let dot = CharSet(items: [.range(0x0A, 0x0A), .range(0x0D, 0x0D), .range(0x85, 0x85), .range(0x2028, 0x2029)], negated: true)
    static let any = CharSet(items: [.range(0, 0x10FFFF)])
    static let digit = CharSet(items: [.range(0x30, 0x39)])
    static let word = CharSet(items: [.range(0x30, 0x39), .range(0x41, 0x5A), .range(0x61, 0x7A), .range(0x5F, 0x5F)])
    static let space = CharSet(items: [.range(0x20, 0x20), .range(0x09, 0x0D)])

    /// Java's POSIX classes (US-ASCII only) and Unicode categories named in `\p{...}`.
    static func property(_ name: String) -> CharSet? {
        var n = name
        if n.hasPrefix("Is") { n.removeFirst(2) }
        if n.hasPrefix("gc=") { n.removeFirst(3) }
        if n.hasPrefix("general_category=") { n.removeFirst(17) }
        let r: (Int, Int) -> Item = { .range(UInt32($0), UInt32($1)) }
        switch n {
        case "Lower": return CharSet(items: [r(0x61, 0x7A)])
        case "Upper": return CharSet(items: [r(0x41, 0x5A)])
        case "ASCII": return CharSet(items: [r(0, 0x7F)])
        case "Alpha": return CharSet(items: [r(0x41, 0x5A), r(0x61, 0x7A)])
        case "Digit": return digit
        case "Alnum": return CharSet(items: [r(0x30, 0x39), r(0x41, 0x5A), r(0x61, 0x7A)])
        case "Punct": return CharSet(items: [r(0x21, 0x2F), r(0x3A, 0x40), r(0x5B, 0x60), r(0x7B, 0x7E)])
        case "Graph": return CharSet(items: [r(0x21, 0x7E)])
        case "Print": return CharSet(items: [r(0x20, 0x7E)])
        case "Blank": return CharSet(items: [r(0x20, 0x20), r(0x09, 0x09)])
        case "Cntrl": return CharSet(items: [r(0, 0x1F), r(0x7F, 0x7F)])
        case "XDigit": return CharSet(items: [r(0x30, 0x39), r(0x41, 0x46), r(0x61, 0x66)])
        case "Space": return space
        // Java's own: every code point, letters and digits (`Character.isLetterOrDigit`), Latin-1.
        case "all": return any
        case "LD": return CharSet(items: [.categories(["L", "Nd"], negated: false)])
        case "L1": return CharSet(items: [r(0, 0xFF)])
        default: break
        }
        let known: Set<String> = ["L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
                                  "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
                                  "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn", "LC"]
        let aliases = ["Letter": "L", "Mark": "M", "Number": "N", "Punctuation": "P", "Symbol": "S",
                       "Separator": "Z", "Other": "C", "Lowercase_Letter": "Ll", "Uppercase_Letter": "Lu",
                       "Decimal_Number": "Nd", "Control": "Cc"]
        let code = aliases[n] ?? n
        if !known.contains(code), name.hasPrefix("Is"), let property = BinaryProperty(javaName: n) {
            return CharSet(items: [.binary(property)])
        }
        guard known.contains(code) else { return nil }
        if code == "LC" { return CharSet(items: [.categories(["Lu", "Ll", "Lt"], negated: false)]) }
        return CharSet(items: [.categories([code], negated: false)])
    }

    /// The two-letter general category of a code point (`Cs` for surrogates, `Cn` if unassigned).
    static func category(of c: UInt32) -> String {
        guard let scalar = Unicode.Scalar(c) else { return c >= 0xD800 && c <= 0xDFFF ? "Cs" : "Cn" }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter: return "Lu"
        case .lowercaseLetter: return "Ll"
        case .titlecaseLetter: return "Lt"
        case .modifierLetter: return "Lm"
        case .otherLetter: return "Lo"
        case .nonspacingMark: return "Mn"
        case .spacingMark: return "Mc"
        case .enclosingMark: return "Me"
        case .decimalNumber: return "Nd"
        case .letterNumber: return "Nl"
        case .otherNumber: return "No"
        case .connectorPunctuation: return "Pc"
        case .dashPunctuation: return "Pd"
        case .openPunctuation: return "Ps"
        case .closePunctuation: return "Pe"
        case .initialPunctuation: return "Pi"
        case .finalPunctuation: return "Pf"
        case .otherPunctuation: return "Po"
        case .mathSymbol: return "Sm"
        case .currencySymbol: return "Sc"
        case .modifierSymbol: return "Sk"
        case .otherSymbol: return "So"
        case .spaceSeparator: return "Zs"
        case .lineSeparator: return "Zl"
        case .paragraphSeparator: return "Zp"
        case .control: return "Cc"
        case .format: return "Cf"
        case .surrogate: return "Cs"
        case .privateUse: return "Co"
        case .unassigned: return "Cn"
        @unknown default: return "Cn"
        }
    }
}
