import Foundation
import Testing
import TestSupport

/// `docconform parse` on reference pages, end to end: exit codes and diagnostics on stderr.
@Suite struct ReferenceParseCLITests {
    static let seed = Fixtures.path("aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt")
    static let sdk = Fixtures.path("botocore-1.43.11/data/imagebuilder")

    @Test func contradictionsAreWarningsUnlessStrict() throws {
        let plain = try Run.docconform(["parse", Self.seed, Self.sdk, "--service", "imagebuilder", "--quiet"])
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("warning: imagebuilder.DistributeImage input clientToken: max differs"))
        let strict = try Run.docconform(["parse", Self.seed, Self.sdk, "--service", "imagebuilder", "--quiet", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: imagebuilder.DistributeImage input clientToken: max differs"))
    }

    @Test func badPagesReportFileAndLine() throws {
        let bad = try Run.docconform(["parse", Fixtures.path("aws-reference/bad"), "--quiet"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("API_Broken.html:9: error: unreadable number"))
        let missing = try Run.docconform(["parse", Fixtures.path("aws-reference/no-such-folder"), "--quiet"])
        #expect(missing.status == 2)
    }
}

/// The drift report: `docconform diff SDK PAGES --as-seen-by aws-reference`.
@Suite struct ReferenceDriftCLITests {
    @Test func seedDriftsFromBotocore1_43_11InExactlyTheKnownFacts() throws {
        let out = try Fixtures.temporaryDirectory() + "/drift.json"
        let run = try Run.docconform(["diff", ReferenceParseCLITests.sdk, Fixtures.path("aws-reference/text"),
                                      "--as-seen-by", "aws-reference", "--service", "imagebuilder", "--format", "json", "-o", out, "--quiet"])
        #expect(run.status == 0 || run.status == 1)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let changes = (document?["changes"] as? [[String: Any]] ?? []).filter { $0["operation"] as? String == "DistributeImage" }
        let seen = Set(changes.map { "\($0["direction"]!) \($0["path"]!) \($0["constraint"] ?? $0["kind"]!)" })
        // The facts the page states differently from the 1.43.11 model ...
        let drift: Set<String> = ["input clientToken max", "output clientToken max", "input tags{key} pattern"]
        // ... and the constraints of a type whose page is not in the seed set (its members come
        // from the syntax block, which states no constraints).
        let missingTypePage: Set<String> = ["input loggingConfiguration.logGroupName min", "input loggingConfiguration.logGroupName max",
                                            "input loggingConfiguration.logGroupName pattern"]
        #expect(seen == drift.union(missingTypePage))
        #expect(changes.allSatisfy { $0["kind"] as? String == "constraint-changed" })
        let pattern = changes.first { $0["path"] as? String == "tags{key}" }
        #expect(pattern?["to"] as? String == "^(?!aws:)[a-zA-Z+-=._:/]+$")
    }

    /// Pages rendered from the same release: the drift report lists nothing but the
    /// operations the page set leaves out.
    @Test(arguments: [("lambda", "botocore-1.43.11/data/lambda/2015-03-31", "html"),
                      ("dynamodb", "botocore-1.43.11/data/dynamodb", "markdown"),
                      ("route53", "aws-reference/botocore-1.43.11/route53", "text")])
    func pagesOfTheSameReleaseDoNotDrift(_ service: String, _ truth: String, _ style: String) throws {
        let out = try Fixtures.temporaryDirectory() + "/drift.json"
        let run = try Run.docconform(["diff", Fixtures.path(truth), Fixtures.path("aws-reference/generated/\(service)-\(style)"), "--as-seen-by", "aws-reference",
                                      "--service", service, "--format", "json", "-o", out, "--quiet"])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let changes = document?["changes"] as? [[String: Any]] ?? []
        #expect(!changes.isEmpty)
        let drift = changes.filter { $0["kind"] as? String != "operation-removed" }
        #expect(drift.isEmpty, "\(drift.prefix(3))")
    }

    /// Real Lex V1 runtime pages against the release they describe: the pages name the service by
    /// its uid (`runtime.lex`), paired with botocore's `lex-runtime` by its metadata, no --service.
    @Test func realPagesPairWithTheSDKServiceByItsIdentity() throws {
        let fixtures = Fixtures.path("aws-reference/")
        let run = try Run.docconform(["diff", fixtures + "botocore-1.21.24/lex-runtime", fixtures + "markdown/lex-runtime",
                                      "--as-seen-by", "aws-reference"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("docconform: 0 changes"))
    }

    /// Warnings about data-type pages (facts not read) do not stop `diff`; a page cut short does.
    @Test func unreadFactsAreComparedCutPagesAreNot() throws {
        let fixtures = Fixtures.path("aws-reference/")
        let unread = try Run.docconform(["diff", fixtures + "styles/unknown-style", fixtures + "styles/unknown-style"])
        #expect(unread.status == 0)
        #expect(unread.stderr.contains("API_Gadget.md:7: warning:"))
        let cut = try Run.docconform(["diff", fixtures + "truncated/md-full", fixtures + "truncated/md-cut", "--service", "iam"])
        #expect(cut.status == 2)
        #expect(cut.stderr.contains("end early"))
    }
}

