import APIModel

/// Finds the service, operation and protocol of a request from what the request itself
/// says: the SigV4 credential scope (or a hint, or the host) narrows the services; then
/// `X-Amz-Target`, the form's `Action` and `Version`, an rpc-v2 path, or the method and
/// path against each REST route pick the operation. Where one signing name serves several
/// services (`elasticloadbalancing`: elb and elbv2), the request's own target prefix, API
/// version or path decides.
final class OperationIdentifier {
    private let services: [WireService]
    private let byName: [String: WireService]

    init(model: Model) {
        services = model.services.values.sorted { $0.name < $1.name }.map(WireService.init)
        var byName: [String: WireService] = [:]
        for s in services { byName[s.name] = s }
        self.byName = byName
    }

    func service(named name: String) -> WireService? { byName[name] }

    struct Identified {
        let service: WireService
        let operation: String
        let proto: WireProtocol
        /// REST: label values and the literal query keys of the route.
        var labels: [String: String] = [:]
        var literalQueryKeys: Set<String> = []
        /// Other services that would have fit as well (the first in name order was taken).
        var alsoMatching: [String] = []
    }

    enum Outcome {
        case found(Identified)
        /// Why no operation fits, said for the record's `operation` issue.
        case notFound(String)
    }

    func identify(_ request: HTTPRequest, target: RequestTarget, hint: String?, formPairs: () -> [(key: String, value: String)]) -> Outcome {
        let scope = Self.credentialScopeService(request, target)
        let candidates = candidates(hint: hint, scope: scope, host: target.host)
        guard !candidates.isEmpty else {
            let named = hint ?? scope ?? target.host ?? "(none)"
            return .notFound("no service of the model is signed, hinted or hosted as \(DecodeLog.display(named))")
        }
        let headers = request.headers
        let contentType = headers["Content-Type"]?.lowercased() ?? ""

        if let amzTarget = headers["X-Amz-Target"] {
            guard let dot = amzTarget.lastIndex(of: ".") else {
                return .notFound("X-Amz-Target \(DecodeLog.display(amzTarget)) is not PREFIX.Operation")
            }
            let prefix = String(amzTarget[..<dot]), op = String(amzTarget[amzTarget.index(after: dot)...])
            let fits = candidates.filter { $0.service.wire.targetPrefix == prefix && $0.speaks(.json) }
            let withOp = fits.filter { $0.service.operations[op] != nil }
            guard let first = withOp.first else {
                if let s = fits.first { return .notFound("X-Amz-Target \(DecodeLog.display(amzTarget)): \(s.name) has no operation \(DecodeLog.display(op))") }
                return .notFound("X-Amz-Target \(DecodeLog.display(amzTarget)): no service has the target prefix \(DecodeLog.display(prefix))")
            }
            return .found(pick(withOp, scope: scope, Identified(service: first, operation: op, proto: .json)))
        }

        if contentType.hasPrefix("application/cbor") || headers["smithy-protocol"] != nil || target.path.hasPrefix("/service/") {
            let parts = URITemplate.split(target.path)
            if parts.count == 4, parts[0] == "service", parts[2] == "operation" {
                let prefix = String(parts[1]), op = String(parts[3])
                let fits = candidates.filter { ($0.service.wire.targetPrefix == prefix || $0.name == prefix) && $0.service.operations[op] != nil }
                if let first = fits.first { return .found(pick(fits, scope: scope, Identified(service: first, operation: op, proto: .rpcV2CBOR))) }
                if contentType.hasPrefix("application/cbor") {
                    return .notFound("rpc-v2 path \(DecodeLog.display(target.path)) names no operation of the model")
                }
            }
        }

        let action = target.query.first { $0.key == "Action" }?.value ?? (contentType.hasPrefix("application/x-www-form-urlencoded") ? formPairs().first { $0.key == "Action" }?.value : nil)
        if let action {
            let version = target.query.first { $0.key == "Version" }?.value ?? formPairs().first { $0.key == "Version" }?.value
            let fits = candidates.filter { ($0.speaks(.query) || $0.speaks(.ec2)) && $0.service.operations[action] != nil }
            let sameVersion = fits.filter { version == nil || $0.service.apiVersion == version }
            let chosen = sameVersion.isEmpty ? fits : sameVersion
            guard let first = chosen.first else {
                return .notFound("Action \(DecodeLog.display(action))\(version.map { " (Version \($0))" } ?? "") names no operation of \(Self.names(candidates))")
            }
            return .found(pick(chosen, scope: scope, Identified(service: first, operation: action, proto: first.speaks(.ec2) ? .ec2 : .query)))
        }

        let path = URITemplate.split(target.path)
        var best: (WireService, String, URITemplate, [String: String])?
        var ties: [WireService] = []
        for s in candidates where s.speaks(.restJSON) || s.speaks(.restXML) {
            guard let r = s.route(method: request.method, path: path, query: target.query, headers: request.headers) ?? virtualHosted(s, request, target, path) else { continue }
            if let b = best {
                let x = r.template.rank, y = b.2.rank
                if (x.query, x.literals, x.labels) > (y.query, y.literals, y.labels) { best = (s, r.operation, r.template, r.labels); ties = [s] } else if (x.query, x.literals, x.labels) == (y.query, y.literals, y.labels) { ties.append(s) }
            } else {
                best = (s, r.operation, r.template, r.labels)
                ties = [s]
            }
        }
        guard let (service, operation, template, labels) = best else {
            return .notFound("\(request.method) \(target.path) matches no operation of \(Self.names(candidates))")
        }
        var found = Identified(service: service, operation: operation, proto: service.speaks(.restXML) ? .restXML : .restJSON)
        found.labels = labels
        found.literalQueryKeys = Set(template.literalQuery.map(\.key))
        return .found(pick(ties, scope: scope, found))
    }

