@testable import Conformance
import Testing

/// Back-references rewritten for the validator's engines (`BackReferences`): every verdict must be
/// ICU's, searched and matched whole, on every short string over an alphabet that meets the
/// patterns' pieces, and on date-times built from the ISO 8601 patterns' own pieces.
@Suite struct BackReferencesTests {
    static let smallPatterns = [
        "(a?)b\\1", "^(a|b)\\1$", "^(a)?\\1$", "^(a)|\\1$", "(-?)x(\\1y)?", "^((:?)a)?b\\2$", "(a?)(b?)\\2\\1",
        "^(?:(a)|b)\\1", "(a)\\1{1,2}", "(ab|c)\\1?", "(x?)(?=\\1y)", "(?<n>a?)b\\1", "(?:(a)|(b))\\1\\2", "(a)\\10", "((a)b)\\1", "((a)b)\\2",
        "^(a)(?:\\1|b)+$", "([ab])x\\1", "(a{0,2})-\\1", "^(?:(-)|x)(?:\\1y)?$", "(:?)a(?!\\1b)",
    ]
    static let alphabet = ["a", "b", "c", "x", "y", "-", ":", "0"]

    /// The two botocore patterns (iotwireless, ssm) whose values went to ICU only for `\3` and `\17`.
    static let isoPatterns = [
        "^([\\+-]?\\d{4}(?!\\d{2}\\b))((-?)((0[1-9]|1[0-2])(\\3([12]\\d|0[1-9]|3[01]))?|W([0-4]\\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\\d|[12]\\d{2}|3([0-5]\\d|6[1-6])))([T\\s]((([01]\\d|2[0-3])((:?)[0-5]\\d)?|24\\:?00)([\\.,]\\d+(?!:))?)?(\\17[0-5]\\d([\\.,]\\d+)?)?([zZ]|([\\+-])([01]\\d|2[0-3]):?([0-5]\\d)?)?)?)?$",
        "^([\\-]?\\d{4}(?!\\d{2}\\b))((-?)((0[1-9]|1[0-2])(\\3([12]\\d|0[1-9]|3[01]))?|W([0-4]\\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\\d|[12]\\d{2}|3([0-5]\\d|6[1-6])))([T\\s]((([01]\\d|2[0-3])((:?)[0-5]\\d)?|24\\:?00)([\\.,]\\d(?!:))?)?(\\17[0-5]\\d([\\.,]\\d)?)?([zZ]|([\\-])([01]\\d|2[0-3]):?([0-5]\\d)?)?)?)?$",
    ]
    static let isoPieces = ["2024", "-", "+", "12", "01", "31", "W", "05", "-3", "123", "T", " ", "23", "24", ":", "00", "59", ".5", ",25", "Z", "z", "0130", ":30"]

    /// Strings of one to eight pieces, from a fixed-seed generator: the same every run.
    static func isoStrings(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var out: [String] = ["2024-01-31T23:59:59Z", "2024-01-31T24:00", "20240131T2359", "2024-01-31T23:59:30.5+01:00", "2024-W05-3", "2024-123",
                             "2024-0131", "202401-31", "2024-01-31T2359:30", "2024-01-31T23:5930", "2024-01-31T24:00:30", "2024-01-31T24:0030"]
        while out.count < count {
            out.append((0...next(8)).map { _ in isoPieces[next(isoPieces.count)] }.joined())
        }
        return out
    }

    @Test func everyPatternHereIsRewritten() {
        for p in Self.smallPatterns + Self.isoPatterns {
            #expect(RegexNode.parseForMatching(p) != nil, "\(p)")
            #expect(RegexNode.parse(p) == nil, "\(p): the export's parse is unchanged")
        }
    }

    @Test(arguments: [false, true])
    func shortStringsGetICUsVerdicts(whole: Bool) {
        let found = ICUVerdicts.disagreements(Self.smallPatterns, on: ICUVerdicts.strings(over: Self.alphabet, upTo: 4), whole: whole)
        let count = found.count
        #expect(count == 0, "\(found.prefix(8))")
    }

    @Test(arguments: [false, true])
    func dateTimesGetICUsVerdicts(whole: Bool) {
        let strings = Self.isoStrings(count: 4000)
        let found = ICUVerdicts.disagreements(Self.isoPatterns, on: strings, whole: whole)
        let count = found.count
        #expect(count == 0, "\(found.prefix(8))")
        // The sample holds both verdicts for both patterns.
        for p in Self.isoPatterns {
            let icu = ICURegex.compile(p, timeLimit: 200).0!
            let matches = strings.filter { s in s.unicodeScalars.map(\.value).withUnsafeBufferPointer { icu.run($0, whole: whole) } == .match }.count
            #expect(matches > 100 && matches < strings.count - 100, "\(p): \(matches) of \(strings.count)")
        }
    }

    @Test(arguments: [false, true])
    func multiDigitReferencesAreReadAsICUReadsThem(whole: Bool) {
        let pattern = "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\\11\\10"
        let strings = ["abcdefghijkkj", "abcdefghijkk", "abcdefghijkka0", "abcdefghijkkj0", "abcdefghijkkjj"]
        let found = ICUVerdicts.disagreements([pattern], on: strings, whole: whole)
        let count = found.count
        #expect(count == 0, "\(found)")
    }

    @Test func whatIsNotRegularStaysWithICU() {
        // A group that can match unboundedly many strings, one inside a repetition or a
        // look-around, a reference before its group closes or to a group that is not there, or
        // one under (?i) or to a group read under it, or references to a group and to one inside it.
        for p in ["(a*)\\1", "(.)\\1", "(a)+\\1", "(?:(a)b)*\\1", "(?=(a))\\1", "^(?!.*?(.)\\1{3})[a-z]*$", "(a\\1)", "\\1(a)", "(?i)(a)\\1", "((?i)a)\\1", "(a)\\2", "((a)b)\\1\\2"] {
            #expect(RegexNode.parseForMatching(p) == nil, "\(p)")
        }
    }
}
