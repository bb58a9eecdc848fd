import Foundation

/// Where the proxy listens, where it forwards, and its limits.
public struct ProxyConfiguration: Sendable {
    public var listen: Endpoint
    public var upstream: Endpoint
    /// Bytes of one message body kept for validation and the HAR file; a longer body is still
    /// forwarded whole, but that side of the exchange is not checked.
    public var maxBodyBytes: Int
    /// How long the upstream may take to connect, and to answer once the request is sent.
    public var upstreamTimeout: TimeAmountSeconds
    /// false: forward and record only (for throughput figures without the checker).
    public var validate: Bool

    public init(listen: Endpoint, upstream: Endpoint, maxBodyBytes: Int = 16 << 20, upstreamTimeout: TimeAmountSeconds = 60, validate: Bool = true) {
        self.listen = listen
        self.upstream = upstream
        self.maxBodyBytes = maxBodyBytes
        self.upstreamTimeout = upstreamTimeout
        self.validate = validate
    }
}

public typealias TimeAmountSeconds = Double

/// A host and port: the listen address (`127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`) or an
/// upstream URL (`http://127.0.0.1:5000`).
public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// `HOST:PORT`; an IPv6 host in brackets. Port 0 asks the system for a free port.
    public static func listenAddress(_ text: String) throws(Invalid) -> Endpoint {
        guard let (host, port) = splitHostPort(Substring(text)), let port else {
            throw Invalid(description: "'\(text)' is not HOST:PORT (e.g. 127.0.0.1:8080)")
        }
        return Endpoint(host: host, port: port)
    }

    /// `http://HOST[:PORT][/]`: plain HTTP only (the proxy is for local mock servers).
    public static func upstreamURL(_ text: String) throws(Invalid) -> Endpoint {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") else {
            let why = lower.hasPrefix("https://") ? "HTTPS upstreams are not supported (the proxy speaks plain HTTP to local mock servers)" : "it is not an http:// URL"
            throw Invalid(description: "upstream '\(text)': \(why)")
        }
        var rest = Substring(text).dropFirst("http://".count)
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else {
                throw Invalid(description: "upstream '\(text)': a path is not supported (requests keep their own path)")
            }
            rest = rest[..<slash]
        }
        guard let (host, port) = splitHostPort(rest), !host.isEmpty else {
            throw Invalid(description: "upstream '\(text)': no host")
        }
        return Endpoint(host: host, port: port ?? 80)
    }

    /// Loopback: 127.0.0.0/8, ::1, localhost.
    public var isLoopback: Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// As written in a URL authority or Host header.
    public var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    public var description: String { authority }

    private static func splitHostPort(_ s: Substring) -> (String, Int?)? {
        var host = s
        var portText: Substring?
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { return nil }
            host = s[s.index(after: s.startIndex)..<close]
            let after = s[s.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = s.lastIndex(of: ":") {
            guard s.firstIndex(of: ":") == colon else { return nil }  // an IPv6 address needs brackets
            host = s[..<colon]
            portText = s[s.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        guard let portText else { return (String(host), nil) }
        guard let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (String(host), port)
    }
}
