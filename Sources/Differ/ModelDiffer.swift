import APIModel

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
        var serviceChanges: [String: Change] = [:]
        var work: [OperationPair] = []
        let names = Set(old.services.keys).union(new.services.keys).sorted()
        for name in names {
            switch (old.services[name], new.services[name]) {
            case (nil, _?): serviceChanges[name] = Change(kind: .serviceAdded, service: name)
            case (_?, nil): serviceChanges[name] = Change(kind: .serviceRemoved, service: name)
            case let (o?, n?):
                let ops = Set(o.operations.keys).union(n.operations.keys).sorted()
                work.append(contentsOf: ops.map { OperationPair(serviceKey: name, old: o, new: n, name: $0) })
            default: break
            }
        }
        let includeSummaries = self.includeSummaries
        let perOperation = work.parallelMap { pair -> [Change] in
            var comparer = OperationComparer(pair: pair, includeSummaries: includeSummaries)
            return comparer.run()
        }
        // Service-level changes go before their service's operations (none exist then anyway).
        var result: [Change] = []
        result.reserveCapacity(perOperation.reduce(0) { $0 + $1.count } + serviceChanges.count)
        var index = 0
        for name in names {
            if let c = serviceChanges[name] { result.append(c); continue }
            while index < work.count, work[index].serviceKey == name {
                result.append(contentsOf: perOperation[index])
                index += 1
            }
        }
        return result
    }
}

struct OperationPair: Sendable {
    let serviceKey: String
    let old: Service
    let new: Service
    let name: String
}
