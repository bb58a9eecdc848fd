import APIModel
import ChangeRecords
/// A terminal summary: counts, then changes grouped by service and operation.
public struct TextRenderer: ChangeRenderer {
    public init() {}

    public func render(_ changes: [Change], old: String, new: String) -> [UInt8] {
        let counts = SeverityCounts(changes)
        var out = "\(old) → \(new): \(counts.total) change\(counts.total == 1 ? "" : "s")"
        out += " (\(counts.breaking) breaking, \(counts.dangerous) dangerous, \(counts.info) info)\n"
        for service in ChangeGroups(changes).services {
            out += "\n\(service.name)\n"
            for op in service.operations {
                if let name = op.name {
                    out += "  \(name)\n"
                    for c in op.changes {
                        let dir = c.direction.map { $0 == .input ? "request " : "response" } ?? "        "
                        out += "    \(Self.tag(c.severity)) \(dir) \(c.detail)\n"
                    }
                } else {
                    for c in op.changes { out += "  \(Self.tag(c.severity)) \(c.detail)\n" }
                }
            }
        }
        return Array(out.utf8)
    }

    static func tag(_ s: Severity) -> String {
        switch s {
        case .breaking: return "BREAKING "
        case .dangerous: return "dangerous"
        case .info: return "info     "
        }
    }
}
