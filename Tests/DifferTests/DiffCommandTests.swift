import Foundation
import Testing
import TestSupport

/// `docconform diff` end to end: exit codes, bad input, output files. Runs the executable
/// `swift test` builds beside the tests.
@Suite struct DiffCommandTests {
    let ec2Old = Fixtures.differ + "/botocore-1.8.40/data"
    let ec2New = Fixtures.differ + "/botocore-1.8.41/data"

    func temporaryPath(_ name: String) throws -> String {
        try Fixtures.temporaryDirectory() + "/" + name
    }

    @Test func failOnLevels() throws {
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--quiet"]).status == 0)
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--quiet", "--fail-on", "breaking"]).status == 0)
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--quiet", "--fail-on", "dangerous"]).status == 1)
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--quiet", "--fail-on", "any"]).status == 1)
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--quiet", "--fail-on", "info"]).status == 1) // another name for any
        let accepted = try Run.docconform(["diff", ec2Old, ec2New, "--quiet", "--fail-on", "any", "--format", "json",
                                "--ignore", Fixtures.differ + "/ignore-seed-ec2.txt"])
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("\"changes\": []"))
        // The same rule with CRLF line ends accepts the same; a two-field line is an error at its line.
        let crlf = try Run.docconform(["diff", ec2Old, ec2New, "--quiet", "--fail-on", "any", "--ignore", Fixtures.differ + "/ignore-widening/seed-crlf.txt"])
        #expect(crlf.status == 0, "\(crlf.stderr)")
        let short = try Run.docconform(["diff", ec2Old, ec2New, "--fail-on", "any", "--ignore", Fixtures.differ + "/ignore-widening/too-few-fields.txt"])
        #expect(short.status == 2)
        #expect(short.stderr.contains("too-few-fields.txt:1: error: expected 4 fields"), "\(short.stderr)")
    }

    @Test func jsonToFileIsComplete() throws {
        let out = try temporaryPath("out.json")
        let r = try Run.docconform(["diff", ec2Old, ec2New, "--format", "json", "-o", out, "--quiet"])
        #expect(r.status == 0 && r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("\"kind\": \"enum-value-added\""))
        #expect(text.components(separatedBy: "\"associated\"").count == 5)
    }

    @Test func asSeenByTheSameModelGivesNothing() throws {
        for view in ["boto3-rst", "boto3+aws-reference"] {
            let r = try Run.docconform(["diff", ec2New, ec2New, "--as-seen-by", view, "--format", "json", "--quiet"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("\"changes\": []"))
        }
    }

    @Test func aMergedViewSeesWhatEitherViewStates() throws {
        // boto3 pages state no constraints and the reference pages no streaming flags; their
        // merged view states both, so it reports at least as much as either alone.
        func count(_ view: String) throws -> Int {
            let r = try Run.docconform(["diff", ec2Old, ec2New, "--as-seen-by", view, "--format", "json", "--quiet"])
            #expect(r.status == 0)
            return r.stdout.components(separatedBy: "\"kind\":").count - 1
        }
        let (boto3, reference, merged) = (try count("boto3"), try count("aws-reference"), try count("boto3+aws-reference"))
        #expect(merged > 0 && merged >= boto3 && merged >= reference)
        #expect(merged <= (try count("full")))
    }

    @Test func wrongModelFormatVersion() throws {
        let out = try temporaryPath("stale.json")
        try Data("stale output of an earlier run".utf8).write(to: URL(fileURLWithPath: out))
        let r = try Run.docconform(["diff", Fixtures.differ + "/bad/model-format-9.json", ec2New, "--format", "json", "-o", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unsupported format \"docconform.model/9\""))
        #expect(!r.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: out)) // nothing left that looks like this run's result
    }

    @Test func unreadablePath() throws {
        let out = try temporaryPath("none.json")
        let r = try Run.docconform(["diff", "/nonexistent/old-snapshot", ec2New, "-o", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/old-snapshot: error:"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func snapshotWithAParseError() throws {
        let out = try temporaryPath("broken.json")
        let r = try Run.docconform(["diff", Fixtures.differ + "/botocore-1.5.42/data", Fixtures.differ + "/bad/broken-snapshot/data",
                         "--format", "json", "-o", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("service-2.json:"))
        #expect(r.stderr.contains("not comparing a partial snapshot"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func badOptionValues() throws {
        let format = try Run.docconform(["diff", ec2Old, ec2New, "--format", "yaml"])
        #expect(format.status == 2 && format.stdout.isEmpty)
        #expect(format.stderr.contains("'yaml' is invalid for '--format <format>'") && format.stderr.contains("'markdown' or 'changelog'"))
        let failOn = try Run.docconform(["diff", ec2Old, ec2New, "--fail-on", "sometimes"])
        #expect(failOn.status == 2)
        #expect(failOn.stderr.contains("'sometimes' is invalid for '--fail-on <fail-on>'") && failOn.stderr.contains("'dangerous' or 'any'"))
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--as-seen-by", "nobody"]).status == 2)
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--as-seen-by", "boto3+nobody"]).status == 2)
        #expect(try Run.docconform(["diff", ec2Old, ec2New, "--ignore", "/nonexistent/ignore.txt"]).status == 2)
    }
}
