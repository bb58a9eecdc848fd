import APIModel
import Conformance
import Foundation
import Testing
import Wire

/// Hand-written bad wire input: each gives a clear issue or diagnostic, and the rest is still checked.
@Suite struct BadWireInputTests {
    // Tests run in parallel: a validator each.
    static var validator: WireValidator { get throws { WireValidator(model: try WireFixtures.model) } }

    static func json(_ target: String, _ body: String, status: Int = 200, responseBody: String, contentType: String = "application/x-amz-json-1.0") -> HTTPExchange {
        HTTPExchange(request: HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders([("X-Amz-Target", target), ("Content-Type", contentType)]), body: Array(body.utf8)),
                     response: HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", contentType)]), body: Array(responseBody.utf8)),
                     serviceHint: "dynamodb")
    }

    @Test func truncatedXMLIsMalformedWithItsLine() throws {
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
                                 body: Array("Action=ListTopics&Version=2010-03-31".utf8)),
            response: HTTPResponse(status: 200, body: Array("<ListTopicsResponse><ListTopicsResult><Topics><member><TopicArn>arn".utf8)),
            serviceHint: "sns")
        let r = try Self.validator.validate(exchange)
        #expect(r.operation == "ListTopics")
        #expect(r.request?.valid == true)
        let issue = try? #require(r.response?.issues.first)
        #expect(issue?.code == .malformed)
        #expect(issue?.message.contains("not well-formed XML") == true)
    }

    @Test func aBodyOfAnotherContentTypeIsMalformedAndSaysWhichType() throws {
        let exchange = Self.json("DynamoDB_20120810.ListTables", "{}", responseBody: "<html><body>Service Unavailable</body></html>", contentType: "text/html")
        let r = try Self.validator.validate(exchange)
        #expect(r.operation == "ListTables")
        #expect(r.response?.issues.map(\.code) == [.malformed])
        #expect(r.response?.issues.first?.message.contains("Content-Type text/html") == true)
    }

    @Test func anUnknownTargetNamesTheTargetAndTheService() throws {
        let r = try Self.validator.validate(Self.json("DynamoDB_20120810.DropEverything", "{}", responseBody: "{}"))
        #expect(r.operation == nil)
        #expect(r.request?.issues.map(\.code) == [.operation])
        #expect(r.request?.issues.first?.message.contains("dynamodb has no operation \"DropEverything\"") == true)
        #expect(r.response == nil)
    }

    @Test func aPathNoOperationMatchesIsAnOperationIssue() throws {
        let exchange = HTTPExchange(request: HTTPRequest(method: "PATCH", target: "http://127.0.0.1:5000/2015-03-31/nowhere/at/all"),
                                    response: HTTPResponse(status: 404), serviceHint: "lambda")
        let r = try Self.validator.validate(exchange)
        #expect(r.request?.issues.first?.code == .operation)
        #expect(r.request?.issues.first?.message.contains("PATCH /2015-03-31/nowhere/at/all matches no operation of lambda") == true)
    }

    @Test func wireFaultsAreIssuesAtTheMember() throws {
        // An unparseable timestamp, a number that is none, a query parameter no member takes.
        let exchange = HTTPExchange(
            request: HTTPRequest(method: "GET", target: "/bucket-one/key?bogus=1", headers: HTTPHeaders([("If-Modified-Since", "yesterday")])),
            response: HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Length", "many"), ("Last-Modified", "Tue, 29 Apr 2014 18:30:38 GMT")]), body: Array("x".utf8)),
            serviceHint: "s3")
        let r = try Self.validator.validate(exchange)
        #expect(r.operation == "GetObject")
        let request = Set((r.request?.issues ?? []).map { "\($0.code.rawValue) \($0.path)" })
        #expect(request == ["type IfModifiedSince", "unknown query bogus"])
        let response = (r.response?.issues ?? []).map { "\($0.code.rawValue) \($0.path)" }
        #expect(response == ["type ContentLength"])
    }

    @Test func anUndocumentedErrorCodeIsReported() throws {
        let r = try Self.validator.validate(Self.json("DynamoDB_20120810.DescribeTable", #"{"TableName":"t"}"#, status: 400,
                                                  responseBody: #"{"__type":"com.amazonaws.dynamodb.v20120810#TeapotException","message":"no"}"#))
        #expect(r.error?.code == "TeapotException")
        #expect(r.response?.direction == .error)
        #expect(r.response?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["undocumented-error Error.Code"])
    }

    @Test func aNonHARFileIsADiagnosticAndABadEntryIsSkippedAtItsLine() throws {
        let notHAR = try WireFixtures.validateHAR(Array(#"{"format": "docconform.model/1", "services": {}}"#.utf8), file: "x.har")
        #expect(!notHAR.readable)
        #expect(notHAR.log.diagnostics.first?.message.contains("not a HAR file: no \"log\" object") == true)
        let text = """
        {"log": {"version": "1.2", "entries": [
        {"request": {"url": "http://127.0.0.1/"}},
        {"request": {"method": "POST", "url": "http://127.0.0.1/", "headers": [{"name": "X-Amz-Target", "value": "DynamoDB_20120810.ListTables"},
          {"name": "Authorization", "value": "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"}],
          "postData": {"mimeType": "application/x-amz-json-1.0", "text": "e30=", "_encoding": "base64"}},
         "response": {"status": 200, "headers": [], "content": {"text": "eyJUYWJsZU5hbWVzIjpbInQxIl19", "encoding": "base64"}}}
        ]}}
        """
        let mixed = try WireFixtures.validateHAR(Array(text.utf8), file: "mixed.har")
        #expect(mixed.readable)
        #expect(mixed.log.diagnostics.count == 1)
        #expect(mixed.log.diagnostics.first?.line == 2)
        #expect(mixed.records.count == 2)
        #expect(mixed.records.allSatisfy { $0.operation == "ListTables" && $0.line == 3 })
        // {"TableNames":["t1"]}: "t1" is below the documented minimum length of 3.
        #expect(mixed.records.last?.issues.map(\.code) == [.length])
    }
}
