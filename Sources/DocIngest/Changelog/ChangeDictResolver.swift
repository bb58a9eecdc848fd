import APIModel
import ChangeRecords

/// Turns one change dict of a page into `docconform.diff/1` changes, with paths resolved
/// against the operation's documented tree.
///
/// A change dict names members only: list and map levels are left out
/// (`{'Reservations': {'Instances': {'NetworkInterfaces': {'Status': {'associated'}}}}}`);
/// the documented tree says where they are (`Reservations[].Instances[].NetworkInterfaces[].Status`).
/// Its leaves are what was added: a type (`'boolean'`, `'API | SAML'`, `[...]`, or a dict
/// giving a whole new structure) for a new member, a set (`{'associated'}`) for new enum values.
/// A dict is a new structure when it shows exactly the documented members, each with its
/// documented type; otherwise it is a path into a structure that existed before.
struct ChangeDictResolver {
    struct Outcome {
        var changes: [Change] = []
        /// Why part of the dict could not be placed (1-based line, message).
        var problems: [(line: Int, message: String)] = []
        /// Where the dict's type differs from the documented one (the change is still kept).
        var disagreements: [(line: Int, message: String)] = []
    }

    let service: Service
    let serviceKey: String
    let operation: String

    func resolve(_ dict: SkeletonNode, direction: Direction, root: Shape?) -> Outcome {
        var out = Outcome()
        guard case .object = dict.kind, dict.items.isEmpty, !dict.entries.isEmpty else {
            out.problems.append((dict.line, "a change dict must map member names to what changed, not \(Self.short(dict.summary))"))
            return out
        }
        guard let root, let structure = service.resolve(root), structure.type == .structure || structure.type == .union else {
            out.problems.append((dict.line, "the page documents no \(direction == .input ? "request parameters" : "response structure") to place \(Self.short(dict.summary)) in"))
            return out
        }
        walk(dict, in: structure, components: [], direction: direction, out: &out)
        return out
    }

    private func walk(_ dict: SkeletonNode, in structure: Shape, components: [String], direction: Direction, out: inout Outcome) {
        for entry in dict.entries {
            guard let name = entry.keyText else {
                out.problems.append((entry.line, "a change dict key that is not a member name: \(entry.key.summary)"))
                continue
            }
            guard let member = structure.members[name] else {
                let at = components.isEmpty ? "the root" : Self.path(components)
                out.problems.append((entry.line, "\(name) is not a documented member of \(at)"))
                continue
            }
            let required = direction == .input && structure.isRequired(name)
            place(entry.value, member: member, components: components + [name], required: required, direction: direction, out: &out)
        }
    }

    private func place(_ value: SkeletonNode, member: Shape, components: [String], required: Bool, direction: Direction, out: inout Outcome) {
        let path = Self.path(components)
        switch value.kind {
        case .object where value.entries.isEmpty && !value.items.isEmpty:
            // New enum values: the set applies to the scalar below any list/map levels.
            var comps = components
            guard let target = unwrap(member, components: &comps) else {
                out.problems.append((value.line, "\(path) cannot be followed in the documentation"))
                return
            }
            for item in value.items {
                guard let v = item.stringValue else {
                    out.problems.append((item.line, "an enum value that is not a string: \(item.summary)"))
                    continue
                }
                if !(target.enumValues ?? []).contains(v) {
                    out.disagreements.append((item.line, "\(Self.path(comps)): the documented enum does not contain '\(v)'"))
                }
                out.changes.append(Change(kind: .enumValueAdded, service: serviceKey, operation: operation, direction: direction,
                                          path: Self.path(comps), value: v))
            }
        case .object where !value.entries.isEmpty && !compatible(value, member):
            // A path into a structure that was there before.
            var comps = components
            guard let target = unwrap(member, components: &comps), target.type == .structure || target.type == .union else {
                out.problems.append((value.line, "\(path): the change dict goes into members the documentation does not show there"))
                return
            }
            walk(value, in: target, components: comps, direction: direction, out: &out)
        case .string, .list, .object:
            if !compatible(value, member) {
                out.disagreements.append((value.line, "\(path): the change dict says \(Self.short(value.summary)) but the documentation shows another type"))
            }
            out.changes.append(Change(kind: .memberAdded, service: serviceKey, operation: operation, direction: direction,
                                      path: path, required: required, summary: summary(value, member)))
        default:
            out.problems.append((value.line, "\(path): \(value.summary) is neither a type nor a set of enum values"))
        }
    }

