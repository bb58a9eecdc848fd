import Testing
import TestSupport

/// `docconform validate`'s four result renderers (text, docconform.results/1 JSON, JUnit, SARIF)
/// on committed payloads against appstream's botocore 1.43.11 model, byte for byte against
/// `docs-corpus/fixtures/golden/results/`; run from the repository root so the paths in the
/// output are the relative ones given.
@Suite struct ValidateGoldenTests {
    static let payloads = ["appstream.DescribeImageBuilders_1.json", "appstream.DescribeImageBuilders_2.json", "paths.jsonl", "bad-input.jsonl"]
        .map { "docs-corpus/fixtures/payloads/" + $0 }

    @Test(arguments: [("text", "text.txt"), ("json", "json.json"), ("junit", "junit.xml"), ("sarif", "sarif.sarif")])
    func format(_ format: String, _ golden: String) throws {
        let out = try Fixtures.temporaryDirectory() + "/" + golden
        let run = try Run.docconform(["validate", "--model", "docs-corpus/fixtures/botocore-1.43.11/data/appstream"] + Self.payloads
                                     + ["--format", format, "-o", out, "--quiet"], in: Fixtures.repositoryRoot)
        #expect(run.status == 1, "some payloads are invalid by design: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let bytes = try Fixtures.bytes(atPath: out)
        Golden.expect(bytes, matches: "results/\(golden)")
        switch format {
        case "junit":
            // Test cases carry GitLab's `file` and `line` attributes, which junit-10.xsd does not
            // define (the report's junit.xml leaves them out); nothing else may break the schema.
            let problems = try ReportSchemas.junit.get().problems(in: bytes)
            #expect(!problems.isEmpty)
            #expect(problems.allSatisfy { $0.contains("Element 'testcase', attribute 'file'") || $0.contains("Element 'testcase', attribute 'line'") },
                    "\(problems.prefix(5))")
        case "sarif":
            #expect(try ReportSchemas.sarif.get().problems(in: bytes) == [])
        default:
            break
        }
    }
}
