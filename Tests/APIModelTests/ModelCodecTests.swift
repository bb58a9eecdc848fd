@testable import APIModel
import Testing
import TestSupport

@Suite struct ModelCodecTests {
    @Test(arguments: [("dynamodb", "2012-08-10"), ("appstream", "2016-12-01"), ("bedrock-runtime", "2023-09-30")])
    func writerIsByteStableAndReaderRoundTrips(service: String, version: String) throws {
        let (imported, _) = try Fixtures.importService(service, version: version)
        let model = Model(services: [try #require(imported)])
        let first = ModelWriter().bytes(of: model)
        #expect(ModelWriter().bytes(of: model) == first)
        let reread = try ModelReader.read(first)
        #expect(ModelWriter().bytes(of: reread) == first)
        var sorted = model
        sorted.sortByName()
        #expect(reread == sorted)
    }

    @Test func compactAndPrettyDescribeTheSameModel() throws {
        let (imported, _) = try Fixtures.importService("appstream", version: "2016-12-01")
        let model = Model(services: [try #require(imported)])
        let pretty = try ModelReader.read(ModelWriter(pretty: true).bytes(of: model))
        let compact = try ModelReader.read(ModelWriter(pretty: false).bytes(of: model))
        #expect(pretty == compact)
    }

    @Test func rejectsAnotherFormatVersion() {
        #expect {
            _ = try ModelReader.read(Array(#"{"format": "docconform.model/2", "services": {}}"#.utf8))
        } throws: { error in
            (error as? ModelReadError)?.message.contains("docconform.model/2") == true
        }
    }

    @Test func rejectsAShapeWithAnUnknownType() {
        let text = #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"type":"varchar"}}}}}}"#
        #expect(throws: ModelReadError.self) { try ModelReader.read(Array(text.utf8)) }
    }

    @Test func writesBoundsExactly() throws {
        var s = Shape(type: .long)
        s.min = Bound(literal: "-9223372036854775808")
        s.max = Bound(literal: "9223372036854775807")
        var f = Shape(type: .double)
        f.min = Bound(literal: "0.5")
        var op = Operation(name: "Op")
        op.input = .structure([("L", s), ("F", f)])
        var service = Service(name: "svc")
        service.operations["Op"] = op
        let bytes = ModelWriter().bytes(of: Model(services: [service]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"max\": 9223372036854775807"))
        #expect(text.contains("\"min\": -9223372036854775808"))
        #expect(text.contains("\"min\": 0.5"))
        #expect(try ModelReader.read(bytes).services["svc"]?.operations["Op"]?.input?.members["L"]?.max == .integer(Int64.max))
    }
}
