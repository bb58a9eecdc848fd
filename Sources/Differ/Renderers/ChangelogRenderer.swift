import APIModel
import ChangeRecords
/// The change-dict style of the AWS API changelog pages: per updated operation a Python
/// dict of what was added, request and response apart, list and map levels elided:
///
///     DescribeSessions (updated)
///     Changes (request)
///     {'AuthenticationType': 'API | SAML'}
///     Changes (response)
///     {'Sessions': {'AuthenticationType': 'API | SAML'}}
///
/// Like those pages it shows only added members (as their type) and added enum values
/// (as a set); the other renderers carry everything else.
public struct ChangelogRenderer: ChangeRenderer {
    public init() {}

    public func render(_ changes: [Change], old: String, new: String) -> [UInt8] {
        var out = ""
        for service in ChangeGroups(changes).services {
            var newOperations: [String] = []
            var updated: [(name: String, request: ChangeDict, response: ChangeDict)] = []
            var serviceLines: [String] = []
            for op in service.operations {
                guard let name = op.name else {
                    serviceLines.append(contentsOf: op.changes.map(\.detail))
                    continue
                }
                if op.changes.contains(where: { $0.kind == .operationAdded }) {
                    newOperations.append(name)
                    continue
                }
                var request = ChangeDict(), response = ChangeDict()
                for c in op.changes {
                    if c.direction == .output { response.add(c) } else { request.add(c) }
                }
                if !request.isEmpty || !response.isEmpty { updated.append((name, request, response)) }
            }
            if serviceLines.isEmpty && newOperations.isEmpty && updated.isEmpty { continue }
            if !out.isEmpty { out += "\n" }
            var counts: [String] = serviceLines
            if !newOperations.isEmpty { counts.append("\(newOperations.count) new api method\(newOperations.count == 1 ? "" : "s")") }
            if !updated.isEmpty { counts.append("\(updated.count) updated api method\(updated.count == 1 ? "" : "s")") }
            out += "\(old) → \(new) - \(service.name) - \(counts.joined(separator: ", "))\n"
            for name in newOperations { out += "\n\(name) (new)\n" }
            for op in updated {
                out += "\n\(op.name) (updated)\n"
                if !op.request.isEmpty { out += "Changes (request)\n\(op.request.pythonLiteral)\n" }
                if !op.response.isEmpty { out += "Changes (response)\n\(op.response.pythonLiteral)\n" }
            }
        }
        return Array(out.utf8)
    }
}

/// The nested dict of one operation direction, keyed by member names.
struct ChangeDict {
    indirect enum Node {
        case dict([(String, Node)])
        case type(TypeSummary)
        case values([String])
    }
    private var root: [(String, Node)] = []

    var isEmpty: Bool { root.isEmpty }

    mutating func add(_ change: Change) {
        let leaf: Node
        switch change.kind {
        case .memberAdded: leaf = .type(change.summary ?? .scalar("unknown"))
        case .enumValueAdded: leaf = .values([change.value ?? ""])
        default: return
        }
        let names = PathSyntax.memberNames(change.path ?? "")
        guard !names.isEmpty else { return }
        Self.insert(leaf, at: names[...], into: &root)
    }

    private static func insert(_ leaf: Node, at names: ArraySlice<String>, into entries: inout [(String, Node)]) {
        let name = names.first!
        let index = entries.firstIndex { $0.0 == name }
        if names.count == 1 {
            guard let index else { entries.append((name, leaf)); return }
            // Enum values of one path collect into one set.
            if case let .values(existing) = entries[index].1, case let .values(more) = leaf {
                entries[index].1 = .values(existing + more.filter { !existing.contains($0) })
            }
            return
        }
        var children: [(String, Node)] = []
        if let index {
            guard case let .dict(existing) = entries[index].1 else { return } // a leaf already covers this path
            children = existing
        }
        insert(leaf, at: names.dropFirst(), into: &children)
        if let index { entries[index].1 = .dict(children) } else { entries.append((name, .dict(children))) }
    }

    var pythonLiteral: String {
        var out = ""
        Self.write(.dict(root), to: &out)
        return out
    }

    private static func write(_ node: Node, to out: inout String) {
        switch node {
        case let .dict(entries):
            out += "{"
            for (i, (k, v)) in entries.enumerated() {
                if i > 0 { out += ", " }
                PythonLiteral.appendString(k, to: &out)
                out += ": "
                write(v, to: &out)
            }
            out += "}"
        case let .type(summary): summary.write(to: &out)
        case let .values(values):
            out += "{"
            for (i, v) in values.enumerated() {
                if i > 0 { out += ", " }
                PythonLiteral.appendString(v, to: &out)
            }
            out += "}"
        }
    }
}
