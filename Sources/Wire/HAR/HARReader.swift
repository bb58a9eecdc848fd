import APIModel
import Foundation

/// One HAR entry: where it starts in the file and the exchange it records.
public struct HAREntry: Sendable {
    public var index: Int
    /// The 1-based line of the file the entry starts on.
    public var line: Int
    public var exchange: HTTPExchange
}

/// Reads HAR 1.2 files (what browsers, mitmproxy, Playwright and Charles export). The
/// entries are found with a light structural scan and parsed one at a time, so a large file
/// is never one tree. Bodies: `postData.text` (base64 when the exporters' `_encoding` custom
/// field says so, or rebuilt from `postData.params`), `response.content.text` (base64 when
/// `content.encoding` says so).
public enum HARReader {
    public struct NotHAR: Error, CustomStringConvertible {
        public var description: String
    }

    /// Calls `body` for each entry in file order; entries that cannot be read are reported
    /// (`file:line: warning`) and skipped. Throws when the file is not a HAR document at all.
    public static func read(_ bytes: [UInt8], file: String, log: inout DiagnosticLog, _ body: (HAREntry) -> Void) throws(NotHAR) {
        let scanned: Result<[Range<Int>], HARScan.Failure> = bytes.withUnsafeBufferPointer { buf in
            var scan = HARScan(bytes: buf)
            do throws(HARScan.Failure) { return .success(try scan.entrySpans()) } catch { return .failure(error) }
        }
        guard case let .success(spans) = scanned else {
            if case let .failure(why) = scanned { throw NotHAR(description: "not a HAR file: \(why.description)") }
            return
        }
        var line = 1, counted = 0
        for (index, span) in spans.enumerated() {
            line += bytes[counted..<span.lowerBound].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            counted = span.lowerBound
            let entry: JSONValue
            do {
                entry = try JSONParser.parse(Array(bytes[span]))
            } catch {
                log.warning(file, line: line + error.line - 1, "entries[\(index)]: not valid JSON, skipped: \(error.message)")
                continue
            }
            switch exchange(entry) {
            case let .success(x): body(HAREntry(index: index, line: line, exchange: x))
            case let .failure(why): log.warning(file, line: line, "entries[\(index)]: \(why.description), skipped")
            }
        }
    }

    static func exchange(_ entry: JSONValue) -> Result<HTTPExchange, NotHAR> {
        guard let request = entry["request"], let method = request["method"]?.stringValue, let url = request["url"]?.stringValue else {
            return .failure(NotHAR(description: "an entry without request.method and request.url"))
        }
        var headers = HTTPHeaders()
        var authority: String?
        for h in request["headers"]?.arrayValue ?? [] {
            guard let n = h["name"]?.stringValue, let v = h["value"]?.stringValue else { continue }
            // HTTP/2 pseudo-headers are the request line, not fields.
            if n.hasPrefix(":") { if n == ":authority" { authority = v }; continue }
            headers.append(n, v)
        }
        if let authority, !headers.contains("Host") { headers.append("Host", authority) }
        let post = request["postData"]
        var body: [UInt8] = []
        if let text = post?["text"]?.stringValue {
            let encoding = post?["_encoding"]?.stringValue ?? post?["encoding"]?.stringValue
            guard let b = decode(text, encoding: encoding) else { return .failure(NotHAR(description: "request.postData.text is not valid base64")) }
            body = b
        } else if let params = post?["params"]?.arrayValue {
            body = Array(params.map { p in formEscape(p["name"]?.stringValue ?? "") + "=" + formEscape(p["value"]?.stringValue ?? "") }.joined(separator: "&").utf8)
        }
        var exchange = HTTPExchange(request: HTTPRequest(method: method, target: url, headers: headers, body: body))
        if let response = entry["response"], let status = response["status"]?.intValue, status > 0 {
            var rh = HTTPHeaders()
            for h in response["headers"]?.arrayValue ?? [] {
                guard let n = h["name"]?.stringValue, let v = h["value"]?.stringValue, !n.hasPrefix(":") else { continue }
                rh.append(n, v)
            }
            let content = response["content"]
            var rb: [UInt8] = []
            if let text = content?["text"]?.stringValue {
                guard let b = decode(text, encoding: content?["encoding"]?.stringValue) else {
                    return .failure(NotHAR(description: "response.content.text is not valid base64"))
                }
                rb = b
            }
            exchange.response = HTTPResponse(status: status, headers: rh, body: rb)
        }
        return .success(exchange)
    }

