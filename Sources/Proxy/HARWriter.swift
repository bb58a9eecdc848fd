import APIModel
import Foundation
import Wire

/// Writes exchanges as a HAR 1.2 file as they complete, one entry a line (the file is never
/// held whole). Bodies that are not UTF-8 are base64: `content.encoding` for responses and the
/// exporters' `_encoding` custom field for requests, which is what `HARReader` reads back. A
/// body over the proxy's limit is left out and said so in the entry's `comment`; an exchange
/// with no response has status 0 and `_error`, as browsers write it.
public final class HARWriter {
    private let file: OutputFile
    private var entries = 0
    private let dates: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    public init(file: OutputFile, creatorVersion: String) {
        self.file = file
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.key("version"); w.string("1.2")
        w.key("creator"); w.beginObject(); w.key("name"); w.string("docconform proxy"); w.key("version"); w.string(creatorVersion); w.endObject()
        w.endObject()
        // The log object stays open for its entries.
        file.write(Array("{\"log\":".utf8) + w.bytes.dropLast() + Array(",\"entries\":[\n".utf8))
    }

    public var count: Int { entries }

    public func append(_ x: CapturedExchange) {
        var w = JSONWriter(pretty: false, reserve: x.request.body.count + (x.response?.body.count ?? 0) + 2048)
        w.beginObject()
        w.key("startedDateTime"); w.string(dates.string(from: x.started))
        w.key("time"); milliseconds(x.sendMilliseconds + x.waitMilliseconds + x.receiveMilliseconds, &w)
        w.key("request"); request(x, &w)
        w.key("response"); response(x, &w)
        w.key("cache"); w.beginObject(); w.endObject()
        w.key("timings"); w.beginObject()
        w.key("send"); milliseconds(x.sendMilliseconds, &w)
        w.key("wait"); milliseconds(x.waitMilliseconds, &w)
        w.key("receive"); milliseconds(x.receiveMilliseconds, &w)
        w.endObject()
        var comments: [String] = []
        if let failure = x.failure { comments.append(failure) }
        if x.requestBodyCut { comments.append("request body of \(x.requestBodySize) bytes over the proxy's limit: not kept") }
        if x.responseBodyCut { comments.append("response body of \(x.responseBodySize) bytes over the proxy's limit: not kept") }
        if !comments.isEmpty { w.key("comment"); w.string(comments.joined(separator: "; ")) }
        w.endObject()
        if entries > 0 { file.write(Array(",\n".utf8)) }
        file.write(w.bytes)
        entries += 1
    }

    public func finish() throws(OutputFile.Failure) {
        file.write(Array("\n]}}\n".utf8))
        try file.commit()
    }

    public func abandon() { file.abandon() }

    private func request(_ x: CapturedExchange, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("method"); w.string(x.request.method)
        w.key("url"); w.string(x.url)
        w.key("httpVersion"); w.string(x.httpVersion)
        w.key("cookies"); w.beginArray(); w.endArray()
        w.key("headers"); headers(x.request.headers, &w)
        w.key("queryString"); w.beginArray()
        for (name, value) in Self.queryPairs(x.request.target) {
            w.beginObject(); w.key("name"); w.string(name); w.key("value"); w.string(value); w.endObject()
        }
        w.endArray()
        if x.requestBodySize > 0 {
            w.key("postData"); w.beginObject()
            w.key("mimeType"); w.string(x.request.headers["content-type"] ?? "")
            if !x.requestBodyCut && x.requestComplete { body(x.request.body, encodingKey: "_encoding", &w) }
            w.endObject()
        }
        w.key("headersSize"); w.int(-1)
        w.key("bodySize"); w.int(x.requestBodySize)
        w.endObject()
    }

    private func response(_ x: CapturedExchange, _ w: inout JSONWriter) {
        w.beginObject()
        let r = x.response
        w.key("status"); w.int(r?.status ?? 0)
        w.key("statusText"); w.string(x.statusText)
        w.key("httpVersion"); w.string(r == nil ? "" : x.responseVersion)
        w.key("cookies"); w.beginArray(); w.endArray()
        w.key("headers"); headers(r?.headers ?? HTTPHeaders(), &w)
        w.key("content"); w.beginObject()
        w.key("size"); w.int(x.responseBodySize)
        w.key("mimeType"); w.string(r?.headers["content-type"] ?? "")
        if let r, !x.responseBodyCut, x.responseComplete, x.responseBodySize > 0 { body(r.body, encodingKey: "encoding", &w) }
        w.endObject()
        w.key("redirectURL"); w.string(r?.headers["location"] ?? "")
        w.key("headersSize"); w.int(-1)
        w.key("bodySize"); w.int(r == nil ? -1 : x.responseBodySize)
        if r == nil, let failure = x.failure { w.key("_error"); w.string(failure) }
        w.endObject()
    }

    private func headers(_ h: HTTPHeaders, _ w: inout JSONWriter) {
        w.beginArray()
        for f in h.fields {
            w.beginObject(); w.key("name"); w.string(f.name); w.key("value"); w.string(f.value); w.endObject()
        }
        w.endArray()
    }

    /// `text`, with `encodingKey: "base64"` beside it when the bytes are not UTF-8.
    private func body(_ bytes: [UInt8], encodingKey: String, _ w: inout JSONWriter) {
        if let text = String(validating: bytes, as: UTF8.self) {
            w.key("text"); w.string(text)
        } else {
            w.key("text"); w.string(Data(bytes).base64EncodedString())
            w.key(encodingKey); w.string("base64")
        }
    }

    private func milliseconds(_ value: Double, _ w: inout JSONWriter) {
        w.rawNumber(String(format: "%.3f", value))
    }

    /// HAR's `queryString`: the target's query parameters, percent-decoded.
    static func queryPairs(_ target: String) -> [(String, String)] {
        guard let q = target.firstIndex(of: "?") else { return [] }
        var query = target[target.index(after: q)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        return query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
