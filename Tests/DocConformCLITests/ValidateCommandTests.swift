import Foundation
import Testing
import TestSupport

/// `docconform validate` end to end: known issues accepted by `--ignore` and `--baseline` with
/// the exit codes they imply, grouped text, counts in `--stats` and in the results summary.
@Suite struct ValidateCommandTests {
    let model = Fixtures.path("botocore-1.43.11/data/appstream")

    /// Two invalid records (an enum value, a missing required member) and a valid one.
    private func payloads() throws -> String {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        let lines = [
            #"{"service":"appstream","operation":"DescribeImageBuilders","direction":"response","payload":{"ImageBuilders":[{"Name":"b","State":"BOOTING"}]}}"#,
            #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{}}"#,
            #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"f"}}"#,
        ]
        let path = dir.appendingPathComponent("records.jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func write(_ text: String, _ name: String) throws -> String {
        let path = URL(fileURLWithPath: try Fixtures.temporaryDirectory()).appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func ignoreRulesAcceptKnownIssuesByName() throws {
        let records = try payloads()
        #expect(try Run.docconform(["validate", "--model", model, records, "--quiet"]).status == 1)
        let one = try write("enum appstream DescribeImageBuilders ImageBuilders[*].State\n", "one.txt")
        let partly = try Run.docconform(["validate", "--model", model, records, "--ignore", one])
        #expect(partly.status == 1)
        #expect(partly.stdout.contains("1 known issue accepted") && !partly.stdout.contains("BOOTING"), "\(partly.stdout)")
        let both = try write("# accepted once, by name\r\nenum appstream DescribeImageBuilders ImageBuilders[*].State\r\nrequired appstream DeleteFleet Name\r\n", "both.txt")
        let all = try Run.docconform(["validate", "--model", model, records, "--ignore", both, "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains(#""valid":true,"errors":[],"accepted":[{"path":"Name","code":"required""#), "\(all.stdout)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])["summary"] as? [String: Any]
        #expect(summary?["accepted"] as? Int == 2 && summary?["invalid"] as? Int == 0)
    }

    @Test func aBaselineFailsOnlyOnNewIssues() throws {
        let records = try payloads()
        let baseline = URL(fileURLWithPath: try Fixtures.temporaryDirectory()).appendingPathComponent("baseline.json").path
        #expect(try Run.docconform(["validate", "--model", model, records, "--format", "json", "-o", baseline, "--quiet"]).status == 1)
        #expect(try Run.docconform(["validate", "--model", model, records, "--baseline", baseline, "--quiet"]).status == 0)
        // A results file given to --ignore is a baseline too.
        #expect(try Run.docconform(["validate", "--model", model, records, "--ignore", baseline, "--quiet"]).status == 0)
        let more = try write(#"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":""}}"#, "new.json")
        let run = try Run.docconform(["validate", "--model", model, records, more, "--baseline", baseline])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Name: length:") && run.stdout.contains("2 known issues accepted"), "\(run.stdout)")
    }

    @Test func unusableIgnoreFilesAreInputErrors() throws {
        let records = try payloads()
        let short = try write("enum appstream\n", "short.txt")
        let r = try Run.docconform(["validate", "--model", model, records, "--ignore", short])
        #expect(r.status == 2)
        #expect(r.stderr.contains("short.txt:1: error: expected 4 fields (CODE SERVICE OPERATION PATH"), "\(r.stderr)")
        let notResults = try write(#"{"format": "docconform.diff/1", "changes": []}"#, "diff.json")
        #expect(try Run.docconform(["validate", "--model", model, records, "--baseline", notResults]).status == 2)
        #expect(try Run.docconform(["validate", "--model", model, records, "--baseline", "/nonexistent/base.json"]).status == 2)
    }

    @Test func textGroupsTheSameIssueAndStatsCount() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        let line = #"{"service":"appstream","operation":"DescribeImageBuilders","direction":"response","payload":{"ImageBuilders":[{"Name":"b","State":"BOOTING"}]}}"#
        let path = dir.appendingPathComponent("many.jsonl").path
        try Array(repeating: line, count: 500).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Run.docconform(["validate", "--model", model, path, "--stats"])
        #expect(r.status == 1)
        #expect(r.stdout.components(separatedBy: "\"BOOTING\"").count == 2, "\(r.stdout)")
        #expect(r.stdout.contains("    500 records: \(path):1, \(path):2, \(path):3, and 497 more"))
        #expect(r.stderr.contains("by code: enum 500"))
        #expect(r.stderr.contains("  appstream.DescribeImageBuilders: 500 records, 500 invalid, 500 issues"))
        // The validating window's figure, then the run's to the output committed.
        let throughput = #/on \d+ threads?: [\d.]+ MB/s of wall time, plans compiled on first use included; [\d.]+ MB/s of wall time to the results' summary written and the output committed/#
        #expect(r.stderr.contains(throughput), "\(r.stderr)")
    }
}
