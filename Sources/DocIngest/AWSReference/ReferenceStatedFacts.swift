import APIModel
import OrderedCollections

/// A model as AWS API Reference pages can state it, so that a model read from pages and
/// one from any other source compare fairly (fidelity checks, `drift` between the pages and
/// the SDK). On top of `FormatView.awsReference` it drops what the pages never say:
/// the types of URI/header/query/status members (and whether such a member is a list
/// when no `Array Members` line says so), facts of collections nested in collections,
/// a map's minimum of 1, no output versus an empty one, shape names, documentation and
/// wire bindings. Query-protocol pages show wire names (`imagesSet`, `ImageId.N`), so
/// members are keyed by their lower-cased wire name.
public enum ReferenceStatedFacts {
    public static func project(_ model: Model) -> Model {
        var out = model.projected(onto: .awsReference)
        for sk in out.services.keys {
            var service = out.services[sk]!
            // Pages show wire names only for query protocols; elsewhere the member name.
            let wire = service.protocolName.map { $0 == "query" || $0 == "ec2" } ?? true
            for ok in service.operations.keys {
                var op = service.operations[ok]!
                op.input = op.input.map { normalize($0, stated: .full, located: false, wire: wire) }
                op.output = op.output.map { normalize($0, stated: .full, located: false, wire: wire) }
                if let o = op.output, o.type == .structure, o.members.isEmpty { op.output = nil }
                if let i = op.input, i.type == .structure, i.members.isEmpty { op.input = nil }
                service.operations[ok] = Operation(name: op.name)
                service.operations[ok]!.input = op.input
                service.operations[ok]!.output = op.output
            }
            for name in service.shapes.keys {
                service.shapes[name] = normalize(service.shapes[name]!, stated: .full, located: false, wire: wire)
            }
            out.services[sk] = service
        }
        return out
    }

    /// How much pages say about a shape: everything (a member's own shape), scalar facts
    /// (items of a member's list, through nested lists), scalar facts with no descent (a
    /// map's key and value), nothing (collections nested in collections).
    enum Stated { case full, scalar, leaf, none }

    static let locatedPlaces: Set<String> = ["uri", "header", "headers", "querystring", "statusCode"]

    static func normalize(_ input: Shape, stated: Stated, located: Bool, wire useWire: Bool) -> Shape {
        if input.isRef { return input }
        var s = input
        if located {
            // No Type line: a list shows only by its count line, a number by its range line.
            if s.type == .list, s.min == nil, s.max == nil, let item = s.member { s = item }
            if let t = s.type, !t.isAggregate { s.type = .string }
        }
        s.name = nil
        s.documentation = nil
        s.location = nil
        s.locationName = nil
        s.deprecated = false
        s.sensitive = false
        if s.type == .map, s.min == .integer(1) { s.min = nil }
        let isScalar = !(s.type?.isAggregate ?? false)
        switch stated {
        case .full: break
        case .scalar, .leaf:
            if !isScalar { s.min = nil; s.max = nil; s.pattern = nil; s.enumValues = nil }
        case .none:
            if s.type != .structure && s.type != .union { s.min = nil; s.max = nil; s.pattern = nil; s.enumValues = nil }
        }
        if s.type == .structure || s.type == .union {
            var members = OrderedDictionary<String, Shape>()
            var rename: [String: String] = [:]
            for (name, member) in input.members {
                let isLocated = member.location.map(locatedPlaces.contains) ?? false
                let wire = ((useWire && !isLocated ? member.locationName : nil) ?? name).lowercased()
                rename[name] = wire
                members[wire] = normalize(member, stated: .full, located: isLocated, wire: useWire)
            }
            members.sort { $0.key < $1.key }
            s.members = members
            s.required = input.required.compactMap { rename[$0] }.sorted()
        }
        if let m = s.member {
            let inner: Stated = stated == .full || stated == .scalar ? .scalar : .none
            s.member = normalize(m, stated: inner, located: false, wire: useWire)
        }
        if let k = s.key { s.key = normalize(k, stated: stated == .full ? .leaf : .none, located: false, wire: useWire) }
        if let v = s.value { s.value = normalize(v, stated: stated == .full ? .leaf : .none, located: false, wire: useWire) }
        return s
    }
}
