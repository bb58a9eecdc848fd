import APIModel
import Testing
import TestSupport
@testable import Conformance

/// A key given twice is reported wherever it is: in the record's envelope (the first value
/// stands) and inside `document` values, which are otherwise accepted whole.
@Suite struct DuplicateKeyTests {
    /// `../shared/reliability/dup-envelope-payload`: a direction and a service given twice.
    @Test func theEnvelopeReportsAFieldGivenTwice() throws {
        let (results, _) = try Fixtures.run([Fixtures.path("reliability/dup-envelope-payload")])
        let direction = try #require(results.first { $0.id == "dir" })
        #expect(direction.direction == .response)
        #expect(direction.issues.map(\.code) == [.duplicate, .unknown])
        #expect(direction.issues.first?.message == "record field \"direction\" appears more than once")
        let service = try #require(results.first { $0.id == "dup-service" })
        #expect(service.service == "nosuchservice")
        #expect(service.issues.map(\.code) == [.duplicate, .operation])
        let payload = try Fixtures.check(Array(#"{"service":"appstream","operation":"DescribeImageBuilders","direction":"request","payload":{},"payload":{"Bad":1}}"#.utf8))
        #expect(payload.issues.map(\.code) == [.duplicate])
    }

    @Test func documentsReportKeysGivenTwiceAtTheirPath() throws {
        let record = Fixtures.record(service: "bedrock-runtime", operation: "Converse", payloadJSON:
            #"{"modelId": "m", "additionalModelRequestFields": {"a": {"x": 1, "y": [{"k": 1, "k": 2}], "x": 3}, "b": [1, {"c": {}}], "q\"": 1, "q\"": 2}}"#)
        let r = try Fixtures.check(record)
        #expect(r.issues.map(\.code) == [.duplicate, .duplicate, .duplicate], "\(r.issues)")
        #expect(r.issues.map(\.path) == ["additionalModelRequestFields.a.y[0].k", "additionalModelRequestFields.a.x", "additionalModelRequestFields.q\""])
        // Scalars, empty containers and a document as deep as the limit allows pass.
        let deep = String(repeating: "[", count: 990) + String(repeating: "]", count: 990)
        for value in ["1", "\"s\"", "null", "{}", "[]", deep] {
            let ok = try Fixtures.check(Fixtures.record(service: "bedrock-runtime", operation: "Converse",
                                                    payloadJSON: #"{"modelId": "m", "additionalModelRequestFields": \#(value)}"#))
            #expect(ok.valid, "\(value.prefix(20)): \(ok.issues)")
        }
        let tooDeep = String(repeating: "[", count: 1_200) + String(repeating: "]", count: 1_200)
        let r2 = try Fixtures.check(Fixtures.record(service: "bedrock-runtime", operation: "Converse", payloadJSON: #"{"modelId": "m", "additionalModelRequestFields": \#(tooDeep)}"#))
        #expect(r2.issues.map(\.code) == [.malformed])
        // A document's syntax errors are the record's.
        let broken = try Fixtures.check(Fixtures.record(service: "bedrock-runtime", operation: "Converse", payloadJSON: #"{"modelId": "m", "additionalModelRequestFields": {"a": [1,}}"#))
        #expect(broken.issues.map(\.code) == [.malformed])
    }
}
