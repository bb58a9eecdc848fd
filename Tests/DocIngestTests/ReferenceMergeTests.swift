@testable import APIModel
import Testing
@testable import DocIngest

/// Reference pages merged with other sources: facts united, members matched across naming
/// schemes, contradictions named with both sources (errors under `--strict`).
@Suite struct ReferenceMergeTests {
    static let seed = "aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt"
    static let sdk = "botocore-1.43.11/data/imagebuilder"

    @Test func seedAgainstBotocoreContradictsInExactlyTheFactsThatMoved() throws {
        let r = ReferenceFixtures.load([Self.seed, Self.sdk], service: "imagebuilder")
        let contradictions = r.log.diagnostics.filter { $0.message.contains(" differs: ") }
        #expect(contradictions.count == 3)
        #expect(contradictions.allSatisfy { $0.severity == .warning })
        #expect(contradictions.allSatisfy { $0.message.contains("service-2.json.gz") && $0.message.contains("aws-reference-text_imagebuilder_DistributeImage.txt") })
        #expect(contradictions.contains { $0.message.contains("input clientToken: max differs: 64 in botocore-json") })
        #expect(contradictions.contains { $0.message.contains("output clientToken: max differs") })
        #expect(contradictions.contains { $0.message.contains("input tags{key}: pattern differs") })
        // The more precise source wins; facts only the page states are kept.
        let op = try #require(r.model.services["imagebuilder"]?.operations["DistributeImage"])
        #expect(op.input?.members["clientToken"]?.max == .integer(64))
        #expect(op.errors.count == 12)
        #expect(op.sources.count == 2)
        #expect(ReferenceFixtures.errors(r).isEmpty)
    }

    @Test func strictTurnsContradictionsIntoErrors() {
        let r = ReferenceFixtures.load([Self.seed, Self.sdk], service: "imagebuilder", strict: true)
        let contradictions = r.log.diagnostics.filter { $0.message.contains(" differs: ") }
        #expect(contradictions.count == 3)
        #expect(contradictions.allSatisfy { $0.severity == .error })
    }

    @Test func queryWireNamesMatchSDKNames() throws {
        let r = ReferenceFixtures.load(["aws-reference/merge/gadgets-sdk-model.json", "aws-reference/html-odd"])
        let op = try #require(r.model.services["gadgets"]?.operations["DescribeGadgets"])
        #expect(Array(op.input?.members.keys ?? []) == ["DryRun", "Filters", "GadgetIds"])
        #expect(op.input?.members["Filters"]?.member?.members.keys.contains("Values") == true)
        #expect(Array(op.output?.members.keys ?? []) == ["Gadgets", "RequestId"])
        let gadget = try #require(op.output?.members["Gadgets"]?.member)
        #expect(Array(gadget.members.keys) == ["GadgetId", "Inventory", "State"])
        // Page-only facts join the SDK's members: the inventory map from the type pages.
        #expect(gadget.members["Inventory"]?.members["Items"]?.max == .integer(10))
        let messages = r.log.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("GadgetIds: required differs: optional in docconform-model") })
        #expect(messages.contains { $0.contains("Gadgets[].State: enum differs: pending|available in docconform-model")
            && $0.contains("pending|available|deleted in aws-reference-html") })
        #expect(messages.count == 2)
    }

    @Test func boto3NamesReplaceWireNamesAndReferenceRefinesTypes() throws {
        var page = Operation(name: "DescribeThings")
        var wireList = Shape.list(of: Shape(type: .string))
        wireList.locationName = "ThingId"
        wireList.max = .integer(5)
        var count = Shape(type: .long)
        count.max = .integer(1000)
        page.input = .structure([("ThingId", wireList), ("maxCount", count)], required: ["ThingId"])
        page.sources = ["API_DescribeThings.html"]
        var rst = Operation(name: "DescribeThings")
        rst.input = .structure([("ThingIds", .list(of: Shape(type: .string))), ("MaxCount", Shape(type: .integer))], required: ["ThingIds"])
        rst.sources = ["describe_things.rst"]
        var a = Service(name: "things"); a.operations["DescribeThings"] = page
        var b = Service(name: "things"); b.operations["DescribeThings"] = rst
        var merger = ModelMerger()
        let merged = merger.merge(.init(model: Model(services: [a]), label: "aws-reference-html", view: .awsReference, precision: 2),
                                  .init(model: Model(services: [b]), label: "boto3-rst", view: .boto3, precision: 1))
        let input = try #require(merged.model.services["things"]?.operations["DescribeThings"]?.input)
        #expect(Array(input.members.keys) == ["ThingIds", "MaxCount"])
        #expect(input.required == ["ThingIds"])
        #expect(input.members["ThingIds"]?.max == .integer(5))
        #expect(input.members["ThingIds"]?.locationName == "ThingId")
        #expect(input.members["MaxCount"]?.type == .long)
        #expect(input.members["MaxCount"]?.max == .integer(1000))
        #expect(merger.log.diagnostics.isEmpty)
    }

    @Test func locatedMemberTypesComeFromTheSourceThatStatesThem() throws {
        var page = Operation(name: "GetThing")
        var id = Shape(type: .string)
        id.location = "querystring"
        id.max = .integer(64)
        page.input = .structure([("Ids", id)])
        var sdk = Operation(name: "GetThing")
        var ids = Shape.list(of: Shape(type: .string))
        ids.location = "querystring"
        var version = Shape(type: .integer)
        version.location = "header"
        sdk.input = .structure([("Ids", ids), ("Version", version)])
        var a = Service(name: "t"); a.operations["GetThing"] = sdk
        var b = Service(name: "t"); b.operations["GetThing"] = page
        var merger = ModelMerger(strict: true)
        let merged = merger.merge(.init(model: Model(services: [a]), label: "botocore-json", view: .full, precision: 3),
                                  .init(model: Model(services: [b]), label: "aws-reference-html", view: .awsReference, precision: 2))
        let input = try #require(merged.model.services["t"]?.operations["GetThing"]?.input)
        #expect(input.members["Ids"]?.type == .list)
        #expect(input.members["Ids"]?.member?.max == .integer(64))
        #expect(input.members["Ids"]?.location == "querystring")
        #expect(merger.log.diagnostics.isEmpty)
    }
}
