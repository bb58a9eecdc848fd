import APIModel
import DocIngest
import Foundation
import TestSupport
import Wire

/// AWS's protocol test cases as botocore ships them (docs-corpus/fixtures/protocol-tests):
/// each case with its own small model, imported through the botocore importer.
struct ProtocolCase {
    enum Kind: String { case input, output }

    let kind: Kind
    /// The file's protocol key as the ignore list names it (`json`, `json_1_0`, `rest-xml`, ...).
    let protocolKey: String
    let suite: String
    let id: String
    let service: Service
    let operation: String
    let json: JSONValue

    var label: String { "\(kind.rawValue)/\(protocolKey) \(id)" }
}

enum ProtocolSuite {
    static let root = URL(fileURLWithPath: Fixtures.path("protocol-tests"))

    static func load(_ kind: ProtocolCase.Kind) throws -> [ProtocolCase] {
        let folder = root.appendingPathComponent(kind.rawValue)
        var cases: [ProtocolCase] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
            let key = String(file.dropLast(5))
            let suites = try JSONParser.parse(Array(try Data(contentsOf: folder.appendingPathComponent(file))))
            for (n, suite) in (suites.arrayValue ?? []).enumerated() {
                for c in suite["cases"]?.arrayValue ?? [] {
                    guard let given = c["given"], let name = given["name"]?.stringValue else { continue }
                    let document: JSONValue = .object([
                        ("metadata", suite["metadata"] ?? .object([])),
                        ("operations", .object([(name, given)])),
                        ("shapes", suite["shapes"] ?? .object([])),
                    ])
                    var w = JSONWriter(pretty: false)
                    w.value(document)
                    var log = DiagnosticLog()
                    let source = "\(kind.rawValue)/\(file)#\(n)"
                    guard let service = BotocoreImporter.importService(serviceName: "protocoltest", bytes: w.bytes, source: source, log: &log) else {
                        throw SuiteError(message: "\(source): the case's model does not import: \(log)")
                    }
                    cases.append(ProtocolCase(kind: kind, protocolKey: key, suite: suite["description"]?.stringValue ?? "",
                                              id: c["id"]?.stringValue ?? "?", service: service, operation: name, json: c))
                }
            }
        }
        return cases
    }

    struct SuiteError: Error { var message: String }

    /// botocore's own ignore list: suites by description (all protocols), cases by id.
    static func ignored(_ c: ProtocolCase) throws -> Bool {
        let list = try JSONParser.parse(Array(try Data(contentsOf: root.appendingPathComponent("protocol-tests-ignore-list.json"))))
        let suites = list["general"]?[c.kind.rawValue]?["suites"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if suites.contains(c.suite) { return true }
        let ids = list["protocols"]?[c.protocolKey]?[c.kind.rawValue]?["cases"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return ids.contains(c.id)
    }

    static func headers(_ value: JSONValue?) -> HTTPHeaders {
        var h = HTTPHeaders()
        for (k, v) in value?.objectValue ?? [] { h.append(k, v.stringValue ?? "") }
        return h
    }

    /// A case's body: text, or base64 for the binary protocol (botocore's runner decodes it so).
    static func body(_ c: ProtocolCase, _ text: String?) -> [UInt8] {
        let text = text ?? ""
        if c.service.protocolName == "smithy-rpc-v2-cbor" { return Array(Data(base64Encoded: text) ?? Data()) }
        return Array(text.utf8)
    }

    static func request(_ c: ProtocolCase) -> HTTPExchange {
        let s = c.json["serialized"]
        let req = HTTPRequest(method: s?["method"]?.stringValue ?? "POST", target: s?["uri"]?.stringValue ?? "/",
                              headers: headers(s?["headers"]), body: body(c, s?["body"]?.stringValue))
        return HTTPExchange(request: req, serviceHint: "protocoltest")
    }

    static func response(_ c: ProtocolCase) -> HTTPResponse {
        let r = c.json["response"]
        return HTTPResponse(status: r?["status_code"]?.intValue ?? 200, headers: headers(r?["headers"]),
                            body: body(c, r?["body"]?.stringValue))
    }
}
