import APIModel

/// One service of the model as the wire sees it: its protocols, its operations by X-Amz-Target
/// and by `Action`, its REST routes by method, and each operation's trees compiled for the
/// decoders (on first use).
final class WireService {
    let service: Service
    let protocols: [WireProtocol]
    private let compiler: WireShapeCompiler
    private var compiled: [String: (input: WireShape?, output: WireShape?)] = [:]
    private var routeTable: [String: [Route]]?

    struct Route {
        let template: URITemplate
        let operation: String
    }

    init(_ service: Service) {
        self.service = service
        var protocols = service.wire.protocols.compactMap(WireProtocol.init(rawValue:))
        if protocols.isEmpty, let p = service.protocolName.flatMap(WireProtocol.init(rawValue:)) { protocols = [p] }
        self.protocols = protocols
        compiler = WireShapeCompiler(service: service)
    }

    var name: String { service.name }
    /// The SigV4 signing name, as requests' credential scopes give it.
    var signingName: String? { service.signingName ?? service.endpointPrefix }

    func speaks(_ p: WireProtocol) -> Bool { protocols.contains(p) }

    func shapes(_ operation: String) -> (input: WireShape?, output: WireShape?) {
        if let c = compiled[operation] { return c }
        let op = service.operations[operation]
        let c = (op?.input.map(compiler.compile), op?.output.map(compiler.compile))
        compiled[operation] = c
        return c
    }

    /// The operation a REST request's method, path and query name, with its label values.
    func route(method: String, path: [Substring], query: [(key: String, value: String?)]) -> (operation: String, template: URITemplate, labels: [String: String])? {
        if routeTable == nil { routeTable = buildRoutes() }
        for r in routeTable?[method.uppercased()] ?? [] {
            if let labels = r.template.match(path: path, query: query) { return (r.operation, r.template, labels) }
        }
        return nil
    }

    private func buildRoutes() -> [String: [Route]] {
        var table: [String: [Route]] = [:]
        for (name, op) in service.operations {
            guard let uri = op.http?.requestUri else { continue }
            table[(op.http?.method ?? "POST").uppercased(), default: []].append(Route(template: URITemplate(uri), operation: name))
        }
        for k in table.keys {
            // Most specific first: literal query keys, then literal segments, then fewer labels.
            table[k]!.sort { a, b in
                let x = a.template.rank, y = b.template.rank
                if x.query != y.query { return x.query > y.query }
                if x.literals != y.literals { return x.literals > y.literals }
                if x.labels != y.labels { return x.labels > y.labels }
                return a.operation < b.operation
            }
        }
        return table
    }
}
