import APIModel
import Foundation
import Testing
@testable import DocIngest
import TestSupport

@Suite struct RSTBadInputTests {
    static let pagesRoot = Fixtures.path("boto3-rst/pages")

    func parse(_ path: String, _ bytes: [UInt8]) -> (Model, DiagnosticLog) {
        var log = DiagnosticLog()
        let model = Boto3RSTParser(includeDocumentation: false).parse([SourceDocument(path: path, bytes: bytes)], options: IngestOptions(), log: &log)
        return (model, log)
    }

    @Test func unbalancedBracketsInTheSyntaxAreDiagnosedWithTheLine() throws {
        let path = Fixtures.path("boto3-rst/bad/unbalanced/imagebuilder/client/distribute_image.rst")
        let (model, log) = parse(path, try Fixtures.bytes("boto3-rst/bad/unbalanced/imagebuilder/client/distribute_image.rst"))
        let d = try #require(log.diagnostics.first)
        #expect(log.diagnostics.count == 1)
        #expect(d.file == path)
        #expect(d.line == 33)
        #expect(d.message.contains("unbalanced brackets"))
        let op = try #require(model.services["imagebuilder"]?.operations["DistributeImage"])
        #expect(op.partial)
        // The prose tree still gives the members (without what only the syntax shows).
        #expect(op.input?.members["loggingConfiguration"]?.members["logGroupName"]?.type == .string)
        #expect(op.output?.members["imageBuildVersionArn"] != nil)
    }

    @Test func anUnknownSkeletonLiteralIsDiagnosedWithTheLine() throws {
        let rel = "boto3-rst/bad/unknown-literal/imagebuilder/client/distribute_image.rst"
        let (model, log) = parse(Fixtures.path(rel), try Fixtures.bytes(rel))
        #expect(log.diagnostics.map(\.line) == [32])
        #expect(log.diagnostics.first?.message.contains("unknown literal 'Decimal(...)'") == true)
        #expect(model.services["imagebuilder"]?.operations["DistributeImage"]?.partial == true)
    }

    @Test func binaryGarbageIsReportedAndDoesNotStopTheCorpus() throws {
        var generator = SystemRandomNumberGenerator()
        var documents: [SourceDocument] = []
        for i in 0..<50 {
            let bytes = (0..<Int.random(in: 0..<4000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            documents.append(SourceDocument(path: "garbage/client/page\(i).rst", bytes: bytes))
        }
        let seed = Fixtures.path("boto3-rst/boto3-rst_ec2_describe_image_references.rst")
        documents.append(SourceDocument(path: seed, bytes: try Fixtures.bytes("boto3-rst/boto3-rst_ec2_describe_image_references.rst")))
        var log = DiagnosticLog()
        let model = Boto3RSTParser().parse(documents, options: IngestOptions(), log: &log)
        #expect(model.services["ec2"]?.operations["DescribeImageReferences"]?.partial == false)
        #expect(log.diagnostics.filter { $0.file.hasPrefix("garbage/") }.count >= 45)
        #expect(log.diagnostics.allSatisfy { $0.file.hasPrefix("garbage/") && $0.line != nil })
    }

    /// Cutting a real page at any byte never crashes; the cut is diagnosed (file:line), or
    /// the operation is partial or skipped, or nothing the model states was lost.
    @Test(arguments: ["ec2/client/describe_addresses.rst", "dynamodb/client/get_item.rst", "lambda/client/invoke_with_response_stream.rst",
                      "glacier/client/upload_archive.rst", "appstream/client/describe_image_builders.rst", "s3/client/get_object.rst"])
    func truncatedPagesAreDiagnosedPartialOrUnchanged(page: String) throws {
        let path = Self.pagesRoot + "/" + page
        let bytes = try Fixtures.bytes("boto3-rst/pages/" + page)
        let (full, fullLog) = parse(path, bytes)
        #expect(fullLog.diagnostics.isEmpty)
        let service = try #require(full.services.values.first)
        let whole = try #require(service.operations.values.first)
        let step = max(1, bytes.count / 400)
        var cuts = 0
        for cut in stride(from: 0, to: bytes.count, by: step) {
            cuts += 1
            let (model, log) = parse(path, Array(bytes[0..<cut]))
            #expect(log.diagnostics.allSatisfy { $0.file == path && $0.line != nil })
            guard let op = model.services.values.first?.operations.values.first else { continue } // skipped
            if !log.diagnostics.isEmpty || op.partial { continue }
            var eq = ShapeEquivalence(left: service, right: model.services.values.first!)
            let same = eq.difference(whole.input, op.input) == nil && eq.difference(whole.output, op.output) == nil
            #expect(same, "cut at byte \(cut) silently changed the operation")
        }
        #expect(cuts >= 100)
    }
}
