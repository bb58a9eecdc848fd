import APIModel
import ChangeRecords

/// Compares two models into the changes of `docconform.diff/1` §2.
///
/// The result depends only on the two models: services and operations in name order, and
/// within an operation the walk order of the input tree, then the output tree. Operations
/// are compared in parallel; the order does not depend on scheduling.
public struct ModelDiffer: Sendable {
    /// Attach `summary` (the changelog-style type) to member-added changes.
    public var includeSummaries = true

    public init(includeSummaries: Bool = true) {
        self.includeSummaries = includeSummaries
    }

    public func diff(_ old: Model, _ new: Model) -> [Change] {
        var work: [ServicePair] = []
        for name in Set(old.services.keys).union(new.services.keys).sorted() {
            work.append(ServicePair(key: name, old: old.services[name], new: new.services[name]))
        }
        let includeSummaries = self.includeSummaries
        // One task per service: a service's operations share subtrees, and the memo of
        // subtrees already found equal is per service.
        let perService = work.parallelMap { pair -> [Change] in
            switch (pair.old, pair.new) {
            case (nil, _?): return [Change(kind: .serviceAdded, service: pair.key)]
            case (_?, nil): return [Change(kind: .serviceRemoved, service: pair.key)]
            case let (o?, n?):
                var comparer = ServiceComparer(serviceKey: pair.key, old: o, new: n, includeSummaries: includeSummaries)
                return comparer.run()
            default: return []
            }
        }
        return Array(perService.joined())
    }
}

extension ModelDiffer {
    /// Operations present on both sides that one side marks partial (a section its source
    /// did not render): members missing from an empty section there are not reported,
    /// which callers should say. `service.operation` names, in order.
    public static func partiallyCompared(_ old: Model, _ new: Model) -> [String] {
        var names: [String] = []
        for (serviceName, n) in new.services.sorted(by: { $0.key < $1.key }) {
            guard let o = old.services[serviceName] else { continue }
            for (opName, op) in n.operations.sorted(by: { $0.key < $1.key }) {
                guard let oldOp = o.operations[opName], op.partial || oldOp.partial else { continue }
                names.append("\(serviceName).\(opName)")
            }
        }
        return names
    }
}

struct ServicePair: Sendable {
    let key: String
    let old: Service?
    let new: Service?
}
