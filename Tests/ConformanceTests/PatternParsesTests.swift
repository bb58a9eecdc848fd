@testable import Conformance
import Foundation
import Testing
import TestSupport

/// Plans that check one run side by side parse each pattern once between them, and each still
/// matches with engines of its own.
@Suite struct PatternParsesTests {
    private static let patterns = ["^[a-z]{1,5}$", "(ab|cd)+x", "^(?!aws:)[a-zA-Z0-9:/_-]+$", "[0-9]{3}-[0-9]{4}"]

    /// One operation, a string member `M<i>` per pattern (`patternPlan`).
    private static func plan() -> ValidationPlan { patternPlan(patterns) }

    @Test func siblingPlansShareTheParsesAndGiveTheSameVerdicts() {
        let first = Self.plan()
        let second = first.sibling()
        #expect(second.patterns.parses === first.patterns.parses)
        #expect(Self.plan().patterns.parses !== first.patterns.parses, "another run's plan parses on its own")

        let record = Fixtures.record(service: "p", operation: "Op",
                                     payloadJSON: #"{"M0":"abcdef","M1":"ababx","M2":"aws:role","M3":"call 555-1234"}"#)
        let one = Fixtures.check(record, plan: first)
        let parsedByFirst = first.patterns.parses.count
        #expect(parsedByFirst.alternatives == Self.patterns.count, "every pattern parsed once as simple alternatives")
        let two = Fixtures.check(record, plan: second)
        #expect(second.patterns.parses.count == parsedByFirst, "the sibling parsed nothing again")
        #expect(one.valid == two.valid)
        #expect(one.issues.map(\.path) == two.issues.map(\.path))
        #expect(one.issues.map(\.message) == two.issues.map(\.message))
        #expect(Set(one.issues.map(\.path)) == ["M0", "M2"], "M0 too long for {1,5}, M2 starts with aws:")
    }

    @Test func lanesParsingAtOnceAgree() async {
        let parses = PatternParses()
        let all = Self.patterns + ["^\\d{12}$", "(?i)abc", "[[:alpha:]]"]
        await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    all.map { p in "\(parses.simpleAlternatives(p)?.count ?? -1)/\(parses.tree(p) == nil ? "nil" : "tree")" }
                }
            }
            var answers: [[String]] = []
            for await a in group { answers.append(a) }
            #expect(Set(answers.map { $0.joined(separator: ",") }).count == 1)
        }
        let expected = all.map { p in "\(SimplePattern.parseAlternatives(p)?.count ?? -1)/\(RegexNode.parseForMatching(p) == nil ? "nil" : "tree")" }
        #expect(all.map { p in "\(parses.simpleAlternatives(p)?.count ?? -1)/\(parses.tree(p) == nil ? "nil" : "tree")" } == expected)
    }
}
