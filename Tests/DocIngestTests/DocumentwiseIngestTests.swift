import APIModel
@testable import DocIngest
import Testing
import TestSupport

/// `Ingest` parses a boto3 page in the task that read it and assembles the readings beside
/// the reading of later files; the model and diagnostics must be exactly those of the
/// format's parser given every document at once.
@Suite struct DocumentwiseIngestTests {
    /// Every RST page of the fixtures: real pages of several services, damaged pages, pages of
    /// boto3 eras (whole service pages), and an operation documented by two pages (the bad
    /// copies of imagebuilder's DistributeImage), which is warned about and the first kept.
    static let roots = ["boto3-rst/pages", "boto3-rst/bad", "boto3-rst/eras", "boto3-rst/boto3-rst_ec2_describe_image_references.rst"]

    @Test(arguments: [true, false]) func ingestMatchesTheParserGivenEveryPageAtOnce(documentation: Bool) throws {
        let files = CorpusWalker.list(Self.roots.map(Fixtures.path)).files.filter { $0.hasSuffix(".rst") }
        #expect(files.count > 30)
        let options = IngestOptions(includeDocumentation: documentation)

        let ingested = Ingest.load(paths: files, options: options)

        var log = DiagnosticLog()
        let documents = try files.map { SourceDocument(path: $0, bytes: try FileReading.bytes(atPath: $0)) }
        var expected = Boto3RSTParser().parse(documents, options: options, log: &log)
        ShapeNesting.enforce(&expected, log: &log)
        expected.sortByName()

        let writer = ModelWriter(includeDocumentation: documentation, pretty: false)
        #expect(writer.bytes(of: ingested.model) == writer.bytes(of: expected))
        #expect(ingested.log.diagnostics.map(\.description) == log.diagnostics.map(\.description))
        #expect(ingested.log.infoCounts == log.infoCounts)
        #expect(log.diagnostics.contains { $0.message.contains("also documented in") })
        #expect(ingested.filesByFormat[.boto3RST] == files.count)
    }
}