    /// S3's virtual-hosted style (`bucket.s3.amazonaws.com/key`): the bucket label is the host's first part.
    private func virtualHosted(_ s: WireService, _ request: HTTPRequest, _ target: RequestTarget, _ path: [Substring]) -> (operation: String, template: URITemplate, labels: [String: String])? {
        guard s.name == "s3", let host = target.host ?? request.headers["Host"], let dot = host.firstIndex(of: "."),
              host[host.index(after: dot)...].hasPrefix("s3") else { return nil }
        return s.route(method: request.method, path: [host[..<dot]] + path, query: target.query, headers: request.headers)
    }

    /// Among services that fit equally, the one named after the signing name, else the first.
    private func pick(_ fits: [WireService], scope: String?, _ found: Identified) -> Identified {
        var result = found
        if fits.count > 1, let scope, let named = fits.first(where: { $0.name == scope }), named !== found.service {
            result = Identified(service: named, operation: found.operation, proto: found.proto, labels: found.labels, literalQueryKeys: found.literalQueryKeys)
        }
        result.alsoMatching = fits.filter { $0 !== result.service }.map(\.name)
        return result
    }

    private func candidates(hint: String?, scope: String?, host: String?) -> [WireService] {
        if let hint {
            if let s = byName[hint] { return [s] }
            let signed = services.filter { $0.signingName == hint || $0.service.endpointPrefix == hint }
            if !signed.isEmpty { return signed }
        }
        if let scope {
            let signed = services.filter { $0.signingName == scope || $0.service.endpointPrefix == scope || $0.name == scope }
            if !signed.isEmpty { return signed }
        }
        if let host {
            // `sqs.us-east-1.amazonaws.com`, `monitoring.amazonaws.com`: the endpoint prefix first.
            let first = host.split(separator: ".").first.map(String.init) ?? host
            let hosted = services.filter { $0.service.endpointPrefix == first }
            if !hosted.isEmpty { return hosted }
        }
        return services
    }

    /// The service in a SigV4 `Authorization` header's or presigned URL's credential scope
    /// (`Credential=AKID/20240101/us-east-1/SERVICE/aws4_request`).
    static func credentialScopeService(_ request: HTTPRequest, _ target: RequestTarget) -> String? {
        var credential: ArraySlice<UInt8>?
        if let auth = request.headers["Authorization"] {
            let bytes = Array(auth.utf8)
            if let at = RequestTarget.find(bytes, "Credential=") {
                let value = bytes[(at + 11)...]
                credential = value.prefix { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: " ") }
            }
        } else if let c = target.query.first(where: { $0.key == "X-Amz-Credential" })?.value {
            credential = Array(c.utf8)[...]
        }
        guard let parts = credential?.split(separator: UInt8(ascii: "/")), parts.count >= 5 else { return nil }
        return String(decoding: parts[parts.count - 2], as: UTF8.self)
    }

    private static func names(_ services: [WireService]) -> String {
        services.count <= 3 ? services.map(\.name).joined(separator: ", ") : "any of \(services.count) services"
    }
}
