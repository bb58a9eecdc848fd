import OrderedCollections

/// Renames members of one model to the names another model gives the same members, by the
/// rules a merge uses (`MemberMatching`): AWS reference pages name EC2 members as the wire
/// does (`tagSet`, `SecurityGroupId.N`), so comparing them with the SDK model (a drift
/// report) would otherwise list every such member as removed and added again.
public enum NameAlignment {
    /// `model` with the members of each structure renamed to `reference`'s names where the
    /// names differ but the members match; what has no counterpart keeps its name.
    public static func align(_ model: Model, to reference: Model) -> Model {
        var out = model
        for (serviceName, service) in model.services {
            guard let other = reference.services[serviceName] else { continue }
            for (opName, op) in service.operations {
                guard let otherOp = other.operations[opName] else { continue }
                var aligned = op
                aligned.input = pair(op.input, otherOp.input)
                aligned.output = pair(op.output, otherOp.output)
                out.services[serviceName]!.operations[opName] = aligned
            }
        }
        return out
    }

    private static func pair(_ shape: Shape?, _ reference: Shape?) -> Shape? {
        guard let shape, let reference else { return shape }
        return aligned(shape, to: reference, depth: 0)
    }

    /// Recursion goes by `ref` names, which are not followed: each tree is walked inline only.
    private static func aligned(_ shape: Shape, to reference: Shape, depth: Int) -> Shape {
        guard depth < 64, !shape.isRef, !reference.isRef else { return shape }
        var s = shape
        if !s.members.isEmpty, !reference.members.isEmpty {
            var renamed: [String: String] = [:]
            var taken = Set(s.members.keys.filter { reference.members[$0] != nil })
            for (name, member) in s.members where reference.members[name] == nil {
                guard let match = MemberMatching.match(name, member, in: reference.members, taken: taken),
                      s.members[match] == nil else { continue }
                renamed[name] = match
                taken.insert(match)
            }
            var members = OrderedDictionary<String, Shape>()
            for (name, member) in s.members {
                let key = renamed[name] ?? name
                members[key] = reference.members[key].map { aligned(member, to: $0, depth: depth + 1) } ?? member
            }
            s.members = members
            s.required = s.required.map { renamed[$0] ?? $0 }
        }
        if let m = s.member, let r = reference.member { s.member = aligned(m, to: r, depth: depth + 1) }
        if let v = s.value, let r = reference.value { s.value = aligned(v, to: r, depth: depth + 1) }
        return s
    }
}
