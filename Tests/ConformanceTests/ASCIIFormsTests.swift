@testable import Conformance
import Testing

/// `\b`, `\B` and the `(?i)` flag, run by the validator's own engines on ASCII values and by ICU
/// on the rest: every verdict must be ICU's, on every string of up to three characters over an
/// alphabet of word and non-word characters, both cases, and characters ICU treats apart (an
/// accented letter is a word character to ICU; the Kelvin sign and the long s fold to `k` and `s`).
@Suite struct ASCIIFormsTests {
    static let alphabet: [String] = ["a", "A", "b", "B", "k", "K", "s", "S", "0", "_", "-", " ", "é", "\u{212A}", "\u{17F}"]

    static let strings = ICUVerdicts.strings(over: alphabet, upTo: 3)

    static let patterns = [
        "\\b", "\\B", "\\bab\\b", "a\\Bb", "^\\b[a-z]+\\b$", "\\b\\w+\\b", "(a|\\b)b", "(\\b-)+",
        "(?i)ab", "x(?i)ab", "(?i:a)b", "(a(?i)b)b", "(?i)a|b", "a|(?i)b", "(?i)[a-c]+", "(?i)\\w+",
        "(?i)k", "(?i)s", "^(?i)(ab|k)$", "(?i)[^a-z]", "(?i)\\W", "(?=(?i)a)A", "(?i)\\bab",
        "(?i)\u{212A}", "(?i)[\u{17F}x]", "(?i).b", "(?i)a.*B", "(0(?i)a|b)B", "((?i:a)|b)A", "(?i)0(a|b)",
    ]

    @Test(arguments: [false, true])
    func theEnginesGiveICUsVerdicts(whole: Bool) {
        let disagreements = ICUVerdicts.disagreements(Self.patterns, on: Self.strings, whole: whole)
        let count = disagreements.count
        #expect(count == 0, "\(disagreements.prefix(8))")
    }

    @Test func theFormsAreReadAsASCIIOnlyAndTheRestAsBefore() {
        for p in ["\\bx", "a\\B", "(?i)x", "(?i:x)y", "x(?i)y|z"] {
            #expect(RegexNode.parseForMatching(p)?.asciiOnly == true, "\(p)")
            #expect(RegexNode.parse(p) == nil, "\(p): the export's parse is unchanged")
        }
        #expect(RegexNode.parseForMatching("[a-z]+\\d")?.asciiOnly == false)
        // What the engines do not model stays with ICU: complemented sets under (?i), sets that
        // hold a character folding to ASCII, other inline flags.
        #expect(RegexNode.parseForMatching("(?i).*<script>")?.asciiOnly == true, "the dot folds to itself")
        for p in ["(?i)[^a-z]", "(?i)\\W", "(?i)\\D", "(?m)x", "(?-i)x", "(?i)\\P{L}", "(?i)[a-z&&[^aeiou]]", "(?i)[x[^a]]"] {
            #expect(RegexNode.parseForMatching(p) == nil, "\(p)")
        }
    }
}
