import Foundation
import Testing
import TestSupport

/// `report` on what it could not fully read or write: it says so, and never leaves files
/// that look like a complete run's.
@Suite("An incomplete report says so")
struct ReportIncompleteTests {
    @Test("a corrupted snapshot: the page and changes.md open with it, no model.json, exit 2")
    func corruptedCorpus() throws {
        let corpus = try Fixtures.miniCorpusCopy()
        let page = corpus + "/snapshots/2026-05/boto3-rst/ec2/client/describe_addresses.rst"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: page))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: page))  // cut mid-page
        let output = try Fixtures.temporaryDirectory() + "/out"
        // A model.json from an earlier, complete run must not stay behind as this run's.
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: output + "/model.json"))
        let run = try Run.docconform(["report", "--corpus", corpus, "-o", output])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("the report is incomplete"))
        let html = try Fixtures.text(atPath: output + "/index.html")
        #expect(html.contains("id=\"incomplete\""))
        #expect(html.contains("This report is incomplete"))
        #expect(try Fixtures.text(atPath: output + "/changes.md").contains("**This report is incomplete:**"))
        #expect(!FileManager.default.fileExists(atPath: output + "/model.json"))
    }

    @Test("a complete corpus: no such notice")
    func completeCorpus() throws {
        let output = try Fixtures.temporaryDirectory() + "/out"
        let run = try Run.docconform(["report", "--corpus", Fixtures.miniCorpus, "-o", output, "--quiet"])
        #expect(run.status == 1)
        #expect(!(try Fixtures.text(atPath: output + "/index.html")).contains("id=\"incomplete\""))
        #expect(FileManager.default.fileExists(atPath: output + "/model.json"))
    }

    @Test("an output folder that cannot be made: no arrow to a page that does not exist")
    func uncreatableFolder() throws {
        let blocker = try Fixtures.temporaryDirectory() + "/file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let run = try Run.docconform(["report", "--corpus", Fixtures.miniCorpus, "-o", blocker + "/reports"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot create the output folder"))
        #expect(!run.stderr.contains("-> "))
        #expect(run.stderr.contains("not written"))
    }
}