    /// Follows list items and map values down to a structure or scalar, adding `[]` / `{}`.
    private func unwrap(_ shape: Shape, components: inout [String]) -> Shape? {
        var current = service.resolve(shape)
        var guardCount = 0
        while let s = current, guardCount < 64 {
            guardCount += 1
            switch s.type {
            case .list?:
                components.append(PathSyntax.listItem)
                current = s.member.flatMap(service.resolve)
            case .map?:
                components.append(PathSyntax.mapValue)
                current = s.value.flatMap(service.resolve)
            default:
                return s
            }
        }
        return nil
    }

    // MARK: type summaries

    /// Whether `literal`, read as a type summary, describes `shape` completely.
    func compatible(_ literal: SkeletonNode, _ shape: Shape?, depth: Int = 0) -> Bool {
        guard depth < 64, let shape else { return false }
        // Only a ref is looked up: resolving finds the definition by name.
        guard shape.ref != nil else { return compatible(literal, resolved: shape, depth: depth) }
        guard let s = service.resolve(shape) else { return false }
        return compatible(literal, resolved: s, depth: depth)
    }

    private func compatible(_ literal: SkeletonNode, resolved s: Shape, depth: Int) -> Bool {
        guard let type = s.type else { return false }
        if literal.stringValue == "... recursive ..." { return true }
        if type == .list, case .list = literal.kind {
            return literal.items.count == 1 && compatible(literal.items[0], s.member, depth: depth + 1)
        }
        if type == .list { return compatible(literal, s.member, depth: depth + 1) } // level left out
        switch literal.kind {
        case let .string(t):
            switch type {
            case .structure, .union, .map, .list: return false
            default:
                if let e = s.enumValues, !e.isEmpty { return t == e.joined(separator: " | ") }
                return t == type.rawValue || Self.coarsened(t) == type.rawValue
            }
        case .object where literal.items.isEmpty && literal.entries.isEmpty:
            // `{}`: a structure without members.
            return (type == .structure || type == .union) && s.members.isEmpty
        case .object where literal.items.isEmpty && !literal.entries.isEmpty:
            if type == .map {
                guard literal.entries.count == 1 else { return false }
                return compatible(literal.entries[0].key, s.key, depth: depth + 1)
                    && compatible(literal.entries[0].value, s.value, depth: depth + 1)
            }
            guard type == .structure || type == .union, literal.entries.count == s.members.count else { return false }
            for (entry, (name, member)) in zip(literal.entries, s.members) {
                guard entry.keyText == name, compatible(entry.value, member, depth: depth + 1) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// The summary the page gives, with the list levels it leaves out put back where the
    /// documentation has them, and a dict read as a map where the documentation has a map.
    func summary(_ literal: SkeletonNode, _ shape: Shape?, depth: Int = 0) -> TypeSummary {
        let s = depth < 64 ? shape.flatMap(service.resolve) : nil
        if s?.type == .list, literal.stringValue != "... recursive ..." {
            if case .list = literal.kind {} else { return .list(summary(literal, s?.member, depth: depth + 1)) }
        }
        switch literal.kind {
        case let .string(t): return .scalar(t)
        case .list:
            guard let item = literal.items.first else { return .list(.scalar("string")) }
            return .list(summary(item, s?.member, depth: depth + 1))
        case .object where literal.items.isEmpty:
            if s?.type == .map, literal.entries.count == 1 {
                return .map(key: summary(literal.entries[0].key, s?.key, depth: depth + 1),
                            value: summary(literal.entries[0].value, s?.value, depth: depth + 1))
            }
            return .structure(literal.entries.map { e in
                let name = e.keyText ?? e.key.summary
                return TypeSummary.Field(name: name, type: summary(e.value, s?.members[name], depth: depth + 1))
            })
        default:
            return .scalar(literal.summary)
        }
    }

    /// botocore's exact number types as boto3 pages show them.
    static func coarsened(_ t: String) -> String {
        switch t {
        case "long": return "integer"
        case "double": return "float"
        default: return t
        }
    }

    /// A literal cut for a one-line message.
    static func short(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    static func path(_ components: [String]) -> String {
        var s = ""
        for c in components {
            if !s.isEmpty && c != PathSyntax.listItem && c != PathSyntax.mapValue && c != PathSyntax.mapKey { s += "." }
            s += c
        }
        return s
    }
}
