import Foundation
import NIOCore
import NIOPosix

/// A stand-in upstream on loopback that speaks raw bytes: it records every request exactly as
/// the proxy sent it and answers each with the next scripted response, byte for byte (or, with
/// no script left, never answers).
final class ScriptedUpstream: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [[UInt8]]
    private var _received: [[UInt8]] = []
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private(set) var port = 0

    init(responses: [[UInt8]]) throws {
        self.responses = responses
        let server = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler(upstream: self)) }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        channel = server
        port = server.localAddress!.port!
    }

    /// The requests as they arrived, one per complete request.
    var received: [[UInt8]] { lock.withLock { _received } }

    func stop() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    fileprivate func take(_ request: [UInt8]) -> [UInt8]? {
        lock.withLock {
            _received.append(request)
            return responses.isEmpty ? nil : responses.removeFirst()
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let upstream: ScriptedUpstream
        var pending: [UInt8] = []
        init(upstream: ScriptedUpstream) { self.upstream = upstream }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += unwrapInboundIn(data).readableBytesView
            while let n = RawHTTP.completeMessageLength(pending) {
                let request = Array(pending[..<n])
                pending.removeFirst(n)
                if let response = upstream.take(request) {
                    context.writeAndFlush(NIOAny(context.channel.allocator.buffer(bytes: response)), promise: nil)
                }
            }
        }
    }
}

/// Just enough of HTTP/1.1 framing for the test peers (Content-Length bodies only), so the
/// bytes on the wire can be compared exactly.
enum RawHTTP {
    static func completeMessageLength(_ bytes: [UInt8]) -> Int? {
        guard let end = headEnd(bytes) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        var length = 0
        for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return bytes.count >= end + length ? end + length : nil
    }

    /// The offset just past the blank line that ends the head.
    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 { return i + 4 }
        return nil
    }

    /// A message from its start line, header lines and body (Content-Length is the caller's).
    static func message(_ startLine: String, _ headers: [String], _ body: [UInt8]) -> [UInt8] {
        Array(([startLine] + headers).map { $0 + "\r\n" }.joined().utf8) + Array("\r\n".utf8) + body
    }

    /// The message without the header lines named (as a proxy drops hop-by-hop fields).
    static func dropping(_ names: Set<String>, from message: [UInt8]) -> [UInt8] {
        let end = headEnd(message)!
        let lines = String(decoding: message[..<(end - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let kept = lines.filter { line in
            guard let colon = line.firstIndex(of: ":") else { return true }
            return !names.contains(line[..<colon].lowercased())
        }
        return Array((kept.joined(separator: "\r\n") + "\r\n\r\n").utf8) + message[end...]
    }
}

/// A blocking loopback client that sends exact bytes and reads exact bytes.
final class RawClient {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            off += n
        }
    }

    /// One whole response (Content-Length framing), or what came before the connection closed.
    func readResponse() -> [UInt8] {
        var got: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while RawHTTP.completeMessageLength(got) == nil {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            got += chunk[..<n]
        }
        return got
    }

    /// true when the peer has closed the connection (reads give end of file).
    func closedByPeer() -> Bool {
        var b: UInt8 = 0
        return recv(fd, &b, 1, 0) == 0
    }
}

/// The reading end of a pipe the proxy writes its results to, read line by line with a deadline.
final class ResultPipe {
    let readFD: Int32
    let writePath: String
    private let writeFD: Int32
    private var buffered: [UInt8] = []

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        readFD = fds[0]
        writeFD = fds[1]
        writePath = "/dev/fd/\(fds[1])"
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// The next complete line, or nil when none comes within the time.
    func nextLine(within seconds: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let nl = buffered.firstIndex(of: 10) {
                let line = String(decoding: buffered[..<nl], as: UTF8.self)
                buffered.removeFirst(nl + 1)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var p = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(left * 1000)) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            guard n > 0 else { return nil }
            buffered += chunk[..<n]
        }
    }
}

/// A loopback port with nothing listening on it.
func closedLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}