    private static func decode(_ text: String, encoding: String?) -> [UInt8]? {
        guard encoding?.lowercased() == "base64" else { return Array(text.utf8) }
        return Data(base64Encoded: text, options: .ignoreUnknownCharacters).map(Array.init)
    }

    private static func formEscape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Finds `log.entries[*]` in a HAR document without building it: strings and nesting are
/// followed, nothing is decoded.
struct HARScan {
    struct Failure: Error { var description: String }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func entrySpans() throws(Failure) -> [Range<Int>] {
        guard try enterObject() else { throw fail("the document is not a JSON object") }
        guard try findKey("log"), try enterObject() else { throw fail("no \"log\" object") }
        guard try findKey("entries") else { throw fail("no \"log.entries\" array") }
        skipSpace()
        guard pos < bytes.count, bytes[pos] == 0x5B else { throw fail("\"log.entries\" is not an array") }
        pos += 1
        var spans: [Range<Int>] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == 0x5D { return spans }
        while true {
            skipSpace()
            let start = pos
            try skipValue()
            spans.append(start..<pos)
            skipSpace()
            guard pos < bytes.count else { throw fail("the entries array is cut short") }
            if bytes[pos] == 0x2C { pos += 1; continue }
            if bytes[pos] == 0x5D { return spans }
            throw fail("expected ',' or ']' in the entries array at byte \(pos)")
        }
    }

    private func fail(_ why: String) -> Failure { Failure(description: why) }

    private mutating func skipSpace() {
        while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x0A || bytes[pos] == 0x0D || bytes[pos] == 0x09 { pos += 1 }
    }

    private mutating func enterObject() throws(Failure) -> Bool {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == 0x7B else { return false }
        pos += 1
        return true
    }

    /// Moves past `"key":` of the current object's member named `key`, skipping the others.
    private mutating func findKey(_ key: String) throws(Failure) -> Bool {
        let wanted = Array(key.utf8)
        while true {
            skipSpace()
            guard pos < bytes.count else { return false }
            if bytes[pos] == 0x7D { return false }
            if bytes[pos] == 0x2C { pos += 1; continue }
            guard bytes[pos] == 0x22 else { throw fail("expected a key at byte \(pos)") }
            let start = pos + 1
            try skipString()
            let name = bytes[start..<(pos - 1)]
            skipSpace()
            guard pos < bytes.count, bytes[pos] == 0x3A else { throw fail("expected ':' at byte \(pos)") }
            pos += 1
            if name.elementsEqual(wanted) { return true }
            try skipValue()
        }
    }

    private mutating func skipString() throws(Failure) {
        pos += 1
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x5C: pos += 2
            case 0x22: pos += 1; return
            default: pos += 1
            }
        }
        throw fail("a string is cut short")
    }

    private mutating func skipValue() throws(Failure) {
        skipSpace()
        var depth = 0
        repeat {
            guard pos < bytes.count else { throw fail("the document is cut short") }
            switch bytes[pos] {
            case 0x22: try skipString(); continue
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth < 0 { throw fail("unbalanced '\(Character(Unicode.Scalar(bytes[pos])))' at byte \(pos)") }
            case 0x2C where depth == 0: return
            default: break
            }
            pos += 1
        } while depth > 0 || !(pos >= bytes.count || [0x2C, 0x5D, 0x7D].contains(bytes[pos]))
    }
}
