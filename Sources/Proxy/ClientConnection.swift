import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Wire

/// One client connection. Each request goes to the upstream over a connection of this client's
/// own (kept while both sides keep theirs), part by part as it arrives; the response comes back
/// the same way; a copy of each side (up to the body limit) goes to the recorder once the
/// exchange is over. Everything runs on the proxy's one event loop.
final class ClientConnection: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let configuration: ProxyConfiguration
    private let recorder: ExchangeRecorder
    private var context: ChannelHandlerContext?

    private enum Upstream {
        case none
        case connecting
        case connected(Channel)
    }
    private var upstream = Upstream.none
    /// Request parts read while the upstream connection opens.
    private var waiting: [HTTPClientRequestPart] = []
    private var exchange: Exchange?
    private var timeout: Scheduled<Void>?
    /// The proxy is stopping: close once the exchange in flight is over.
    private var stopping = false
    var onClose: (() -> Void)?

    /// The exchange in flight.
    private struct Exchange {
        var started = Date()
        var startNanos = NIODeadline.now().uptimeNanoseconds
        var requestHead: HTTPRequestHead
        var requestBody: BodyCapture
        var requestEndNanos: UInt64?
        var responseHead: HTTPResponseHead?
        var responseHeadNanos: UInt64 = 0
        var responseBody: BodyCapture
        /// The client asked to close, or the response body ends with the connection.
        var closeClientAfter: Bool
    }

    init(configuration: ProxyConfiguration, recorder: ExchangeRecorder) {
        self.configuration = configuration
        self.recorder = recorder
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    // MARK: client → upstream

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            exchange = Exchange(requestHead: head, requestBody: BodyCapture(limit: configuration.maxBodyBytes),
                                responseBody: BodyCapture(limit: configuration.maxBodyBytes), closeClientAfter: !head.isKeepAlive)
            var out = head
            out.headers = HopByHopHeaders.removed(from: head.headers)
            out.uri = Self.originForm(head.uri)
            forward(.head(out))
        case let .body(buffer):
            guard exchange != nil else { return }
            exchange!.requestBody.append(buffer)
            forward(.body(.byteBuffer(buffer)))
        case let .end(trailers):
            guard exchange != nil else { return }
            exchange!.requestEndNanos = NIODeadline.now().uptimeNanoseconds
            forward(.end(trailers))
            armTimeout()
        }
    }

    /// An absolute-form target (`GET http://host/path`, as sent to a forward proxy) goes on as
    /// origin-form; the upstream is fixed.
    static func originForm(_ uri: String) -> String {
        guard uri.lowercased().hasPrefix("http://") else { return uri }
        let rest = uri.dropFirst("http://".count)
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        return rest[slash] == "?" ? "/" + rest[slash...] : String(rest[slash...])
    }

    private func forward(_ part: HTTPClientRequestPart) {
        switch upstream {
        case let .connected(channel):
            channel.writeAndFlush(part, promise: nil)
            if !channel.isWritable { setAutoRead(context?.channel, false) }
        case .connecting:
            waiting.append(part)
        case .none:
            waiting.append(part)
            connect()
        }
    }

    private func connect() {
        guard let context else { return }
        upstream = .connecting
        setAutoRead(context.channel, false)
        let framing = HTTPRequestEncoder.Configuration.keepingFramingHeaders
        ClientBootstrap(group: context.eventLoop)
            .connectTimeout(.nanoseconds(Int64(configuration.upstreamTimeout * 1e9)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        HTTPRequestEncoder(configuration: framing),
                        ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .forward)),
                    ])
                }
            }
            .connect(host: configuration.upstream.host, port: configuration.upstream.port)
            .assumeIsolated()
            .whenComplete { result in self.connected(result) }
    }

    private func connected(_ result: Result<Channel, Error>) {
        switch result {
        case let .success(channel):
            guard let context, case .connecting = upstream else {
                channel.close(promise: nil)
                return
            }
            do {
                try channel.pipeline.syncOperations.addHandler(UpstreamHandler(client: self))
            } catch {
                channel.close(promise: nil)
                upstream = .none
                fail("cannot set up the upstream connection: \(Failure.describe(error))")
                return
            }
            upstream = .connected(channel)
            for part in waiting { channel.write(part, promise: nil) }
            waiting.removeAll()
            channel.flush()
            setAutoRead(context.channel, channel.isWritable)
        case let .failure(error):
            upstream = .none
            waiting.removeAll()
            fail("cannot connect: \(Failure.describe(error))")
        }
    }

    // MARK: upstream → client

    func upstreamRead(_ part: HTTPClientResponsePart) {
        guard let context, exchange != nil else { return }
        switch part {
        case var .head(head):
            if head.status.code >= 100 && head.status.code < 200 && head.status.code != 101 {
                head.headers = HopByHopHeaders.removed(from: head.headers)
                writeToClient(context, .head(head))  // 100 Continue and the like, passed on as they come
                return
            }
            exchange!.responseHead = head
            exchange!.responseHeadNanos = NIODeadline.now().uptimeNanoseconds
            if Self.bodyEndsWithConnection(head, request: exchange!.requestHead) { exchange!.closeClientAfter = true }
            head.headers = HopByHopHeaders.removed(from: head.headers)
            if exchange!.closeClientAfter { head.headers.add(name: "Connection", value: "close") }
            armTimeout()
            writeToClient(context, .head(head))
        case let .body(buffer):
            exchange!.responseBody.append(buffer)
            armTimeout()
            writeToClient(context, .body(.byteBuffer(buffer)))
        case let .end(trailers):
            timeout?.cancel()
            timeout = nil
            let done = exchange!
            exchange = nil
            context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: nil)
            if let head = done.responseHead, !head.isKeepAlive { dropUpstream() }
            recorder.record(captured(done, failure: nil))
            if done.closeClientAfter || stopping { context.close(promise: nil) }
        }
    }

    /// No Content-Length, not chunked: the body runs until the upstream closes (RFC 9112 §6.3).
    private static func bodyEndsWithConnection(_ head: HTTPResponseHead, request: HTTPRequestHead) -> Bool {
        let code = head.status.code
        if request.method == .HEAD || code == 204 || code == 304 || (code >= 100 && code < 200) { return false }
        if head.headers.contains(name: "content-length") { return false }
        return !head.headers[canonicalForm: "transfer-encoding"].contains { $0.lowercased() == "chunked" }
    }

    private func writeToClient(_ context: ChannelHandlerContext, _ part: HTTPServerResponsePart) {
        context.writeAndFlush(wrapOutboundOut(part), promise: nil)
        if !context.channel.isWritable, case let .connected(channel) = upstream { setAutoRead(channel, false) }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, case let .connected(channel) = upstream { setAutoRead(channel, true) }
        context.fireChannelWritabilityChanged()
    }

    func upstreamBecameWritable() {
        setAutoRead(context?.channel, true)
    }

    // MARK: failures and closing

    func upstreamFailed(_ why: String, channel: Channel) {
        guard case let .connected(current) = upstream, current === channel else { return }
        fail(why)
    }

    func upstreamClosed(_ channel: Channel) {
        guard case let .connected(current) = upstream, current === channel else { return }
        upstream = .none
        guard let exchange, exchange.requestEndNanos != nil || exchange.responseHead != nil else { return }
        fail(exchange.responseHead == nil ? "the upstream closed the connection without answering"
                                          : "the upstream closed the connection in the middle of the response")
    }

    /// The exchange in flight cannot complete: a 502 if the client has no response yet (the
    /// connection is closed either way, since the request may not have been read to its end).
    private func fail(_ why: String) {
        timeout?.cancel()
        timeout = nil
        dropUpstream()
        guard let done = exchange else { return }
        exchange = nil
        let url = "http://\(configuration.upstream.authority)"
        if let context {
            if done.responseHead == nil {
                let text = Array("docconform proxy: upstream \(url): \(why)\n".utf8)
                var headers = NIOHTTP1.HTTPHeaders()
                headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
                headers.add(name: "Content-Length", value: String(text.count))
                headers.add(name: "Connection", value: "close")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: done.requestHead.version, status: .badGateway, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: text)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
            context.close(promise: nil)
        }
        recorder.record(captured(done, failure: "upstream \(url): \(why)" + (done.responseHead == nil ? "; answered 502" : "; the client's connection was closed")))
    }

    private func dropUpstream() {
        waiting.removeAll()
        if case let .connected(channel) = upstream {
            upstream = .none
            channel.close(promise: nil)
        } else if case .connecting = upstream {
            upstream = .none
        }
    }

    private func armTimeout() {
        guard let context else { return }
        timeout?.cancel()
        let seconds = configuration.upstreamTimeout
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
            self.fail("no answer within \(seconds) s")
        }
    }

    func closeWhenIdle() {
        stopping = true
        if exchange == nil { context?.close(promise: nil) }
    }

    func closeNow() { context?.close(promise: nil) }

    func channelInactive(context: ChannelHandlerContext) {
        defer { onClose?(); onClose = nil }
        timeout?.cancel()
        timeout = nil
        dropUpstream()
        if let done = exchange {
            exchange = nil
            var x = captured(done, failure: "the client closed the connection before the exchange was over")
            x.clientLeft = true
            recorder.record(x)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func setAutoRead(_ channel: Channel?, _ on: Bool) {
        guard let options = channel?.syncOptions else { return }
        try? options.setOption(.autoRead, value: on)
    }

    private func captured(_ x: Exchange, failure: String?) -> CapturedExchange {
        let now = NIODeadline.now().uptimeNanoseconds
        let ms = { (a: UInt64, b: UInt64) in b > a ? Double(b - a) / 1e6 : 0 }
        let requestEnd = x.requestEndNanos ?? now
        var response: Wire.HTTPResponse?
        if let head = x.responseHead {
            response = Wire.HTTPResponse(status: Int(head.status.code), headers: Wire.HTTPHeaders(head.headers), body: x.responseBody.bytes)
        }
        return CapturedExchange(
            number: 0, started: x.started, httpVersion: x.requestHead.version.text,
            request: Wire.HTTPRequest(method: x.requestHead.method.rawValue, target: x.requestHead.uri,
                                      headers: Wire.HTTPHeaders(x.requestHead.headers), body: x.requestBody.bytes),
            requestBodySize: x.requestBody.size, requestBodyCut: x.requestBody.cut, requestComplete: x.requestEndNanos != nil,
            response: response, responseVersion: x.responseHead?.version.text ?? "HTTP/1.1",
            statusText: x.responseHead?.status.reasonPhrase ?? "",
            responseBodySize: x.responseBody.size, responseBodyCut: x.responseBody.cut, responseComplete: response != nil && failure == nil,
            failure: failure,
            sendMilliseconds: ms(x.startNanos, requestEnd),
            waitMilliseconds: x.responseHead == nil ? ms(requestEnd, now) : ms(requestEnd, x.responseHeadNanos),
            receiveMilliseconds: x.responseHead == nil ? 0 : ms(x.responseHeadNanos, now))
    }
}

extension HTTPRequestEncoder.Configuration {
    /// Content-Length and Transfer-Encoding go on as the client sent them (the body is forwarded
    /// unchanged, so they still describe it).
    static var keepingFramingHeaders: Self {
        var c = Self()
        c.automaticallySetFramingHeaders = false
        return c
    }
}
