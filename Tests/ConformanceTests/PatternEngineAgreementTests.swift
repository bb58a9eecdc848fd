@testable import Conformance
import Foundation
import Testing
import TestSupport

/// Every distinct botocore 1.43.11 pattern with sampled and mutated values
/// (`scripts/gen_pattern_cases.py`): the engine-free matchers (the table as the validator runs
/// it, and on their own the position-set matcher, the lazy DFA and the linear-time Thompson
/// NFA the others fall back to) must give ICU's verdict, except
/// for Java's POSIX classes (`\p{Punct}` and the like are US-ASCII in Java, Unicode
/// categories in ICU; the matchers follow Java).
private func agreement(whole: Bool) throws -> (cases: Int, checked: Int, programs: Int, dfas: Int, nfas: Int, asciiForms: Int, disagreements: [String]) {
    let cases = try Fixtures.patternCases.get()
    let table = PatternTable(wholeValue: whole)
    let programs = PositionSetMatchers()
    let nfas = ThompsonMatchers()
    var checked = 0, programCount = 0, dfaCount = 0, nfaCount = 0, asciiForms = 0
    var disagreements: [String] = []
    let posix = ["Lower", "Upper", "ASCII", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank", "Cntrl", "XDigit", "Space"]
    for c in cases where !posix.contains(where: { c.pattern.contains("p{\($0)}") }) {
        let (icuRegex, _) = ICURegex.compile(c.pattern, timeLimit: 200)
        guard let icuRegex, let index = table.compile(c.pattern, shape: "S") else { continue }
        // The engines as the table builds them: `\b`, `\B` and `(?i)` included, decided by them
        // on ASCII values only.
        let tree = RegexNode.parseForMatching(c.pattern)
        let node = tree?.node
        let program = node.flatMap { programs.add($0) }
        if program != nil { programCount += 1 }
        let nfa = node.flatMap { nfas.add($0) }
        if nfa != nil { nfaCount += 1 }
        // The lazy DFA on its own (the table tries the sequence fast paths first).
        var dfa = node.flatMap { LazyDFA($0, search: !whole) }
        if dfa != nil { dfaCount += 1 }
        defer { dfa?.release() }
        for v in c.values {
            let cps = v.unicodeScalars.map(\.value)
            let expected = cps.withUnsafeBufferPointer { icuRegex.run($0, whole: whole) }
            guard expected != .gaveUp else { continue }
            let bytes = Array(v.utf8)
            let viaTable = bytes.withUnsafeBufferPointer { table.run(index, utf8: $0, ascii: bytes.count == cps.count) }
            checked += 1
            if tree?.asciiOnly == true {
                asciiForms += 1
                if bytes.count != cps.count {
                    if (viaTable == .match) != (expected == .match) {
                        disagreements.append("\(c.pattern) on \(v.debugDescription): ICU \(expected), table \(viaTable)")
                    }
                    continue
                }
            }
            var viaProgram: PositionSetMatchers.Outcome? = nil
            if let program { viaProgram = cps.withUnsafeBufferPointer { programs.matches(program, $0, whole: whole) } }
            var viaNFA: Bool? = nil
            if let nfa { viaNFA = cps.withUnsafeBufferPointer { nfas.matches(nfa, $0, whole: whole) } }
            var viaDFA: Bool? = nil
            if dfa != nil, bytes.count == cps.count { viaDFA = bytes.withUnsafeBufferPointer { dfa!.matches($0) } }
            let want = expected == .match
            if (viaTable == .match) != want || (viaProgram != nil && viaProgram != .gaveUp && (viaProgram == .match) != want)
                || (viaDFA != nil && viaDFA != want) || (viaNFA != nil && viaNFA != want) {
                disagreements.append("\(c.pattern) on \(v.debugDescription): ICU \(want), table \(viaTable), program \(String(describing: viaProgram)), DFA \(String(describing: viaDFA)), NFA \(String(describing: viaNFA))")
            }
        }
    }
    return (cases.count, checked, programCount, dfaCount, nfaCount, asciiForms, disagreements)
}

@Test func engineFreeMatchersAgreeWithICUWhenSearching() throws {
    let r = try agreement(whole: false)
    #expect(r.cases > 4000)
    #expect(r.checked > 40000)
    #expect(r.programs > 4000)
    #expect(r.dfas > 4000)
    #expect(r.nfas > 4000)
    #expect(r.asciiForms > 250, "values of patterns with \\b, \\B or (?i): \(r.asciiForms)")
    #expect(r.disagreements.isEmpty, "\(r.disagreements.count) disagreements: \(r.disagreements.prefix(10))")
}

@Test func engineFreeMatchersAgreeWithICUWhenMatchingWholeValues() throws {
    let r = try agreement(whole: true)
    #expect(r.checked > 40000)
    #expect(r.disagreements.isEmpty, "\(r.disagreements.count) disagreements: \(r.disagreements.prefix(10))")
}
