import NIOCore
import NIOHTTP1
import NIOPosix

/// The upstream end of one client connection: hands what the upstream says to the client side.
final class UpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private weak var client: ClientConnection?

    init(client: ClientConnection) { self.client = client }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        client?.upstreamRead(unwrapInboundIn(data))
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { client?.upstreamBecameWritable() }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        client?.upstreamFailed(Failure.describe(error), channel: context.channel)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        client?.upstreamClosed(context.channel)
        context.fireChannelInactive()
    }
}

/// Upstream failures in the words of a diagnostic.
enum Failure {
    static func describe(_ error: Error) -> String {
        if let e = error as? IOError { return e.description }
        if error is ChannelError, case .connectTimeout(let t) = error as! ChannelError {
            return "no connection within \(Double(t.nanoseconds) / 1e9) s"
        }
        if let e = error as? NIOConnectionError {
            if let first = e.connectionErrors.first { return describe(first.error) }
            if let dns = e.dnsAAAAError ?? e.dnsAError { return "cannot resolve \(e.host): \(dns)" }
            return "cannot connect to \(e.host):\(e.port)"
        }
        return String(describing: error)
    }
}
