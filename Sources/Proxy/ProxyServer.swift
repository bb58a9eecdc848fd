import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The recording proxy: one event loop thread accepts clients, forwards their exchanges and
/// validates them as they complete.
public final class ProxyServer: Sendable {
    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    private let group: MultiThreadedEventLoopGroup
    private let server: Channel
    private let connections: NIOLoopBound<ConnectionRegistry>
    /// Where the proxy listens (the port the system chose for port 0).
    public let address: Endpoint

    private init(group: MultiThreadedEventLoopGroup, server: Channel, connections: NIOLoopBound<ConnectionRegistry>, address: Endpoint) {
        self.group = group
        self.server = server
        self.connections = connections
        self.address = address
    }

    public static func start(_ configuration: ProxyConfiguration, recorder: ExchangeRecorder) throws(StartFailure) -> ProxyServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        // Made on the loop it belongs to.
        guard let registry = try? loop.submit({ NIOLoopBound(ConnectionRegistry(), eventLoop: loop) }).wait() else {
            try? group.syncShutdownGracefully()
            throw StartFailure(description: "the event loop did not start")
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    var framing = HTTPResponseEncoder.Configuration()
                    framing.automaticallySetFramingHeaders = false  // the upstream's framing headers go on as they are
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withEncoderConfiguration: framing)
                    let handler = ClientConnection(configuration: configuration, recorder: recorder)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    registry.value.add(handler)
                }
            }
        do {
            let server = try bootstrap.bind(host: configuration.listen.host, port: configuration.listen.port).wait()
            let port = server.localAddress?.port ?? configuration.listen.port
            return ProxyServer(group: group, server: server, connections: registry,
                               address: Endpoint(host: configuration.listen.host, port: port))
        } catch {
            try? group.syncShutdownGracefully()
            throw StartFailure(description: "cannot listen on \(configuration.listen.authority): \(Failure.describe(error))")
        }
    }

    /// Stops accepting; connections close once their exchange in flight is over (at the latest
    /// after `grace` seconds); returns when the last one has closed and the loop has stopped.
    /// Every exchange that completed has been recorded by then.
    public func stop(grace: Double = 5) {
        let loop = server.eventLoop
        let connections = self.connections
        try? server.close().wait()
        let closed = loop.flatSubmit {
            connections.value.closeWhenIdle(on: loop, grace: grace)
        }
        try? closed.wait()
        try? group.syncShutdownGracefully()
    }

    /// Blocks until SIGINT or SIGTERM, then stops as `stop` does.
    public func runUntilSignalled(grace: Double = 5) {
        let stopped = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stopped.signal() }
            source.resume()
            sources.append(source)
        }
        stopped.wait()
        for s in sources { s.cancel() }
        stop(grace: grace)
    }
}

/// The open client connections (loop only), for the graceful stop.
final class ConnectionRegistry {
    private var open: [ObjectIdentifier: ClientConnection] = [:]
    private var allClosed: EventLoopPromise<Void>?

    func add(_ c: ClientConnection) {
        open[ObjectIdentifier(c)] = c
        c.onClose = { [weak self] in self?.remove(c) }
    }

    private func remove(_ c: ClientConnection) {
        open[ObjectIdentifier(c)] = nil
        if open.isEmpty { allClosed?.succeed() }
    }

    func closeWhenIdle(on loop: EventLoop, grace: Double) -> EventLoopFuture<Void> {
        let promise = loop.makePromise(of: Void.self)
        guard !open.isEmpty else {
            promise.succeed()
            return promise.futureResult
        }
        allClosed = promise
        for c in open.values { c.closeWhenIdle() }
        loop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(grace * 1e9))) { [weak self] in
            for c in self?.open.values ?? [:].values { c.closeNow() }
        }
        return promise.futureResult
    }
}
