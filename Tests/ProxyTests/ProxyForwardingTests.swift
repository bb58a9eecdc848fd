import APIModel
import Conformance
import DocIngest
import Foundation
import Proxy
import Testing
import TestSupport
import Wire

/// The proxy in-process between a raw-bytes client and a scripted upstream, both on loopback.
@Suite(.serialized) struct ProxyForwardingTests {
    static let model: Model = Ingest.load(paths: [Fixtures.path("botocore-1.43.11/data/dynamodb")]).model

    /// A running proxy with its results on a pipe and its HAR file in a temporary folder.
    struct Running {
        let server: ProxyServer
        let recorder: ExchangeRecorder
        let plan: ValidationPlan
        let results: ResultPipe
        let harPath: String
        var diagnostics: [Diagnostic] { recorder.summary.log.diagnostics }

        init(upstreamPort: Int, maxBody: Int = 1 << 20, timeout: Double = 10) throws {
            results = ResultPipe()
            harPath = try Fixtures.temporaryDirectory() + "/session.har"
            plan = ValidationPlan(model: ProxyForwardingTests.model)
            recorder = ExchangeRecorder(
                validator: WireValidator(model: ProxyForwardingTests.model, plan: plan),
                results: ResultStream(format: .jsonl, output: try OutputFile.open(results.writePath)),
                har: HARWriter(file: try OutputFile.open(harPath), creatorVersion: "test"), harPath: harPath,
                maxBodyBytes: maxBody, report: { _ in })
            server = try ProxyServer.start(ProxyConfiguration(listen: Endpoint(host: "127.0.0.1", port: 0),
                                                              upstream: Endpoint(host: "127.0.0.1", port: upstreamPort),
                                                              maxBodyBytes: maxBody, upstreamTimeout: timeout),
                                           recorder: recorder)
        }

        /// Stops the proxy and closes its outputs; the summary line is the last result line.
        func stop() throws {
            server.stop()
            try recorder.finish(plan: plan)
        }
    }

