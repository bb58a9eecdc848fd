import APIModel
import Testing
@testable import DocIngest

/// Hand-written pages in the served HTML structure, for the odd cases.
@Suite struct ReferenceHTMLTests {
    static let folder = "aws-reference/html-odd"

    var result: Ingest.Result { ReferenceFixtures.load(Self.folder) }

    @Test func parsesWithoutDiagnostics() {
        let r = result
        #expect(r.filesByFormat[.awsReferenceHTML] == 6)
        #expect(r.log.diagnostics.isEmpty)
        #expect(Set(r.model.services.keys) == ["gadgets", "widgets"])
    }

    @Test func pageWithoutRequestBody() throws {
        let op = try #require(result.model.services["widgets"]?.operations["GetWidget"])
        #expect(op.http?.method == "GET")
        #expect(op.http?.requestUri == "/widgets/{WidgetId}")
        let m = try #require(op.input?.members)
        #expect(op.input?.required == ["WidgetId"])
        #expect(m["WidgetId"]?.location == "uri")
        #expect(m["WidgetId"]?.pattern == "^w-[0-9a-f]{8}$")
        #expect(m["Version"]?.location == "querystring")
        #expect(m["Version"]?.locationName == "version")
        #expect(m["Version"]?.max == .integer(9_223_372_036_854_775_807))
        #expect(m["Token"]?.location == "header")
        #expect(m["Token"]?.locationName == "X-Request-Token")
        #expect(m["Token"]?.min == .integer(36) && m["Token"]?.max == .integer(36))
        // No Type line: `Array Members` says list; its item carries the length facts.
        #expect(m["Tags"]?.type == .list)
        #expect(m["Tags"]?.min == .integer(2) && m["Tags"]?.max == .integer(2))
        #expect(m["Tags"]?.member?.max == .integer(16))
        let out = try #require(op.output?.members)
        #expect(out["ETag"]?.location == "header")
        #expect(out["ETag"]?.locationName == "ETag")
        #expect(out["Ratio"]?.type == .double)
        #expect(out["Ratio"]?.min == .real(0.5))
        #expect(out["Size"]?.type == .long)
        #expect(op.errors == [OperationError(name: "WidgetNotFound", httpStatus: 404, documentation: "No such widget.")])
    }

    @Test func queryProtocolWireNames() throws {
        let op = try #require(result.model.services["gadgets"]?.operations["DescribeGadgets"])
        let input = try #require(op.input)
        #expect(Array(input.members.keys) == ["DryRun", "Filter", "GadgetId"])
        #expect(input.required == ["GadgetId"])
        #expect(input.members["GadgetId"]?.type == .list)
        #expect(input.members["GadgetId"]?.max == .integer(100))
        #expect(input.members["GadgetId"]?.locationName == "GadgetId")
        let filter = try #require(input.members["Filter"]?.member)
        #expect(filter.name == "Filter")
        #expect(Array(filter.members.keys) == ["Name", "Value"])
        #expect(filter.members["Value"]?.type == .list)
        #expect(Array(op.output?.members.keys ?? []) == ["gadgetSet", "requestId"])
    }

    @Test func typePageWithMapOfStructuresAndRecursion() throws {
        let service = try #require(result.model.services["gadgets"])
        let gadget = try #require(service.operations["DescribeGadgets"]?.output?.members["gadgetSet"]?.member)
        #expect(gadget.members["state"]?.enumValues == ["pending", "available", "deleted"])
        let items = try #require(gadget.members["inventory"]?.members["Items"])
        #expect(items.type == .map)
        #expect(items.max == .integer(10))
        #expect(items.key?.pattern == "^[a-z]+(\\.[a-z]+)*$")
        #expect(items.key?.max == .integer(64))
        let item = try #require(items.value)
        #expect(item.name == "Item")
        #expect(item.members["Children"]?.member == Shape(ref: "Item"))
        #expect(item.members["Weight"]?.type == .float)
        #expect(service.shapes["Item"]?.members["Children"]?.member?.ref == "Item")
    }
}
