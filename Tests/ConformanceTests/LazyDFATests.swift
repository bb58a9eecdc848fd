@testable import Conformance
import Testing

/// The lazy DFA against ICU on every short string over a small alphabet, for patterns whose
/// anchors sit in odd places (line terminators at the end, `$` before a consumed `\n`,
/// anchors inside alternations and loops) and look-aheads, searched and whole.
private let anchorPatterns = [
    "a", "^a", "a$", "^a$", "a\\z", "a\\Z", "^$", "$", "^", "\\z", "$\\n", "a$\\r\\n", "$^", "^$^",
    "(^a|b)+", "(a$|b)", "(a|$)\\n", "a*$", "^(a|b)*$", "[ab]{2,3}$", "(?:^|b)a", "a(?:\\z|\\n)",
    "^1?\\r?\\n?$", "(a\\Z\\n?)", "a{0,2}b{1,}$", "(^|a)(b|$)",
    // Look-aheads decided at position 0: after a leading `^`, or with a `^`-anchored body.
    "^(?!\\s*$).+", "(?!^[0-9]+$)([a-z0-9]+)", "^(?=a)[ab]+$", "(?!^a)b", "^(?!a$)(?!b).*", "(?=^a\\n?$)",
    "^(?=[ab]*1)(?![ab]*\\r).*\\z", "(?!^(a|b)+$)b",
]
private let alphabet: [UInt8] = [0x61, 0x62, 0x0A, 0x0D, 0x31]

private func allValues(upTo length: Int) -> [[UInt8]] {
    var out: [[UInt8]] = [[]]
    var layer: [[UInt8]] = [[]]
    for _ in 0..<length {
        layer = layer.flatMap { v in alphabet.map { v + [$0] } }
        out += layer
    }
    return out
}

@Test(arguments: [false, true])
func lazyDFAAgreesWithICUOnAnchorsAndTerminators(whole: Bool) throws {
    let values = allValues(upTo: 4)
    var checked = 0
    var disagreements: [String] = []
    for pattern in anchorPatterns {
        let node = try #require(RegexNode.parse(pattern), "\(pattern) should parse")
        var dfa = try #require(LazyDFA(node, search: !whole))
        defer { dfa.release() }
        let icu = try #require(ICURegex.compile(pattern, timeLimit: 200).0)
        for v in values {
            let cps = v.map { UInt32($0) }
            let expected = cps.withUnsafeBufferPointer { icu.run($0, whole: whole) }
            guard expected != .gaveUp else { continue }
            let got = v.withUnsafeBufferPointer { dfa.matches($0) }
            checked += 1
            if got != (expected == .match) {
                disagreements.append("\(pattern) on \(String(decoding: v, as: UTF8.self).debugDescription): ICU \(expected), DFA \(String(describing: got))")
            }
        }
    }
    #expect(checked > 20000)
    #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
}

@Test func lazyDFAOnLongValuesAgreesWithThePositionSetMatcher() throws {
    // Values past 64 and 128 bytes (several words in the position-set matcher), reusing states.
    let pattern = "^arn:aws:[a-z0-9-]{1,63}:[a-z0-9-]*:[0-9]{12}:[A-Za-z0-9/][A-Za-z0-9:_/+.-]{0,1023}$"
    let node = try #require(RegexNode.parse(pattern))
    var dfa = try #require(LazyDFA(node, search: true))
    defer { dfa.release() }
    let programs = PositionSetMatchers()
    let program = try #require(programs.add(node))
    for tail in [1, 50, 63, 64, 65, 127, 128, 300, 1023, 1024] {
        for bad in [false, true] {
            let value = Array("arn:aws:s3:us-east-1:123456789012:".utf8) + [UInt8](repeating: bad && tail % 2 == 0 ? 0x20 : 0x61, count: tail)
            let viaDFA = value.withUnsafeBufferPointer { dfa.matches($0) }
            let viaProgram = value.withUnsafeBufferPointer { programs.matches(program, $0, whole: false) }
            // {0,1023} is built unbounded: values of 1,024 bytes or more are declined.
            if value.count < 1024 {
                #expect(viaDFA == (viaProgram == .match), "tail \(tail) bad \(bad)")
            } else {
                #expect(viaDFA == nil, "tail \(tail) bad \(bad)")
            }
        }
    }
}

