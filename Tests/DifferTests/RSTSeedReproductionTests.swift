import Foundation
import Testing
import TestSupport

/// The seed changelog dicts again, this time from boto3 RST pages generated for the same
/// releases (fixtures/differ/boto3-rst-<version>/, only the operations involved), through
/// `docconform diff`, so the pages go through the regular ingest pipeline.
@Suite struct RSTSeedReproductionTests {
    @Test func appstreamFromRSTPages() throws {
        try expectSeed(old: "boto3-rst-1.5.42", new: "boto3-rst-1.5.43", seed: "differ/seeds/changelog-text_appstream_2017-04-21.txt")
    }

    @Test func ec2FromRSTPages() throws {
        try expectSeed(old: "boto3-rst-1.8.40", new: "boto3-rst-1.8.41", seed: "differ/seeds/changelog-text_ec2_2018-02-12.txt")
    }

    /// The pages state what botocore's model states, as far as boto3 pages can state it.
    @Test(arguments: [("botocore-1.5.43", "boto3-rst-1.5.43"), ("botocore-1.8.41", "boto3-rst-1.8.41")])
    func pagesAgreeWithTheirModel(model: String, pages: String) throws {
        let r = try Run.docconform(["diff", "--as-seen-by", "boto3-rst", Fixtures.differ + "/\(model)/data", Fixtures.differ + "/\(pages)",
                             "--ignore", Fixtures.differ + "/ignore-operations-not-in-pages.txt", "--fail-on", "any", "--format", "json"])
        #expect(r.status == 0, "\(r.stdout.prefix(3000))\n\(r.stderr.prefix(2000))")
        #expect(r.stdout.contains("\"changes\": []"))
    }

    /// A page that is not a method page, or one cut off mid-line: status 2, no output file.
    @Test(arguments: ["bad/rst-not-a-page", "bad/rst-truncated"])
    func snapshotWithAnUnreadablePage(folder: String) throws {
        let out = try Fixtures.temporaryDirectory() + "/rst.json"
        let r = try Run.docconform(["diff", Fixtures.differ + "/boto3-rst-1.5.42", Fixtures.differ + "/" + folder, "--format", "json", "-o", out])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("not comparing a partial snapshot"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    private func expectSeed(old: String, new: String, seed: String) throws {
        let r = try Run.docconform(["diff", Fixtures.differ + "/" + old, Fixtures.differ + "/" + new, "--format", "changelog", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let produced = try PythonLiteralValue.dictLines(r.stdout)
        let expected = try PythonLiteralValue.dictLines(try Fixtures.text(seed))
        #expect(!expected.isEmpty)
        #expect(produced.sorted(by: { "\($0)" < "\($1)" }) == expected.sorted(by: { "\($0)" < "\($1)" }), "\(r.stdout)")
    }
}
