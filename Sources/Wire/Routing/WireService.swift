import APIModel

/// One service of the model as the wire sees it: its protocols, its operations by X-Amz-Target
/// and by `Action`, its REST routes by method, and each operation's trees compiled for the
/// decoders (on first use).
final class WireService {
    let service: Service
    let protocols: [WireProtocol]
    private let compiler: WireShapeCompiler
    private var compiled: [String: (input: WireShape?, output: WireShape?)] = [:]
    private var compiledErrors: [String: WireShape] = [:]
    private var routeTable: [String: [Route]]?

    struct Route {
        let template: URITemplate
        let operation: String
        /// Required members bound to the query string and headers: operations that share a
        /// route (S3's PutObject and CopyObject, DeleteObject and AbortMultipartUpload) differ by them.
        let requiredQuery: [String]
        let requiredHeaders: [String]
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

    /// The error shape of this name (`Service.errorShapes`), compiled on first use.
    func errorShape(_ name: String) -> WireShape? {
        if let c = compiledErrors[name] { return c }
        guard let error = service.errorShapes[name] else { return nil }
        let c = compiler.compile(error.shape)
        compiledErrors[name] = c
        return c
    }

    /// The operation a REST request's method, path and query name, with its label values.
    /// Among routes that fit the path, the most specific whose required query parameters and
    /// headers the request has (the most specific fitting the path when none has them all).
    func route(method: String, path: [Substring], query: [(key: String, value: String?)], headers: HTTPHeaders) -> (operation: String, template: URITemplate, labels: [String: String])? {
        if routeTable == nil { routeTable = buildRoutes() }
        var first: (Route, [String: String])?
        var best: (Route, [String: String])?
        for r in routeTable?[method.uppercased()] ?? [] {
            guard let labels = r.template.match(path: path, query: query) else { continue }
            if first == nil { first = (r, labels) }
            let present = r.requiredQuery.allSatisfy { k in query.contains { $0.key == k } } && r.requiredHeaders.allSatisfy(headers.contains)
            guard present else { continue }
            if let b = best {
                let x = r.template.rank, y = b.0.template.rank
                // Routes come most specific first: a later one wins only by naming more required members.
                if (x.query, x.literals, x.labels) == (y.query, y.literals, y.labels),
                   r.requiredQuery.count + r.requiredHeaders.count > b.0.requiredQuery.count + b.0.requiredHeaders.count { best = (r, labels) }
            } else {
                best = (r, labels)
            }
        }
        guard let (r, labels) = best ?? first else { return nil }
        return (r.operation, r.template, labels)
    }

    private func buildRoutes() -> [String: [Route]] {
        var table: [String: [Route]] = [:]
        for (name, op) in service.operations {
            guard let uri = op.http?.requestUri else { continue }
            var query: [String] = [], headers: [String] = []
            for (member, shape) in op.input?.members ?? [:] where op.input?.isRequired(member) == true {
                if shape.location == "querystring" { query.append(shape.locationName ?? member) }
                if shape.location == "header" { headers.append(shape.locationName ?? member) }
            }
            table[(op.http?.method ?? "POST").uppercased(), default: []].append(
                Route(template: URITemplate(uri), operation: name, requiredQuery: query, requiredHeaders: headers))
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
