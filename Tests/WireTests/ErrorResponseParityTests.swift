import APIModel
import DocIngest
import Conformance
import Foundation
import Testing
import Wire

/// An error response is judged the same whether it comes as HTTP (a HAR entry) or as botocore's
/// parsed record of it (direction `error`): per protocol, an undocumented error code and an
/// error member of the wrong type give the same issues (code and path), and the code's issue
/// the same message.
@Suite struct ErrorResponseParityTests {
    /// One service speaking `p`: `GetThing` documents `NotFound` (members `message` and the
    /// integer `Count`); the service also defines `Gone`, which `GetThing` does not list.
    static func model(_ p: WireProtocol) throws -> Model {
        let rest = p == .restJSON || p == .restXML
        let text = """
        {"metadata": {"apiVersion": "2020-01-01", "endpointPrefix": "svc", "signingName": "svc", "serviceId": "Svc",
                      "protocol": "\(p.rawValue)", "protocols": ["\(p.rawValue)"], "jsonVersion": "1.1", "targetPrefix": "Svc"},
         "operations": {"GetThing": {"name": "GetThing", "http": {"method": "\(rest ? "GET" : "POST")", "requestUri": "\(rest ? "/thing" : "/")"},
                                     "input": {"shape": "GetThingInput"}, "output": {"shape": "GetThingOutput"}, "errors": [{"shape": "NotFound"}]}},
         "shapes": {"GetThingInput": {"type": "structure", "members": {}},
                    "GetThingOutput": {"type": "structure", "members": {"Name": {"shape": "String"}}},
                    "NotFound": {"type": "structure", "members": {"message": {"shape": "String"}, "Count": {"shape": "Integer"}},
                                 "exception": true, "error": {"httpStatusCode": 404}},
                    "Gone": {"type": "structure", "members": {"message": {"shape": "String"}}, "exception": true},
                    "String": {"type": "string"}, "Integer": {"type": "integer"}}}
        """
        var log = DiagnosticLog()
        let service = try #require(BotocoreImporter.importService(serviceName: "svc", bytes: Array(text.utf8), source: "svc.json", log: &log))
        return Model(services: [service])
    }

