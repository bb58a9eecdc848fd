import APIModel
@testable import DocIngest
import Foundation
import Testing
import TestSupport

@Suite struct IngestTests {
    @Test func readsABotocoreDataFolderNewestVersionOnly() throws {
        let result = Ingest.load(paths: [Fixtures.path("botocore-1.43.11/data")])
        #expect(result.log.errorCount == 0)
        #expect(Array(result.model.services.keys) == ["appstream", "bedrock-runtime", "dynamodb", "ec2", "imagebuilder", "lambda"])
        #expect(result.log.infoCounts["older botocore API versions skipped"] == 1)
        #expect(result.log.infoCounts["botocore companion files skipped (paginators-1)"] == 1)
        // lambda 2015-03-31, not 2014-11-11
        #expect(result.model.services["lambda"]?.apiVersion == "2015-03-31")
        #expect((result.model.services["ec2"]?.operations.count ?? 0) > 700)
    }

    @Test func badFilesAreReportedAndTheRestStillImports() throws {
        let result = Ingest.load(paths: [Fixtures.path("bad-botocore")])
        #expect(Set(result.model.services.keys) == ["good", "unknown-type", "dangling-ref"])
        let failing = Set(result.log.diagnostics.filter { $0.severity == .error }.map { URL(fileURLWithPath: $0.file).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent })
        #expect(failing == ["truncated", "notjson", "unknown-type", "dangling-ref"])
    }

    @Test func missingPathsAndUnreadableFilesAreDiagnosed() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
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

    /// The project's seed pages (`../shared/seeds`, committed byte for byte as these fixtures).
    @Test(arguments: [
        ("changelog/seeds/changelog-text_appstream_2017-04-21.txt", DocumentFormat.changelogText),
        ("changelog/seeds/changelog-text_ec2_2018-02-12.txt", .changelogText),
        ("boto3-html/text/seed_appstream_describe_image_builders.txt", .boto3HTMLText),
        ("aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt", .awsReferenceText),
    ])
    func detectsTextFormatsByContent(file: String, format: DocumentFormat) throws {
        #expect(FormatDetector.detect(path: "page.txt", head: try Fixtures.bytes(file)) == .format(format))
    }
}
