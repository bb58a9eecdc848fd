import APIModel
import Conformance
import Testing
import Wire

/// The decoders write the canonical document without a tree: what they rename, leave out,
/// gather and copy, and how a body that turns out unreadable halfway is reported.
@Suite struct CanonicalDocumentTests {
    static var validator: WireValidator { get throws { WireValidator(model: try WireFixtures.model) } }

    static func dynamo(_ operation: String, response: String) -> HTTPExchange {
        let type = "application/x-amz-json-1.0"
        return HTTPExchange(request: HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders([("X-Amz-Target", "DynamoDB_20120810.\(operation)"), ("Content-Type", type)]),
                                                 body: Array(#"{"TableName": "tab"}"#.utf8)),
                            response: HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", type)]), body: Array(response.utf8)),
                            serviceHint: "dynamodb")
    }

    @Test func jsonBodiesKeepWhatTheModelDoesNotKnowUnderTheirNames() throws {
        let body = #"{"Items": [{"k": {"S": "v\"q"}, "n": {"N": "1"}}], "Count": 1, "ScannedCount": 1, "Ex\u0074ra": {"deep": [1, {"x": null}]}}"#
        let decoded = try Self.validator.decode(Self.dynamo("Scan", response: body))
        let document = try #require(decoded.response?.document)
        #expect(document["Items"] == .array([.object([("k", .object([("S", .string("v\"q"))])), ("n", .object([("N", .string("1"))]))])]))
        #expect(document["Extra"] == .object([("deep", .array([.number("1"), .object([("x", .null)])]))]))
        let r = try Self.validator.validate(Self.dynamo("Scan", response: body))
        #expect(r.response?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["unknown Extra"])
    }

    @Test func aTimestampStringInAJSONBodyIsReadAndReported() throws {
        let body = #"{"Table": {"TableName": "tab", "CreationDateTime": "2024-01-02T03:04:05Z"}}"#
        let r = try Self.validator.validate(Self.dynamo("DescribeTable", response: body))
        #expect(r.response?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["type Table.CreationDateTime"])
        let decoded = try Self.validator.decode(Self.dynamo("DescribeTable", response: body))
        #expect(decoded.response?.document?["Table"]?["CreationDateTime"] == .number("1704164645"))
    }

    /// A body that breaks off (or holds a NaN literal) is one `malformed` issue: what was read
    /// before the fault is not reported besides it.
    @Test(arguments: [
        #"{"Table": {"CreationDateTime": "2024-01-02T03:04:05Z", "TableName": "tab"}, "Oops": NaN}"#,
        #"{"Table": {"CreationDateTime": "2024-01-02T03:04:05Z", "TableName": "tab""#,
        #"{"Table": {"CreationDateTime": "2024-01-02T03:04:05Z"}} trailing"#,
    ])
    func anUnreadableJSONBodyIsOneMalformedIssue(body: String) throws {
        let r = try Self.validator.validate(Self.dynamo("DescribeTable", response: body))
        #expect(r.response?.issues.map(\.code) == [.malformed])
        #expect(r.response?.issues.first?.message.contains("the body is not JSON") == true)
    }

    @Test func repeatedUnknownXMLElementsBecomeOneList() throws {
        let xml = """
        <ListTopicsResponse><ListTopicsResult><Topics><member><TopicArn>arn:a</TopicArn></member></Topics>\
        <Stray>1</Stray><NextToken>n</NextToken><Stray>2</Stray></ListTopicsResult></ListTopicsResponse>
        """
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
                                 body: Array("Action=ListTopics&Version=2010-03-31".utf8)),
            response: HTTPResponse(status: 200, body: Array(xml.utf8)), serviceHint: "sns")
        let document = try #require(try Self.validator.decode(exchange).response?.document)
        #expect(document["Stray"] == .array([.string("1"), .string("2")]))
        #expect(document["NextToken"] == .string("n"))
        #expect(document["Topics"] == .array([.object([("TopicArn", .string("arn:a"))])]))
        let r = try Self.validator.validate(exchange)
        #expect(r.response?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["unknown Stray"])
    }

    @Test func aRestJSONBodyThatIsNoObjectIsReported() throws {
        let exchange = HTTPExchange(request: HTTPRequest(method: "GET", target: "/2015-03-31/functions/f"),
                                    response: HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array("[1, 2]".utf8)),
                                    serviceHint: "lambda")
        let r = try Self.validator.validate(exchange)
        #expect(r.operation == "GetFunction")
        #expect(r.response?.issues.map(\.code) == [.type])
        #expect(r.response?.issues.first?.message.contains("expected a JSON object") == true)
    }
}
