import APIModel
import DocIngest
import Conformance
import Foundation
import Testing
@testable import Wire

/// `smithy-rpc-v2-cbor` bodies beyond the protocol suites: RFC 8949's less common forms
/// (indefinite lengths, bignums, decimal fractions, half floats), and bad CBOR, which is one
/// `malformed` issue with its offset.
@Suite struct CBORTests {
    static let model: Model = {
        let json = #"""
        {"metadata": {"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor"], "apiVersion": "2024-01-01",
                      "targetPrefix": "Svc", "signingName": "svc", "endpointPrefix": "svc"},
         "operations": {"Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"},
                                "input": {"shape": "In"}, "output": {"shape": "Out"}, "errors": [{"shape": "Oops"}]}},
         "shapes": {"In": {"type": "structure", "required": ["Name"], "members": {"Name": {"shape": "Str"}, "When": {"shape": "Time"},
                           "Big": {"shape": "Long"}, "Data": {"shape": "Bin"}, "Ratio": {"shape": "Dbl"}}},
                    "Out": {"type": "structure", "members": {"Items": {"shape": "Strs"}, "Tags": {"shape": "Tags"}, "Count": {"shape": "Int"}}},
                    "Oops": {"type": "structure", "members": {"message": {"shape": "Str"}}, "error": {"httpStatusCode": 400}, "exception": true},
                    "Str": {"type": "string", "max": 10}, "Time": {"type": "timestamp"}, "Long": {"type": "long"}, "Bin": {"type": "blob"},
                    "Dbl": {"type": "double"}, "Int": {"type": "integer", "max": 100}, "Strs": {"type": "list", "member": {"shape": "Str"}},
                    "Tags": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Str"}}}}
        """#
        var log = DiagnosticLog()
        let service = BotocoreImporter.importService(serviceName: "svc", bytes: Array(json.utf8), source: "cbor-test", log: &log)
        return Model(services: service.map { [$0] } ?? [])
    }()

    // A few CBOR encoders for readable test bodies.
    static func head(_ major: UInt8, _ n: UInt64) -> [UInt8] {
        switch n {
        case 0..<24: return [major << 5 | UInt8(n)]
        case 24..<256: return [major << 5 | 24, UInt8(n)]
        case 256..<65536: return [major << 5 | 25, UInt8(n >> 8), UInt8(n & 0xFF)]
        default: return [major << 5 | 27] + (0..<8).reversed().map { UInt8((n >> (8 * UInt64($0))) & 0xFF) }
        }
    }
    static func text(_ s: String) -> [UInt8] { head(3, UInt64(s.utf8.count)) + Array(s.utf8) }
    static func map(_ pairs: [(String, [UInt8])]) -> [UInt8] { head(5, UInt64(pairs.count)) + pairs.flatMap { text($0.0) + $0.1 } }

    static func exchange(request: [UInt8], status: Int = 200, response: [UInt8], responseHeaders: [(String, String)] = []) -> HTTPExchange {
        let headers = HTTPHeaders([("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")])
        return HTTPExchange(request: HTTPRequest(method: "POST", target: "/service/Svc/operation/Put", headers: headers, body: request),
                            response: HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/cbor")] + responseHeaders), body: response))
    }

    @Test func lessCommonFormsDecodeToExactValues() throws {
        // Indefinite-length text in chunks, tag 1 with a float, a bignum (tag 2) and a half float.
        let name: [UInt8] = [0x7F] + Self.text("ab") + Self.text("cd") + [0xFF]
        let when: [UInt8] = [0xC1, 0xFB] + withUnsafeBytes(of: (1_700_000_000.5).bitPattern.bigEndian, Array.init)
        let big: [UInt8] = [0xC2, 0x49, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]  // 2^64
        let ratio: [UInt8] = [0xF9, 0x3E, 0x00]  // 1.5 as a half float
        let body = [0xBF] + Self.text("Name") + name + Self.text("When") + when + Self.text("Big") + big + Self.text("Ratio") + ratio + Self.text("Data") + [0x43, 1, 2, 3] + [0xFF]
        let out = Self.map([("Items", [0x9F] + Self.text("x") + [0xFF]), ("Tags", Self.map([("k", Self.text("v"))])), ("Count", [0x18, 0x2A])])
        let decoded = WireValidator(model: Self.model).decode(Self.exchange(request: body, response: out))
        #expect(decoded.wireProtocol == .rpcV2CBOR)
        let request = try #require(decoded.request?.document)
        #expect(request["Name"] == .string("abcd"))
        #expect(request["When"] == .number("1700000000.5"))
        #expect(request["Big"] == .number("18446744073709551616"))
        #expect(request["Ratio"] == .number("1.5"))
        #expect(request["Data"] == .string("AQID"))
        #expect(decoded.response?.document == .object([("Items", .array([.string("x")])), ("Tags", .object([("k", .string("v"))])), ("Count", .number("42"))]))
        // 2^64 is out of a long's range: the checker says so.
        let r = WireValidator(model: Self.model).validate(Self.exchange(request: body, response: out))
        #expect(r.request?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["range Big"])
        #expect(r.response?.valid == true)
    }

    @Test func negativeBignumsAndDecimalFractions() throws {
        let validator = WireValidator(model: Self.model)
        let negative = Self.map([("Name", Self.text("n")), ("Big", [0xC3, 0x42, 0x01, 0x00])])  // -1 - 256
        #expect(validator.decode(Self.exchange(request: negative, response: [])).request?.document?["Big"] == .number("-257"))
        let fraction = Self.map([("Name", Self.text("n")), ("Ratio", [0xC4, 0x82, 0x21, 0x19, 0x6A, 0xB3])])  // 27315e-2
        #expect(validator.decode(Self.exchange(request: fraction, response: [])).request?.document?["Ratio"] == .number("27315e-2"))
    }

    @Test func wrongTypesOnTheWireAreTypeIssues() {
        // A timestamp without tag 1, text where a blob belongs, bytes where a string belongs.
        let body = Self.map([("Name", [0x41, 0x61]), ("When", [0x1A, 0x65, 0x53, 0xF1, 0x00]), ("Data", Self.text("abc"))])
        let r = WireValidator(model: Self.model).validate(Self.exchange(request: body, response: Self.map([])))
        #expect(r.request?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["type Name", "type When", "type Data"])
    }

    @Test(arguments: [
        ("truncated", [0xA1, 0x64, 0x4E, 0x61]),
        ("reserved additional information", [0xA1, 0x64, 0x4E, 0x61, 0x6D, 0x65, 0x1C]),
        ("indefinite-length integer", [0x1F]),
        ("break outside an indefinite item", [0xFF]),
        ("invalid UTF-8 text", [0xA1, 0x64, 0x4E, 0x61, 0x6D, 0x65, 0x62, 0xC3, 0x28]),
        ("count beyond the data", [0x9B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        ("a map key that is not text", [0xA1, 0x01, 0x02]),
        ("data after the item", [0xA0, 0x00]),
        ("chunk of another type", [0x7F, 0x41, 0x61, 0xFF]),
    ] as [(String, [UInt8])])
    func badCBORIsOneMalformedIssue(_ what: String, _ body: [UInt8]) {
        let r = WireValidator(model: Self.model).validate(Self.exchange(request: body, response: Self.map([])))
        #expect(r.request?.issues.map(\.code) == [.malformed], "\(what)")
        #expect(r.request?.issues.first?.message.contains("the body is not CBOR") == true, "\(what)")
        #expect(r.response?.valid == true, "\(what): the response is still checked")
    }

    @Test func errorsAreReadFromTheirType() {
        let body = Self.map([("__type", Self.text("com.example#Oops")), ("message", Self.text("no"))])
        let validator = WireValidator(model: Self.model)
        let r = validator.validate(Self.exchange(request: Self.map([("Name", Self.text("n"))]), status: 400, response: body))
        #expect(r.error?.code == "Oops")
        #expect(r.error?.message == "no")
        #expect(r.response?.valid == true)
        let other = validator.validate(Self.exchange(request: Self.map([("Name", Self.text("n"))]), status: 400,
                                                     response: Self.map([("__type", Self.text("com.example#Surprise"))])))
        #expect(other.response?.issues.map(\.code) == [.undocumentedError])
    }

    @Test func aHAREntryWithABase64BodyIsDecoded() throws {
        let request = Self.map([("Name", Self.text("toolongtobevalid"))])
        let har = """
        {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [{
          "request": {"method": "POST", "url": "http://127.0.0.1:5000/service/Svc/operation/Put",
                      "headers": [{"name": "Content-Type", "value": "application/cbor"}, {"name": "smithy-protocol", "value": "rpc-v2-cbor"}],
                      "postData": {"mimeType": "application/cbor", "text": "\(Data(request).base64EncodedString())", "_encoding": "base64"}},
          "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/cbor"}],
                       "content": {"mimeType": "application/cbor", "text": "\(Data(Self.map([("Count", [0x18, 0xC8])])).base64EncodedString())", "encoding": "base64"}}}]}}
        """
        var log = DiagnosticLog()
        var results: [ExchangeResult] = []
        try HARReader.read(Array(har.utf8), file: "cbor.har", log: &log) { results.append(WireValidator(model: Self.model).validate($0.exchange)) }
        let r = try #require(results.first)
        #expect(r.operation == "Put")
        #expect(r.request?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["length Name"])
        #expect(r.response?.issues.map { "\($0.code.rawValue) \($0.path)" } == ["range Count"])
        #expect(r.notes.isEmpty)
    }
}
