import OrderedCollections

/// Pairs services that two sources name differently. AWS reference pages name a service by
/// the uid of their See Also links (`runtime.lex` of `runtime.lex-2016-11-28`, `models.lex.v2`)
/// or by their anchors; the SDK names it by its client (`lex-runtime`, `lexv2-models`) and
/// records the uid, endpoint prefix and signing name in the model's metadata. A service of one
/// model that the other lacks by name takes the name of the other's service whose identity it
/// shows — the same uid, the uid's service part, the endpoint prefix, the signing name: the
/// first of these rules that a single service meets (the API version decides between several).
public enum ServiceIdentity {
    /// `model` with each service that `reference` lacks by name renamed to its counterpart there.
    public static func aligned(_ model: Model, to reference: Model) -> Model {
        let unmatched = model.services.values.filter { reference.services[$0.name] == nil }
        guard !unmatched.isEmpty else { return model }
        var candidates = reference.services.values.filter { model.services[$0.name] == nil }
        var renames: [String: String] = [:]
        for service in unmatched {
            guard let name = counterpart(of: service, among: candidates) else { continue }
            renames[service.name] = name
            candidates.removeAll { $0.name == name }
        }
        guard !renames.isEmpty else { return model }
        var out = model
        out.services = OrderedDictionary(uniqueKeysWithValues: model.services.map { key, service in
            guard let name = renames[key] else { return (key, service) }
            var renamed = service
            renamed.name = name
            return (name, renamed)
        })
        return out
    }

    /// The name of the one candidate `service` matches by the first rule any candidate meets.
    static func counterpart(of service: Service, among candidates: [Service]) -> String? {
        let rules: [(Service, Service) -> Bool] = [sameUID, uidNamesService, endpointPrefixNamesService, signingNameNamesService]
        for rule in rules {
            var matches = candidates.filter { rule(service, $0) || rule($0, service) }
            if matches.count > 1, let version = service.apiVersion { matches = matches.filter { $0.apiVersion == version } }
            if matches.count == 1 { return matches[0].name }
        }
        return nil
    }

    /// `b` is the service of uid `a.uid`, or of the uid `a`'s name and API version make.
    private static func sameUID(_ a: Service, _ b: Service) -> Bool {
        guard let uid = b.uid else { return false }
        if let other = a.uid { return other == uid }
        guard let version = a.apiVersion else { return false }
        return uid == "\(a.name)-\(version)"
    }

    /// `a` is named as `b`'s uid names its service (`runtime.lex` of `runtime.lex-2016-11-28`).
    private static func uidNamesService(_ a: Service, _ b: Service) -> Bool {
        guard let uid = b.uid, uid.utf8.count > 11 else { return false }
        return uid.dropLast(11) == a.name[...] && uid.dropLast(10).hasSuffix("-")
    }

    private static func endpointPrefixNamesService(_ a: Service, _ b: Service) -> Bool {
        b.endpointPrefix == a.name
    }

    private static func signingNameNamesService(_ a: Service, _ b: Service) -> Bool {
        b.signingName == a.name
    }
}
