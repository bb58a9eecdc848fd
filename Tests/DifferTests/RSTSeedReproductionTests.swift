import Foundation
import Testing

/// The seed changelog dicts again, this time from boto3 RST pages generated for the same
/// releases (fixtures/differ/boto3-rst-<version>/, only the operations involved), through
/// `docconform diff`, so the pages go through the regular ingest pipeline. Needs the boto3
/// RST parser (branch `rst`); without it registered these tests are reported as disabled.
@Suite(.enabled(if: RSTParserProbe.available, "no boto3-rst parser registered in this build"))
struct RSTSeedReproductionTests {
    let cli = DiffCommandTests()

    @Test func appstreamFromRSTPages() throws {
        try expectSeed(old: "boto3-rst-1.5.42", new: "boto3-rst-1.5.43", seed: "seeds/changelog-text_appstream_2017-04-21.txt")
    }

    @Test func ec2FromRSTPages() throws {
        try expectSeed(old: "boto3-rst-1.8.40", new: "boto3-rst-1.8.41", seed: "seeds/changelog-text_ec2_2018-02-12.txt")
    }

    /// The pages state what botocore's model states, as far as boto3 pages can state it.
    @Test(arguments: [("botocore-1.5.43", "boto3-rst-1.5.43"), ("botocore-1.8.41", "boto3-rst-1.8.41")])
    func pagesAgreeWithTheirModel(model: String, pages: String) throws {
        let r = try cli.run(["diff", "--as-seen-by", "boto3-rst", Fixtures.differ + "/\(model)/data", Fixtures.differ + "/\(pages)",
                             "--ignore", Fixtures.differ + "/ignore-operations-not-in-pages.txt", "--fail-on", "any", "--format", "json"])
        #expect(r.status == 0, "\(r.stdout.prefix(3000))\n\(r.stderr.prefix(2000))")
        #expect(r.stdout.contains("\"changes\": []"))
    }

    /// A page that is not a method page, or one cut off mid-line: status 2, no output file.
    @Test(arguments: ["bad/rst-not-a-page", "bad/rst-truncated"])
    func snapshotWithAnUnreadablePage(folder: String) throws {
        let out = cli.temporaryPath("rst.json")
        let r = try cli.run(["diff", Fixtures.differ + "/boto3-rst-1.5.42", Fixtures.differ + "/" + folder, "--format", "json", "-o", out])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("not comparing a partial snapshot"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    private func expectSeed(old: String, new: String, seed: String) throws {
        let r = try cli.run(["diff", Fixtures.differ + "/" + old, Fixtures.differ + "/" + new, "--format", "changelog", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let produced = try dictLines(r.stdout)
        let expected = try dictLines(try Fixtures.text(seed))
        #expect(!expected.isEmpty)
        #expect(produced.sorted(by: { "\($0)" < "\($1)" }) == expected.sorted(by: { "\($0)" < "\($1)" }), "\(r.stdout)")
    }

    private func dictLines(_ text: String) throws -> [PythonLiteralValue] {
        try text.split(separator: "\n").filter { $0.hasPrefix("{") }.map { try PythonLiteralValue.parse(String($0)) }
    }
}

/// Whether the built `docconform` reads boto3 RST pages (asks it to parse one fixture folder).
enum RSTParserProbe {
    static let available: Bool = {
        guard let r = try? DiffCommandTests().run(["parse", Fixtures.differ + "/boto3-rst-1.5.43", "--quiet"]) else { return false }
        return r.status == 0 && !r.stderr.contains("no parser for boto3-rst")
    }()
}
