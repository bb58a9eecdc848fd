import Foundation
import Testing

/// `docconform parse` on reference pages, end to end: exit codes and diagnostics on stderr.
@Suite struct ReferenceParseCLITests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let seed = root + "/docs-corpus/fixtures/aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt"
    static let sdk = root + "/docs-corpus/fixtures/botocore-1.43.11/data/imagebuilder"

    /// Runs the built binary; nil when it has not been built (`swift build` first).
    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String)? {
        let binary = Self.root + "/.build/debug/docconform"
        guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func contradictionsAreWarningsUnlessStrict() throws {
        guard let plain = try run(["parse", Self.seed, Self.sdk, "--service", "imagebuilder", "--quiet"]) else { return }
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("warning: imagebuilder.DistributeImage input clientToken: max differs"))
        let strict = try #require(try run(["parse", Self.seed, Self.sdk, "--service", "imagebuilder", "--quiet", "--strict"]))
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: imagebuilder.DistributeImage input clientToken: max differs"))
    }

    @Test func badPagesReportFileAndLine() throws {
        guard let bad = try run(["parse", Self.root + "/docs-corpus/fixtures/aws-reference/bad", "--quiet"]) else { return }
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("API_Broken.html:9: error: unreadable number"))
        let missing = try #require(try run(["parse", Self.root + "/docs-corpus/fixtures/aws-reference/no-such-folder", "--quiet"]))
        #expect(missing.status == 2)
    }
}

/// The drift report: `docconform diff SDK PAGES --as-seen-by aws-reference`.
@Suite struct ReferenceDriftCLITests {
    @Test func seedDriftsFromBotocore1_43_11InExactlyTheKnownFacts() throws {
        let cli = ReferenceParseCLITests()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("reference-drift-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard let run = try cli.run(["diff", ReferenceParseCLITests.sdk, ReferenceParseCLITests.root + "/docs-corpus/fixtures/aws-reference/text",
                                     "--as-seen-by", "aws-reference", "--service", "imagebuilder", "--format", "json", "-o", out, "--quiet"]) else { return }
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
        let cli = ReferenceParseCLITests()
        let fixtures = ReferenceParseCLITests.root + "/docs-corpus/fixtures/"
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("reference-nodrift-\(service)-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard try cli.run(["diff", fixtures + truth, fixtures + "aws-reference/generated/\(service)-\(style)", "--as-seen-by", "aws-reference",
                           "--service", service, "--format", "json", "-o", out, "--quiet"]) != nil else { return }
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let changes = document?["changes"] as? [[String: Any]] ?? []
        #expect(!changes.isEmpty)
        let drift = changes.filter { $0["kind"] as? String != "operation-removed" }
        #expect(drift.isEmpty, "\(drift.prefix(3))")
    }

    /// Real Lex V1 runtime pages against the release they describe: the pages name the service by
    /// its uid (`runtime.lex`), paired with botocore's `lex-runtime` by its metadata, no --service.
    @Test func realPagesPairWithTheSDKServiceByItsIdentity() throws {
        let fixtures = ReferenceParseCLITests.root + "/docs-corpus/fixtures/aws-reference/"
        guard let run = try ReferenceParseCLITests().run(["diff", fixtures + "botocore-1.21.24/lex-runtime", fixtures + "markdown/lex-runtime",
                                                          "--as-seen-by", "aws-reference"]) else { return }
        #expect(run.status == 0)
        #expect(run.stderr.contains("docconform: 0 changes"))
    }

    /// Warnings about data-type pages (facts not read) do not stop `diff`; a page cut short does.
    @Test func unreadFactsAreComparedCutPagesAreNot() throws {
        let fixtures = ReferenceParseCLITests.root + "/docs-corpus/fixtures/aws-reference/"
        let cli = ReferenceParseCLITests()
        guard let unread = try cli.run(["diff", fixtures + "styles/unknown-style", fixtures + "styles/unknown-style"]) else { return }
        #expect(unread.status == 0)
        #expect(unread.stderr.contains("API_Gadget.md:7: warning:"))
        let cut = try #require(try cli.run(["diff", fixtures + "truncated/md-full", fixtures + "truncated/md-cut", "--service", "iam"]))
        #expect(cut.status == 2)
        #expect(cut.stderr.contains("end early"))
    }
}

