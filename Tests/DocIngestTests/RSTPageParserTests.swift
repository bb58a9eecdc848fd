import APIModel
import Foundation
import Testing
@testable import DocIngest
import TestSupport

@Suite struct RSTPageParserTests {
    static let pagesRoot = Fixtures.path("boto3-rst/pages")
    static let seed = "boto3-rst/boto3-rst_ec2_describe_image_references.rst"

    func parse(_ paths: [String]) -> Ingest.Result { Ingest.load(paths: paths) }

    func botocore(_ services: [String]) -> Model {
        Ingest.load(paths: services.map { Fixtures.path("botocore-1.43.11/data/" + $0) }).model
    }

    /// The reference model restricted to the operations `pages` has.
    func restricted(_ reference: Model, to pages: Model) -> Model {
        var r = reference
        for key in r.services.keys {
            guard let ops = pages.services[key]?.operations else { r.services[key] = nil; continue }
            r.services[key]!.operations = r.services[key]!.operations.filter { ops[$0.key] != nil }
        }
        return r
    }

    @Test func seedPageParsesWithoutDiagnosticsAndEqualsBotocore() throws {
        let result = parse([Fixtures.path(Self.seed)])
        #expect(result.log.diagnostics.isEmpty)
        let op = try #require(result.model.services["ec2"]?.operations["DescribeImageReferences"])
        #expect(op.method == "describe_image_references")
        #expect(!op.partial)
        #expect(op.input?.required == ["ImageIds"])
        #expect(op.input?.members["ResourceTypes"]?.member?.members["ResourceType"]?.enumValues?.first == "ec2:Instance")
        #expect(op.documentation?.hasPrefix("Describes your Amazon Web Services resources") == true)
        // Members keep their descriptions: the text under `:param:` and under each bullet.
        #expect(op.input?.members["ImageIds"]?.documentation == "The IDs of the images to check for resource references.")
        #expect(op.output?.members["NextToken"]?.documentation?.hasPrefix("The token to include in another request to get the next page of items.") == true)
        let report = RSTFidelity.compare(pages: result.model, reference: restricted(botocore(["ec2"]), to: result.model))
        #expect(report.complete == 1)
        #expect(report.matched == 1)
        #expect(report.mismatches.isEmpty)
    }

    @Test func fixturePagesMatchTheirBotocoreModels() {
        let services = ["appstream", "bedrock-runtime", "dynamodb", "ec2", "imagebuilder", "lambda"]
        let result = parse(services.map { Self.pagesRoot + "/" + $0 })
        #expect(result.log.warningCount == 0)
        #expect(result.log.errorCount == 0)
        let report = RSTFidelity.compare(pages: result.model, reference: restricted(botocore(services), to: result.model))
        for m in report.mismatches { Issue.record("\(m.service).\(m.operation): \(m.detail)") }
        #expect(report.complete >= 15)
        #expect(report.matched == report.complete)
        #expect(report.notInReference.isEmpty)
    }

    @Test func streamsDocumentsUnionsAndRecursion() throws {
        let model = parse([Self.pagesRoot]).model
        let getObject = try #require(model.services["s3"]?.operations["GetObject"])
        #expect(getObject.output?.members["Body"]?.streaming == true)
        #expect(getObject.output?.members["Body"]?.type == .blob)
        let putObject = try #require(model.services["s3"]?.operations["PutObject"])
        #expect(putObject.input?.members["Body"]?.streaming == true)
        let stream = try #require(model.services["lambda"]?.operations["InvokeWithResponseStream"]?.output?.members["EventStream"])
        #expect(stream.eventstream)
        #expect(stream.members["PayloadChunk"]?.members["Payload"]?.type == .blob)
        let converse = try #require(model.services["bedrock-runtime"]?.operations["Converse"]?.input)
        let content = try #require(converse.members["messages"]?.member?.members["content"]?.member)
        #expect(content.type == .union)
        #expect(converse.members["additionalModelRequestFields"]?.type == .document)
        let getItem = try #require(model.services["dynamodb"]?.operations["GetItem"]?.output?.members["Item"]?.value)
        #expect(getItem.type == .structure)
        let ref = try #require(getItem.members["M"]?.value?.ref)
        #expect(model.services["dynamodb"]?.shapes[ref]?.members["M"] != nil)
        let acl = try #require(model.services["s3"]?.operations["PutBucketAcl"]?.input)
        #expect(acl.members["ContentMD5"] == nil)
        #expect(model.services["ec2"]?.operations["DescribeAddresses"]?.input?.members["Filters"] != nil)
        // Auto-populated: documented without [REQUIRED] and absent from the syntax.
        let archive = try #require(model.services["glacier"]?.operations["UploadArchive"]?.input)
        #expect(archive.members["accountId"] != nil)
        #expect(!archive.required.contains("accountId"))
    }

    @Test func nonOperationPagesAreCountedNotReported() {
        let result = parse([Self.pagesRoot + "/s3", Self.pagesRoot + "/ec2/client/can_paginate.rst", Self.pagesRoot + "/lambda/client/get_waiter.rst"])
        #expect(result.log.diagnostics.isEmpty)
        #expect(result.log.infoCounts[Boto3RSTParser.skippedCategory] == 4)
        #expect(result.model.services["s3"]?.operations["UploadFile"] == nil)
    }

    @Test func tooLargeSectionsMarkTheOperationPartial() throws {
        let result = parse([Self.pagesRoot + "/ec2/client/describe_network_insights_analyses.rst",
                            Self.pagesRoot + "/lexv2-models/client/create_intent.rst"])
        #expect(result.log.diagnostics.isEmpty)
        let analyses = try #require(result.model.services["ec2"]?.operations["DescribeNetworkInsightsAnalyses"])
        #expect(analyses.partial)
        // The response syntax survived; its tree is kept.
        #expect(analyses.output?.members["NetworkInsightsAnalyses"]?.type == .list)
        #expect(analyses.input?.members["Filters"] != nil)
        let intent = try #require(result.model.services["lexv2-models"]?.operations["CreateIntent"])
        #expect(intent.partial)
        #expect(intent.input == nil && intent.output == nil)
        #expect(intent.errors.contains { $0.name == "ValidationException" })
    }
}
