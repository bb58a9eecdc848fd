import APIModel
import Testing
@testable import Differ
import TestSupport

@Suite struct IgnoreListTests {
    @Test func globRules() throws {
        var log = DiagnosticLog()
        let list = try IgnoreList(parsing: Array(try Fixtures.text("differ/ignore-seed-ec2.txt").utf8), source: "ignore", log: &log)
        #expect(log.diagnostics.isEmpty)
        let change = Change(kind: .enumValueAdded, service: "ec2", operation: "DescribeInstances", direction: .output,
                            path: "Reservations[].Instances[].NetworkInterfaces[].Status", value: "associated")
        #expect(list.accepts(change))
        var other = change
        other.service = "rds"
        #expect(!list.accepts(other))
        other = change
        other.kind = .enumValueRemoved
        #expect(!list.accepts(other))
    }

    @Test func missingFieldsAreWildcardsAndBadLinesFail() throws {
        var log = DiagnosticLog()
        let list = try IgnoreList(parsing: Array("member-removed ec2 # all ec2 removals\nno-such-kind\n".utf8), source: "f", log: &log)
        #expect(list.rules.count == 2)
        #expect(log.warningCount == 1) // the unknown kind
        #expect(list.accepts(Change(kind: .memberRemoved, service: "ec2", operation: "X", direction: .input, path: "A.B")))
        #expect(throws: DiffReadError.self) { try IgnoreList(parsing: Array("a b c d e\n".utf8), source: "f", log: &log) }
    }

    @Test func baselineDiffFileAcceptsExactlyItsChanges() throws {
        let changes = ModelDiffer().diff(try Fixtures.model("demo-old.json"), try Fixtures.model("demo-new.json"))
        let baseline = JSONDiffRenderer().render(Array(changes.prefix(3)), old: "a", new: "b")
        var log = DiagnosticLog()
        let list = try IgnoreList(parsing: baseline, source: "baseline.json", log: &log)
        #expect(list.filter(changes) == Array(changes.dropFirst(3)))
    }

    @Test func glob() {
        #expect(Glob.matches("*", ""))
        #expect(Glob.matches("a*c", "abbbc"))
        #expect(!Glob.matches("a*c", "abbbd"))
        #expect(Glob.matches("*.Status", "X[].Status"))
        #expect(Glob.matches("**a", "a"))
    }
}
