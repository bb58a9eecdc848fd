import APIModel

/// The services a name in a file name stands for, found through the model's own metadata:
/// a service key (`elbv2`), an endpoint prefix (`elasticloadbalancing`, `api.ecr`) or a
/// signing name. Placebo names its recordings `[prefix.]<endpoint prefix>.<Operation>_<n>.json`
/// (botocore's `service_model.endpoint_prefix`), so a prefix may hold dots and several services
/// may share one (elb and elbv2; rds, docdb and neptune): the operation tells them apart.
struct ServiceDirectory {
    /// Services by each name they answer to, best match first: the service whose key is the
    /// name, then those whose endpoint prefix is, then those whose signing name is.
    private var byName: [String: [String]] = [:]

    init(model: Model) { self.init(entries: model.services.values.map(ServiceEntry.init(service:))) }

    /// From a catalog's index: no service is read to learn the names it answers to.
    init(entries: some Sequence<ServiceEntry>) {
        var ranked: [String: [(rank: Int, service: String)]] = [:]
        for service in entries {
            let key = service.name
            ranked[key, default: []].append((0, key))
            if let prefix = service.endpointPrefix, prefix != key { ranked[prefix, default: []].append((1, key)) }
            if let signing = service.signingName, signing != key, signing != service.endpointPrefix {
                ranked[signing, default: []].append((2, key))
            }
        }
        for (name, entries) in ranked {
            byName[name] = entries.sorted { ($0.rank, $0.service) < ($1.rank, $1.service) }.map(\.service)
        }
    }

    /// The name a file name's head stands for and its services: the longest dot-separated
    /// suffix of the head that names a service (`test.api.ecr` → `api.ecr`; placebo puts a
    /// pill's own prefix in front).
    func services(forHead head: Substring) -> (name: String, services: [String])? {
        var rest = head
        while !rest.isEmpty {
            if let found = byName[String(rest)] { return (String(rest), found) }
            guard let dot = rest.firstIndex(of: ".") else { return nil }
            rest = rest[rest.index(after: dot)...]
        }
        return nil
    }
}
