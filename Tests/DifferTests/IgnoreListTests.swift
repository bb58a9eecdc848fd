import APIModel
import ChangeRecords
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

    @Test func commentsAndUnknownKinds() throws {
        var log = DiagnosticLog()
        let list = try IgnoreList(parsing: Array("member-removed ec2 * * # all ec2 removals\n#whole line\nno-such-kind * * *\n".utf8), source: "f", log: &log)
        #expect(list.rules.count == 2)
        #expect(log.warningCount == 1) // the unknown kind, at its line
        #expect(log.diagnostics.first?.line == 3)
        #expect(list.accepts(Change(kind: .memberRemoved, service: "ec2", operation: "X", direction: .input, path: "A.B")))
    }

    /// A line with fewer or more than four fields is an error at its line, never a wildcard
    /// (`../shared/reliability/ignore-widening/too-few-fields.txt`).
    @Test(arguments: [("enum-value-added ec2\n", 2), ("# c\n\nenum-value-added ec2 * a b\n", 5)])
    func aLineWithoutFourFieldsIsAnError(text: String, fields: Int) throws {
        var log = DiagnosticLog()
        let error = #expect(throws: DiffReadError.self) { try IgnoreList(parsing: Array(text.utf8), source: "f", log: &log) }
        #expect(error?.line == (fields == 2 ? 1 : 3))
        #expect(error?.message.contains("found \(fields)") == true)
        let reproducer = Array(try Fixtures.text("differ/ignore-widening/too-few-fields.txt").utf8)
        #expect(throws: DiffReadError.self) { try IgnoreList(parsing: reproducer, source: "too-few-fields.txt", log: &log) }
    }

    /// CRLF line ends and a byte order mark are transport: the CRLF copy of the seed rule file
    /// accepts exactly what the LF one does.
    @Test func crlfAndByteOrderMarkReadLikeTheirPlainCopy() throws {
        var log = DiagnosticLog()
        let change = Change(kind: .enumValueAdded, service: "ec2", operation: "DescribeInstances", direction: .output,
                            path: "Reservations[].Instances[].NetworkInterfaces[].Status", value: "associated")
        let plain = try IgnoreList(parsing: Array(try Fixtures.text("differ/ignore-widening/seed.txt").utf8), source: "seed.txt", log: &log)
        let crlf = try IgnoreList(parsing: Array(try Fixtures.text("differ/ignore-widening/seed-crlf.txt").utf8), source: "seed-crlf.txt", log: &log)
        let bom = try IgnoreList(parsing: [0xEF, 0xBB, 0xBF] + Array(try Fixtures.text("differ/ignore-widening/seed-crlf.txt").utf8), source: "bom", log: &log)
        #expect(log.diagnostics.isEmpty)
        #expect(plain.rules.map(\.path) == ["*NetworkInterface*.Status"])
        #expect(crlf.rules == plain.rules && bom.rules == plain.rules)
        #expect(crlf.accepts(change) && bom.accepts(change))
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
