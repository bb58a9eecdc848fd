import Foundation
import NIOCore
import NIOHTTP1
import Wire

/// A body as it went by: every byte counted, the first `limit` kept.
struct BodyCapture {
    private(set) var bytes: [UInt8] = []
    private(set) var size = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var cut: Bool { size > bytes.count }

    mutating func append(_ buffer: ByteBuffer) {
        size += buffer.readableBytes
        guard bytes.count < limit else { return }
        let room = limit - bytes.count
        buffer.withUnsafeReadableBytes { raw in
            if raw.count <= room {
                bytes.append(contentsOf: raw)
            } else {
                bytes.append(contentsOf: raw.prefix(room))
            }
        }
    }
}

/// One exchange as the proxy saw it: the request as the client sent it, the response as the
/// upstream sent it (headers, hop-by-hop ones included, in their order and spelling), or why
/// there was none.
public struct CapturedExchange: Sendable {
    /// 1-based, in the order requests arrived.
    public var number: Int
    public var started: Date
    public var httpVersion: String
    /// The request with its body as kept (see `requestBodyCut`).
    public var request: Wire.HTTPRequest
    public var requestBodySize: Int
    /// The body is longer than the limit: only its start is kept.
    public var requestBodyCut: Bool
    /// The request was read to its end.
    public var requestComplete: Bool
    /// The response with its body as kept; nil when the upstream gave none.
    public var response: Wire.HTTPResponse?
    public var responseVersion: String
    public var statusText: String
    public var responseBodySize: Int
    public var responseBodyCut: Bool
    /// The response was read to its end.
    public var responseComplete: Bool
    /// Why the exchange did not complete: the upstream refused, timed out, reset, or the client left.
    public var failure: String?
    /// The failure is the client's: it closed its connection before the exchange was over.
    public var clientLeft = false
    /// Milliseconds: request forwarded, waiting for the response head, receiving the body.
    public var sendMilliseconds: Double
    public var waitMilliseconds: Double
    public var receiveMilliseconds: Double

    /// The URL the client asked for: absolute-form targets as given, others on the Host header.
    public var url: String {
        let target = request.target
        if target.lowercased().hasPrefix("http://") || target.lowercased().hasPrefix("https://") { return target }
        let host = request.headers["host"] ?? "localhost"
        return "http://\(host)\(target.hasPrefix("/") ? "" : "/")\(target)"
    }
}

extension Wire.HTTPHeaders {
    init(_ headers: NIOHTTP1.HTTPHeaders) {
        self.init()
        for (name, value) in headers { append(name, value) }
    }
}

extension HTTPVersion {
    var text: String { "HTTP/\(major).\(minor)" }
}