    static func dynamoDB(_ operation: String, _ body: String, extraHeaders: [String] = []) -> [UInt8] {
        RawHTTP.message("POST / HTTP/1.1", [
            "Host: 127.0.0.1", "X-Amz-Target: DynamoDB_20120810.\(operation)", "Content-Type: application/x-amz-json-1.0",
            "Authorization: AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        ] + extraHeaders + ["Content-Length: \(body.utf8.count)"], Array(body.utf8))
    }

    static func jsonResponse(_ body: String, extraHeaders: [String] = []) -> [UInt8] {
        RawHTTP.message("HTTP/1.1 200 OK", ["Content-Type: application/x-amz-json-1.0", "x-amzn-RequestId: r-1"] + extraHeaders
            + ["Content-Length: \(body.utf8.count)"], Array(body.utf8))
    }

    static func json(_ line: String) throws -> JSONValue { try JSONParser.parse(line) }

    @Test func forwardsBytesUnchangedAndStreamsResultsPerExchange() throws {
        let hopByHop = ["Connection: keep-alive", "Keep-Alive: timeout=5"]
        let request1 = Self.dynamoDB("ListTables", #"{"Limit": 5}"#, extraHeaders: hopByHop)
        let response1 = Self.jsonResponse(#"{"TableNames":["alpha","beta"],"Extra":1}"#, extraHeaders: ["Connection: keep-alive", "X-Mixed-Case: Kept"])
        let binary = (0..<256).map { UInt8($0) }
        let request2 = RawHTTP.message("PUT /bucket/key.bin?x-id=PutObject HTTP/1.1", [
            "Host: 127.0.0.1", "Content-Type: application/octet-stream", "X-Dup: 1", "x-dup: 2", "Content-Length: 256",
        ], binary)
        let response2 = RawHTTP.message("HTTP/1.1 200 OK", ["Content-Type: application/octet-stream", "Content-Length: 256"], binary.reversed())
        let upstream = try ScriptedUpstream(responses: [response1, response2])
        defer { upstream.stop() }
        let proxy = try Running(upstreamPort: upstream.port)
        let client = try RawClient(port: proxy.server.address.port)

        client.send(request1)
        #expect(client.readResponse() == RawHTTP.dropping(["connection"], from: response1))
        // The exchange's results are out while the client's connection is still open.
        #expect(try Self.json(#require(proxy.results.nextLine()))["format"]?.stringValue == "docconform.result-lines/1")
        let r1 = try Self.json(#require(proxy.results.nextLine()))
        let r2 = try Self.json(#require(proxy.results.nextLine()))
        #expect(r1["id"]?.stringValue == "entries[0].request" && r1["valid"]?.boolValue == true)
        #expect(r1["service"]?.stringValue == "dynamodb" && r1["operation"]?.stringValue == "ListTables")
        #expect(r2["id"]?.stringValue == "entries[0].response" && r2["valid"]?.boolValue == false)
        #expect(r2["errors"]?[0]?["code"]?.stringValue == "unknown" && r2["errors"]?[0]?["path"]?.stringValue == "Extra")

        client.send(request2)
        #expect(client.readResponse() == response2)
        let r3 = try Self.json(#require(proxy.results.nextLine()))
        #expect(r3["id"]?.stringValue == "entries[1].request" && r3["errors"]?[0]?["code"]?.stringValue == "operation")

        // What the upstream got: the client's bytes, less the hop-by-hop fields.
        #expect(upstream.received == [RawHTTP.dropping(["connection", "keep-alive"], from: request1), request2])
        try proxy.stop()
        let summary = try Self.json(#require(proxy.results.nextLine()))
        #expect(summary["summary"]?["records"]?.intValue == 3 && summary["summary"]?["invalid"]?.intValue == 2)
        #expect(proxy.recorder.exchanges == 2 && proxy.recorder.upstreamFailures == 0)
        try checkHAR(proxy, streamed: [r1, r2, r3], bodies: [(request1, response1), (request2, response2)])
    }

    /// The HAR file is HAR 1.2 with the exchanges as they went, and validating it gives the
    /// results the proxy streamed.
    func checkHAR(_ proxy: Running, streamed: [JSONValue], bodies: [([UInt8], [UInt8])]) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: proxy.harPath)))
        let har = try JSONParser.parse(bytes)
        #expect(har["log"]?["version"]?.stringValue == "1.2")
        #expect(har["log"]?["creator"]?["name"]?.stringValue == "docconform proxy")
        let entries = try #require(har["log"]?["entries"]?.arrayValue)
        #expect(entries.count == bodies.count)
        for (entry, (request, response)) in zip(entries, bodies) {
            for key in ["startedDateTime", "time", "request", "response", "cache", "timings"] { #expect(entry[key] != nil, "\(key)") }
            for key in ["method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"] { #expect(entry["request"]?[key] != nil, "request.\(key)") }
            for key in ["status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize"] { #expect(entry["response"]?[key] != nil, "response.\(key)") }
            #expect(entry["request"]?["bodySize"]?.intValue == request.count - RawHTTP.headEnd(request)!)
            #expect(entry["response"]?["content"]?["size"]?.intValue == response.count - RawHTTP.headEnd(response)!)
        }
        #expect(entries[1]["request"]?["postData"]?["_encoding"]?.stringValue == "base64")
        #expect(entries[1]["response"]?["content"]?["encoding"]?.stringValue == "base64")
        #expect(entries[1]["request"]?["queryString"]?[0]?["name"]?.stringValue == "x-id")

        var log = DiagnosticLog()
        var again: [RecordResult] = []
        let readable = HARPayloads.reader(model: Self.model, plan: ValidationPlan(model: Self.model))(proxy.harPath, bytes, &log) { again.append($0) }
        #expect(readable && log.errorCount == 0)
        #expect(again.count == streamed.count)
        for (r, s) in zip(again, streamed) {
            #expect(r.id == s["id"]?.stringValue && r.valid == s["valid"]?.boolValue)
            #expect(r.file == s["file"]?.stringValue && r.line == s["line"]?.intValue)
            #expect(r.issues.map { "\($0.code.rawValue) \($0.path) \($0.message)" }
                == (s["errors"]?.arrayValue ?? []).map { "\($0["code"]?.stringValue ?? "") \($0["path"]?.stringValue ?? "") \($0["message"]?.stringValue ?? "")" })
        }
    }

    @Test func anUpstreamThatRefusesIsA502AndAResultAndTheProxyGoesOn() throws {
        let proxy = try Running(upstreamPort: closedLoopbackPort())
        for _ in 0..<2 {
            let client = try RawClient(port: proxy.server.address.port)
            client.send(Self.dynamoDB("ListTables", "{}"))
            let answer = String(decoding: client.readResponse(), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 502 Bad Gateway\r\n"))
            #expect(answer.contains("docconform proxy: upstream http://127.0.0.1:"))
            #expect(client.closedByPeer())
        }
        _ = proxy.results.nextLine()
        // The request was still checked.
        let r = try Self.json(#require(proxy.results.nextLine()))
        #expect(r["id"]?.stringValue == "entries[0].request" && r["valid"]?.boolValue == true)
        try proxy.stop()
        #expect(proxy.recorder.upstreamFailures == 2)
        let errors = proxy.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.message.contains("cannot connect") && $0.message.contains("answered 502") }, "\(errors)")
        let har = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: proxy.harPath))))
        #expect(har["log"]?["entries"]?[0]?["response"]?["status"]?.intValue == 0)
        #expect(har["log"]?["entries"]?[0]?["response"]?["_error"]?.stringValue?.contains("cannot connect") == true)
    }

    @Test func anUpstreamThatDoesNotAnswerTimesOutAsA502() throws {
        let silent = try ScriptedUpstream(responses: [])
        defer { silent.stop() }
        let proxy = try Running(upstreamPort: silent.port, timeout: 0.3)
        let client = try RawClient(port: proxy.server.address.port)
        client.send(Self.dynamoDB("ListTables", "{}"))
        #expect(String(decoding: client.readResponse(), as: UTF8.self).hasPrefix("HTTP/1.1 502 Bad Gateway\r\n"))
        try proxy.stop()
        #expect(proxy.recorder.upstreamFailures == 1)
        #expect(proxy.diagnostics.contains { $0.message.contains("no answer within 0.3 s") })
    }

    @Test func aBodyOverTheLimitIsForwardedWholeAndNotChecked() throws {
        let big = "{\"TableNames\":[" + (0..<2000).map { "\"table-\($0)\"" }.joined(separator: ",") + "]}"
        let response = Self.jsonResponse(big)
        let upstream = try ScriptedUpstream(responses: [response])
        defer { upstream.stop() }
        let proxy = try Running(upstreamPort: upstream.port, maxBody: 1000)
        let client = try RawClient(port: proxy.server.address.port)
        client.send(Self.dynamoDB("ListTables", "{}"))
        #expect(client.readResponse() == response)
        _ = proxy.results.nextLine()
        let r = try Self.json(#require(proxy.results.nextLine()))
        #expect(r["id"]?.stringValue == "entries[0].request")
        try proxy.stop()
        #expect(try Self.json(#require(proxy.results.nextLine()))["summary"]?["records"]?.intValue == 1)
        #expect(proxy.diagnostics.contains { $0.severity == .warning && $0.message.contains("response body of \(big.utf8.count) bytes is over the limit (1000)") })
        let har = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: proxy.harPath))))
        let entry = har["log"]?["entries"]?[0]
        #expect(entry?["response"]?["content"]?["text"] == nil)
        #expect(entry?["comment"]?.stringValue?.contains("over the proxy's limit") == true)
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard let a = arrayValue, a.indices.contains(index) else { return nil }
        return a[index]
    }
}
