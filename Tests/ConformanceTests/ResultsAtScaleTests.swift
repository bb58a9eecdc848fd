import APIModel
import Foundation
import Testing
import TestSupport
@testable import Conformance

/// Results that stay readable over many records: the same issue grouped with a count, counts by
/// code, service and operation, and known issues accepted once (`--ignore`, `--baseline`).
@Suite struct ResultsAtScaleTests {
    /// Seven records of one operation with the same bad enum value, two with an unknown member,
    /// one of another operation, one valid.
    static func records() -> [UInt8] {
        var lines: [String] = []
        for i in 0..<7 {
            lines.append(#"{"id":"e\#(i)","service":"appstream","operation":"DescribeImageBuilders","direction":"response","payload":{"ImageBuilders":[{"Name":"b","State":"BOOTING"}]}}"#)
        }
        lines.append(#"{"service":"appstream","operation":"DescribeImageBuilders","direction":"response","payload":{"Extra":1,"Extra2":2}}"#)
        lines.append(#"{"service":"appstream","operation":"DescribeImageBuilders","direction":"response","payload":{"Extra":1}}"#)
        lines.append(#"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{}}"#)
        lines.append(#"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"f"}}"#)
        return Array(lines.joined(separator: "\n").utf8)
    }

    private func run(filter: IssueFilter = IssueFilter()) throws -> (results: [RecordResult], summary: PayloadFiles.Summary) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scale-\(UUID().uuidString).jsonl").path
        try Data(Self.records()).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let files = PayloadFiles(validator: RecordValidator(plan: try Fixtures.plan()))
        files.filter = filter
        var results: [RecordResult] = []
        files.run(paths: [path]) { results.append($0) }
        return (results, files.summary)
    }

    @Test func theSameIssueIsOneLineWithItsCountAndFirstRecords() throws {
        let (results, _) = try run()
        let grouper = ResultsText.Grouper()
        for r in results { grouper.add(r) }
        let text = String(decoding: grouper.render(), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "appstream.DescribeImageBuilders response: 9 invalid records")
        #expect(lines.filter { $0.hasPrefix("  ImageBuilders[0].State: enum: value \"BOOTING\"") }.count == 1)
        #expect(lines.contains { $0.hasPrefix("    7 records: ") && $0.contains(":1 [e0], ") && $0.hasSuffix(":3 [e2], and 4 more") }, "\(text)")
        #expect(lines.contains("  Extra: unknown: unknown member \"Extra\""))
        #expect(lines.contains { $0.hasPrefix("    2 records: ") && !$0.contains("more") })
        #expect(lines.contains("appstream.DeleteFleet request: 1 invalid record"))
        #expect(lines.count == 10, "\(text)") // two headers, four issues of two lines each
    }

    @Test func countsByCodeServiceAndOperation() throws {
        let (_, summary) = try run()
        #expect(summary.issuesByCode == [.enum: 7, .unknown: 3, .required: 1])
        let ops = summary.byOperation.operations
        #expect(ops.map(\.operation) == ["DescribeImageBuilders", "DeleteFleet"])
        #expect(ops[0] == OperationCounts.Count(service: "appstream", operation: "DescribeImageBuilders", records: 9, invalid: 9, issues: 10))
        #expect(ops[1] == OperationCounts.Count(service: "appstream", operation: "DeleteFleet", records: 2, invalid: 1, issues: 1))
        #expect(summary.byOperation.services == [OperationCounts.Count(service: "appstream", operation: "", records: 11, invalid: 10, issues: 11)])
        let footer = String(decoding: ResultsJSON.footer(summary: summary, unsupportedPatterns: [], patternsGivenUp: []), as: UTF8.self)
        let json = try JSONParser.parse(Array(("{\"results\": [" + footer).utf8))
        let s = try #require(json["summary"])
        #expect(s["issuesByCode"]?["enum"]?.intValue == 7)
        #expect(s["byService"]?["appstream"]?["issues"]?.intValue == 11)
        #expect(s["byOperation"]?["appstream"]?["DeleteFleet"]?["invalid"]?.intValue == 1)
        #expect(s["accepted"]?.intValue == 0)
        let stats = ResultsText.counts(summary)
        #expect(stats.first == "by code: required 1, unknown 3, enum 7")
        #expect(stats.contains("  appstream.DescribeImageBuilders: 9 records, 9 invalid, 10 issues"))
    }

    @Test func ruleLinesAcceptIssuesByName() throws {
        var filter = IssueFilter()
        var log = DiagnosticLog()
        try filter.add(parsing: Array("# known\nenum appstream DescribeImageBuilders ImageBuilders[*].State\nunknown * * Extra2\n".utf8), source: "ignore", log: &log)
        #expect(log.diagnostics.isEmpty)
        let (results, summary) = try run(filter: filter)
        #expect(summary.invalid == 3 && summary.accepted == 8)
        #expect(results.filter(\.valid).count == 8)
        let mixed = try #require(results.first { $0.accepted.count == 1 && !$0.issues.isEmpty })
        #expect(mixed.issues.map(\.path) == ["Extra"] && mixed.accepted.map(\.path) == ["Extra2"])
        // The JSON result keeps them apart: `errors` fail the record, `accepted` do not.
        let writer = ResultsJSON.Writer()
        writer.add(mixed)
        var bytes: [UInt8] = []
        writer.drain { bytes.append(contentsOf: $0) }
        let json = try JSONParser.parse(bytes)
        #expect(json["errors"]?.arrayValue?.count == 1 && json["accepted"]?.arrayValue?.first?["path"]?.stringValue == "Extra2")
        var other = IssueFilter()
        #expect(throws: IgnoreFileError.self) { try other.add(parsing: Array("enum appstream\n".utf8), source: "f", log: &log) }
        var warned = DiagnosticLog()
        try other.add(parsing: Array("enm * * *\n".utf8), source: "f", log: &warned)
        #expect(warned.diagnostics.first?.message == "unknown code \"enm\": the rule matches nothing")
    }

    /// A previous run's results accept exactly their issues; anything new still fails.
    @Test func aBaselineAcceptsExactlyThePreviousIssues() throws {
        let (before, summary) = try run()
        let writer = ResultsJSON.Writer()
        for r in before.prefix(8) { writer.add(r) }
        var bytes = ResultsJSON.header()
        writer.drain { bytes.append(contentsOf: $0) }
        bytes += ResultsJSON.footer(summary: summary, unsupportedPatterns: [], patternsGivenUp: [])
        var filter = IssueFilter()
        try filter.addBaseline(parsing: bytes)
        let (after, summaryAfter) = try run(filter: filter)
        // Record 9 has only `Extra` (in the baseline, from record 8); DeleteFleet's missing Name is new.
        #expect(summaryAfter.invalid == 1 && after.first { !$0.valid }?.operation == "DeleteFleet")
        var other = IssueFilter()
        #expect(throws: IgnoreFileError.self) { try other.addBaseline(parsing: Array(#"{"format": "docconform.diff/1", "changes": []}"#.utf8)) }
    }
}
