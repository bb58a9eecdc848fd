import NIOHTTP1

/// RFC 9110 §7.6.1: connection-specific fields are not forwarded — `Connection`, the fields it
/// names, and the classic hop-by-hop set. `Transfer-Encoding` stays: the proxy forwards the body
/// framed the same way (NIO re-encodes the chunks), so the field still describes the message.
enum HopByHopHeaders {
    private static let fixed: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade",
        "proxy-authenticate", "proxy-authorization",
    ]

    /// The headers without the connection-specific ones, order and spelling kept.
    static func removed(from headers: HTTPHeaders) -> HTTPHeaders {
        var named = fixed
        for value in headers[canonicalForm: "connection"] { named.insert(value.lowercased()) }
        named.remove("transfer-encoding")
        guard headers.contains(where: { named.contains($0.name.lowercased()) }) else { return headers }
        var out = HTTPHeaders()
        for (name, value) in headers where !named.contains(name.lowercased()) { out.add(name: name, value: value) }
        return out
    }
}
