import Conformance
import Testing
import TestSupport

@Test func pathsRenderMapKeysAndOddMemberNamesExactly() throws {
    let (results, _) = try Fixtures.run([Fixtures.payloads + "/paths.jsonl"])
    let byID = Dictionary(uniqueKeysWithValues: results.compactMap { r in r.id.map { ($0, r.issues.map { "\($0.code.rawValue) \($0.path)" }) } })
    #expect(byID["map-keys"] == ["length Tags[\"a.b\"]", "length Tags[\"\"]", "pattern Tags[\"\"]",
                                 "pattern Tags[\"q\\\"uote\"]", "pattern Tags[\"aws:x\"]"])
    #expect(byID["null-required"] == ["required Name"])
    #expect(byID["unknown-dotted"] == ["unknown a.b", "unknown "])
    #expect(byID["list-index"] == ["length Names[1]"])
    #expect(byID["nested"] == ["enum ImageBuilders[0].State", "type ImageBuilders[0].CreatedTime"])
    #expect(byID["payload-first"] == ["type Names[0]"])
    #expect(byID["integral"] == ["type MaxResults"])
    #expect(byID["int32"] == ["range MaxResults"])
    #expect(byID["bool"] == ["type ApplicationSettings.Enabled"])
}

@Test func placeboRecordingsAreResponsesOfTheirOperation() throws {
    let (results, summary) = try Fixtures.run([Fixtures.payloads])
    let placebo = results.filter { $0.file.hasSuffix("_1.json") || $0.file.hasSuffix("_2.json") }
    #expect(placebo.count == 2)
    #expect(placebo.allSatisfy { $0.operation == "DescribeImageBuilders" && $0.direction == .response })
    // _1 uses placebo's datetime objects and carries ResponseMetadata: valid. _2 has a bad enum.
    #expect(placebo.first { $0.file.hasSuffix("_1.json") }?.valid == true)
    #expect(placebo.first { $0.file.hasSuffix("_2.json") }?.issues.map(\.code) == [.enum])
    #expect(summary.files == 5)
}

@Test func scalarEncodingsFollowTheSpec() throws {
    func codes(_ op: String, _ dir: String, _ payload: String) throws -> [IssueCode] {
        try Fixtures.check(Fixtures.record(operation: op, direction: dir, payloadJSON: payload)).issues.map(\.code)
    }
    let ib = "DescribeImageBuilders"
    for ts in ["\"2015-01-01T00:00:00Z\"", "\"2015-01-01T00:00:00.123+05:30\"", "1420070400", "1420070400.5"] {
        #expect(try codes(ib, "response", "{\"ImageBuilders\":[{\"Name\":\"b\",\"CreatedTime\":\(ts)}]}") == [])
    }
    for ts in ["\"2015-01-01\"", "\"2015-02-30T00:00:00Z\"", "\"2015-01-01T00:00:00\"", "true"] {
        #expect(try codes(ib, "response", "{\"ImageBuilders\":[{\"Name\":\"b\",\"CreatedTime\":\(ts)}]}") == [.type])
    }
    // Booleans are true/false only; integers integral and 32-bit.
    #expect(try codes(ib, "request", "{\"MaxResults\":1.0}") == [])
    #expect(try codes(ib, "request", "{\"MaxResults\":-2147483649}") == [.range])
    // Unions: exactly one member set; null members count as absent.
    func block(_ v: String) throws -> [String] {
        let payload = "{\"modelId\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[\(v)]}]}"
        return try Fixtures.check(Fixtures.record(service: "bedrock-runtime", operation: "Converse", payloadJSON: payload))
            .issues.map { "\($0.code.rawValue) \($0.path)" }
    }
    #expect(try block("{\"text\":\"hi\"}") == [])
    #expect(try block("{\"text\":\"hi\",\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"AAEC\"}}}") == ["union messages[0].content[0]"])
    #expect(try block("{}") == ["union messages[0].content[0]"])
    #expect(try block("{\"text\":\"hi\",\"image\":null}") == [])
    // Blobs: strict base64 (padding, no whitespace).
    func body(_ v: String) throws -> [IssueCode] {
        try Fixtures.check(Fixtures.record(service: "bedrock-runtime", operation: "InvokeModel", payloadJSON: "{\"modelId\":\"m\",\"body\":\(v)}")).issues.map(\.code)
    }
    #expect(try body("\"AAEC\"") == [])
    #expect(try body("\"AAE=\"") == [])
    #expect(try body("\"AAE\"") == [.type])
    #expect(try body("\"AA EC\"") == [.type])
    #expect(try body("12") == [.type])
}

@Test func duplicateMapKeysAreFoundExactly() throws {
    func tags(_ keys: [String]) throws -> [String] {
        let body = keys.map { "\"\($0)\":\"v\"" }.joined(separator: ",")
        return try Fixtures.check(Fixtures.record(operation: "CreateStack", payloadJSON: "{\"Name\":\"s\",\"Tags\":{\(body)}}"))
            .issues.map { "\($0.code.rawValue) \($0.path)" }
    }
    // Keys that share prefix, suffix and length are different keys.
    #expect(try tags(["TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS", "TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS"]) == [])
    #expect(try tags(["k1", "k2", "k1"]) == ["duplicate Tags[\"k1\"]"])
    // Past 32 entries the check switches to an index.
    let many = (0..<45).map { "key-\($0)" }
    #expect(try tags(many) == [])
    #expect(try tags(many + ["key-7"]) == ["duplicate Tags[\"key-7\"]"])
}
