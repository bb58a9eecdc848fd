import Testing
import TestSupport

/// The files `docconform report` writes beside its page, for the mini corpus, byte for byte
/// against `docs-corpus/fixtures/golden/report/` (the page itself states its run time, so it
/// is checked by the other report tests instead).
@Suite struct ReportGoldenTests {
    @Test func machineReadableOutputs() throws {
        let output = try Fixtures.temporaryDirectory()
        let run = try Run.docconform(["report", "--corpus", "docs-corpus/fixtures/reports/mini-corpus", "-o", output, "--quiet"],
                                     in: Fixtures.repositoryRoot)
        #expect(run.status == 1, "the mini corpus holds invalid payloads: \(run.stderr)")
        for name in ["junit.xml", "results.sarif", "changes.md", "model.json"] {
            Golden.expect(try Fixtures.bytes(atPath: output + "/" + name), matches: "report/mini-corpus/\(name)")
        }
        try expectValidOutputs(output)
    }
}