    /// A HAR file of one exchange: `GetThing` answered with status 404 and `body`.
    static func har(_ p: WireProtocol, status: Int = 404, headers: [(String, String)] = [], body: [UInt8]) -> [UInt8] {
        var request: [(String, String)] = [("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=0")]
        var method = "POST", path = "/", requestBody = ""
        var responseHeaders = headers
        switch p {
        case .json:
            request += [("X-Amz-Target", "Svc.GetThing"), ("Content-Type", "application/x-amz-json-1.1")]
            requestBody = "{}"
            responseHeaders.append(("Content-Type", "application/x-amz-json-1.1"))
        case .restJSON, .restXML:
            method = "GET"
            path = "/thing"
            responseHeaders.append(("Content-Type", p == .restJSON ? "application/json" : "application/xml"))
        case .query, .ec2:
            request.append(("Content-Type", "application/x-www-form-urlencoded"))
            requestBody = "Action=GetThing&Version=2020-01-01"
            responseHeaders.append(("Content-Type", "text/xml"))
        case .rpcV2CBOR:
            path = "/service/Svc/operation/GetThing"
            request += [("smithy-protocol", "rpc-v2-cbor"), ("Content-Type", "application/cbor")]
            responseHeaders += [("smithy-protocol", "rpc-v2-cbor"), ("Content-Type", "application/cbor")]
        }
        func headerList(_ h: [(String, String)]) -> String { "[" + h.map { #"{"name": \#(q($0.0)), "value": \#(q($0.1))}"# }.joined(separator: ", ") + "]" }
        let post = p == .rpcV2CBOR
            ? #", "postData": {"mimeType": "application/cbor", "text": "oA==", "_encoding": "base64"}"#
            : requestBody.isEmpty ? "" : #", "postData": {"text": \#(q(requestBody))}"#
        let content = p == .rpcV2CBOR
            ? #"{"text": \#(q(Data(body).base64EncodedString())), "encoding": "base64"}"#
            : #"{"text": \#(q(String(decoding: body, as: UTF8.self)))}"#
        return Array("""
        {"log": {"version": "1.2", "entries": [
        {"request": {"method": "\(method)", "url": "http://127.0.0.1:5000\(path)", "headers": \(headerList(request))\(post)},
         "response": {"status": \(status), "headers": \(headerList(responseHeaders)), "content": \(content)}}
        ]}}
        """.utf8)
    }

    static func q(_ s: String) -> String {
        var w = JSONWriter(pretty: false)
        w.string(s)
        return w.string
    }

    /// The error response's body in protocol `p`: error `code`, and where given `Count` written
    /// as `count` (a JSON value's text, an XML element's text, a CBOR text string).
    static func body(_ p: WireProtocol, code: String, count: String? = nil) -> [UInt8] {
        switch p {
        case .json: return Array(#"{"__type": "com.example#\#(code)", "message": "no"\#(count.map { #", "Count": \#($0)"# } ?? "")}"#.utf8)
        case .restJSON: return Array(#"{"code": "\#(code)", "message": "no"\#(count.map { #", "Count": \#($0)"# } ?? "")}"#.utf8)
        case .restXML, .query:
            return Array("<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>no</Message>\(count.map { "<Count>\($0)</Count>" } ?? "")</Error><RequestId>r</RequestId></ErrorResponse>".utf8)
        case .ec2:
            return Array("<Response><Errors><Error><Code>\(code)</Code><Message>no</Message>\(count.map { "<Count>\($0)</Count>" } ?? "")</Error></Errors><RequestID>r</RequestID></Response>".utf8)
        case .rpcV2CBOR:
            return CBOR.map([("__type", CBOR.text(code)), ("message", CBOR.text("no"))] + (count.map { [("Count", CBOR.text($0))] } ?? []))
        }
    }

    /// The record botocore's parser gives for that response (the member beside `Error`, as its
    /// modeled-error pass puts it there).
    static func record(code: String, count: JSONValue? = nil) -> [UInt8] {
        var payload: [(key: String, value: JSONValue)] = [("Error", .object([("Code", .string(code)), ("Message", .string("no"))]))]
        if let count { payload.append(("Count", count)) }
        var w = JSONWriter(pretty: false)
        w.value(.object([("service", .string("svc")), ("operation", .string("GetThing")), ("direction", .string("error")), ("payload", .object(payload))]))
        return w.bytes
    }

    static func issues(_ p: WireProtocol, har: [UInt8], record: [UInt8]) throws -> (wire: [ValidationIssue], parsed: [ValidationIssue]) {
        let model = try model(p)
        let plan = ValidationPlan(model: model)
        var log = DiagnosticLog()
        var wire: [RecordResult] = []
        let readable = HARPayloads.reader(model: model, plan: plan)("parity.har", har, &log) { wire.append($0) }
        #expect(readable && log.errorCount == 0, "\(log)")
        let response = try #require(wire.first { $0.id == "entries[0].response" }, "\(p.rawValue): no response record")
        #expect(response.direction == .error && response.operation == "GetThing")
        let parsed = record.withUnsafeBufferPointer { RecordValidator(plan: plan).validate($0, file: "parsed.jsonl", line: 1) }
        #expect(parsed.direction == .error)
        return (response.issues, parsed.issues)
    }

    @Test(arguments: WireProtocol.allCases) func anUndocumentedCodeIsTheSameIssue(_ p: WireProtocol) throws {
        for code in ["Teapot", "Gone"] {
            let (wire, parsed) = try Self.issues(p, har: Self.har(p, body: Self.body(p, code: code)), record: Self.record(code: code))
            #expect(wire.map { "\($0.code.rawValue) \($0.path)" } == ["undocumented-error Error.Code"], "\(p.rawValue) \(code): \(wire)")
            #expect(wire == parsed, "\(p.rawValue) \(code)")
        }
    }

    @Test(arguments: WireProtocol.allCases) func aMemberOfTheWrongTypeIsTheSameIssue(_ p: WireProtocol) throws {
        let count = p == .json || p == .restJSON ? #""five""# : "five"
        let (wire, parsed) = try Self.issues(p, har: Self.har(p, body: Self.body(p, code: "NotFound", count: count)),
                                             record: Self.record(code: "NotFound", count: .string("five")))
        #expect(wire.map { "\($0.code.rawValue) \($0.path)" } == ["type Count"], "\(p.rawValue): \(wire)")
        #expect(wire.map { "\($0.code.rawValue) \($0.path)" } == parsed.map { "\($0.code.rawValue) \($0.path)" }, "\(p.rawValue)")
    }
}

/// Just enough CBOR (RFC 8949) to write the tests' bodies: maps of text keys to text values.
enum CBOR {
    static func text(_ s: String) -> [UInt8] { head(3, UInt64(s.utf8.count)) + Array(s.utf8) }

    static func map(_ pairs: [(String, [UInt8])]) -> [UInt8] {
        pairs.reduce(head(5, UInt64(pairs.count))) { $0 + text($1.0) + $1.1 }
    }

    private static func head(_ major: UInt8, _ n: UInt64) -> [UInt8] {
        if n < 24 { return [major << 5 | UInt8(n)] }
        return [major << 5 | 24, UInt8(n)]
    }
}
