import APIModel
@testable import DocIngest
import Foundation
import Testing

@Suite struct IngestTests {
    @Test func readsABotocoreDataFolderNewestVersionOnly() throws {
        let result = Ingest.load(paths: [IngestFixtures.path("botocore-1.43.11/data")])
        #expect(result.log.errorCount == 0)
        #expect(Array(result.model.services.keys) == ["appstream", "bedrock-runtime", "dynamodb", "ec2", "imagebuilder", "lambda"])
        #expect(result.log.infoCounts["older botocore API versions skipped"] == 1)
        #expect(result.log.infoCounts["botocore companion files skipped (paginators-1)"] == 1)
        // lambda 2015-03-31, not 2014-11-11
        #expect(result.model.services["lambda"]?.apiVersion == "2015-03-31")
        #expect((result.model.services["ec2"]?.operations.count ?? 0) > 700)
    }

    @Test func badFilesAreReportedAndTheRestStillImports() throws {
        let result = Ingest.load(paths: [IngestFixtures.path("bad-botocore")])
        #expect(Set(result.model.services.keys) == ["good", "unknown-type", "dangling-ref"])
        let failing = Set(result.log.diagnostics.filter { $0.severity == .error }.map { URL(fileURLWithPath: $0.file).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent })
        #expect(failing == ["truncated", "notjson", "unknown-type", "dangling-ref"])
    }

    @Test func missingPathsAndUnreadableFilesAreDiagnosed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-unreadable-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A dangling link cannot be read, whoever runs the test (root ignores permission bits).
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("service-2.json").path, withDestinationPath: "/nonexistent/target")
        let result = Ingest.load(paths: [dir.path, "/no/such/path"])
        #expect(result.log.errorCount == 2)
        #expect(result.log.diagnostics.contains { $0.file.hasSuffix("service-2.json") })
        #expect(result.log.diagnostics.contains { $0.file == "/no/such/path" })
        #expect(!result.anyInputUsable)
    }

    @Test(arguments: [
        ("x/ec2/2016-11-15/service-2.json.gz", FormatDetector.Verdict.format(.botocoreJSON)),
        ("x/ec2/2016-11-15/paginators-1.json", .companion("paginators-1")),
        ("x/endpoints.json", .companion("endpoints")),
        ("x/ec2/client/describe_images.rst", .format(.boto3RST)),
    ])
    func detectsFormatsByName(path: String, verdict: FormatDetector.Verdict) {
        #expect(FormatDetector.detect(path: path, head: []) == verdict)
    }

    @Test func detectsTextFormatsByContent() throws {
        let seeds = IngestFixtures.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        let cases: [(String, DocumentFormat)] = [
            ("changelog-text_appstream_2017-04-21.txt", .changelogText),
            ("changelog-text_ec2_2018-02-12.txt", .changelogText),
            ("boto3-html-text_appstream_describe_image_builders.txt", .boto3HTMLText),
            ("aws-reference-text_imagebuilder_DistributeImage.txt", .awsReferenceText),
        ]
        for (file, format) in cases {
            let url = seeds.appendingPathComponent(file)
            guard let bytes = try? [UInt8](Data(contentsOf: url)) else { continue } // ../shared is beside the clone in CI
            #expect(FormatDetector.detect(path: url.path, head: bytes) == .format(format), "\(file)")
        }
    }
}