@Test func lazyDFAStaysWithinItsMemoryBound() throws {
    // A pattern whose states grow with the value: the DFA resets, then gives up; never wrong.
    let node = try #require(RegexNode.parse("[ab]*a[ab]{12}$"))
    var dfa = try #require(LazyDFA(node, search: true, maxEntries: 3000))
    defer { dfa.release() }
    var rng = SystemRandomNumberGenerator()
    var answered = 0, declined = 0
    for _ in 0..<400 {
        let value = (0..<40).map { _ in UInt8.random(in: 0...1, using: &rng) == 0 ? UInt8(0x61) : 0x62 }
        let expected = value[value.count - 13] == 0x61
        if let got = value.withUnsafeBufferPointer({ dfa.matches($0) }) {
            #expect(got == expected)
            answered += 1
        } else {
            declined += 1
        }
    }
    #expect(answered > 0 && declined > 0)
    #expect(dfa.disabled)
}

@Test func lookAheadsTheDFACannotDecideAtPositionZeroAreLeftToOtherEngines() throws {
    for pattern in ["a(?!b)", "(?=a)b", "(?<=a)b", "^a(?!b)", "[ab]*(?!a)"] {
        let node = try #require(RegexNode.parse(pattern))
        let dfa = LazyDFA(node, search: true)
        #expect(dfa == nil, "\(pattern)")
        dfa?.release()
    }
}

@Test func lazyDFAsShareOneMemoryBudget() throws {
    // Two DFAs drawing on a budget too small for both: whichever runs out empties itself
    // (and declines), answers stay right, and releasing them gives everything back.
    let budget = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    defer { budget.deallocate() }
    budget.pointee = 400
    let first = try #require(RegexNode.parse("[ab]*a[ab]{6}$"))
    let second = try #require(RegexNode.parse("b[ab]{5}a"))
    var d1 = try #require(LazyDFA(first, search: true, budget: budget))
    var d2 = try #require(LazyDFA(second, search: true, budget: budget))
    var rng = SystemRandomNumberGenerator()
    var declined = 0
    for _ in 0..<300 {
        let value = (0..<24).map { _ in UInt8.random(in: 0...1, using: &rng) == 0 ? UInt8(0x61) : 0x62 }
        let want1 = value[value.count - 7] == 0x61
        let want2 = (0...(value.count - 7)).contains { value[$0] == 0x62 && value[$0 + 6] == 0x61 }
        if let got = value.withUnsafeBufferPointer({ d1.matches($0) }) { #expect(got == want1) } else { declined += 1 }
        if let got = value.withUnsafeBufferPointer({ d2.matches($0) }) { #expect(got == want2) } else { declined += 1 }
        #expect(budget.pointee >= 0)
    }
    #expect(declined > 0)
    d1.release()
    d2.release()
    #expect(budget.pointee == 400)
}

@Test(arguments: [false, true])
func longBoundedRepeatsAreExactBelowTheirSpanAndDeclinedFromIt(whole: Bool) throws {
    // ^(ab){1,300}$ is built as ^(ab){1,}$: exact for values under 602 bytes.
    let node = try #require(RegexNode.parse("^(ab){1,300}$"))
    var dfa = try #require(LazyDFA(node, search: !whole))
    defer { dfa.release() }
    let table = PatternTable(wholeValue: whole)
    let index = try #require(table.compile("^(ab){1,300}$", shape: "S"))
    for pairs in [1, 299, 300, 301, 302] {
        let value = Array(String(repeating: "ab", count: pairs).utf8)
        let want = pairs <= 300
        let viaDFA = value.withUnsafeBufferPointer { dfa.matches($0) }
        if value.count < 602 { #expect(viaDFA == want, "\(pairs) pairs") } else { #expect(viaDFA == nil, "\(pairs) pairs") }
        // Through the table a declined value is answered by the other engines.
        let viaTable = value.withUnsafeBufferPointer { table.run(index, utf8: $0, ascii: true) }
        #expect((viaTable == .match) == want, "\(pairs) pairs")
    }
}
