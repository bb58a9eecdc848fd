import APIModel
import ChangeRecords
/// Markdown for a pull-request comment: a severity table, then one section per service
/// with a bullet per change.
public struct MarkdownRenderer: ChangeRenderer {
    public init() {}

    public func render(_ changes: [Change], old: String, new: String) -> [UInt8] {
        let counts = SeverityCounts(changes)
        var out = "## API changes: `\(Self.code(old))` → `\(Self.code(new))`\n\n"
        out += "| severity | changes |\n|---|---:|\n"
        out += "| breaking | \(counts.breaking) |\n| dangerous | \(counts.dangerous) |\n| info | \(counts.info) |\n"
        for service in ChangeGroups(changes).services {
            out += "\n### \(Self.text(service.name))\n"
            for op in service.operations {
                if let name = op.name { out += "\n#### `\(Self.code(name))`\n\n" } else { out += "\n" }
                for c in op.changes {
                    let dir = c.direction.map { $0 == .input ? " (request)" : " (response)" } ?? ""
                    out += "- **\(c.severity.rawValue)**\(dir) \(describe(c))\n"
                }
            }
        }
        return Array(out.utf8)
    }

    private func describe(_ c: Change) -> String {
        let path = "`\(Self.code(c.path.map { $0.isEmpty ? "(root)" : $0 } ?? ""))`"
        switch c.kind {
        case .serviceAdded, .serviceRemoved, .operationAdded, .operationRemoved, .operationDeprecated:
            return Self.text(c.detail)
        case .memberAdded:
            let type = c.summary.map { ": `\(Self.code($0.pythonLiteral))`" } ?? ""
            return "\(c.required == true ? "required " : "")member added \(path)\(type)"
        case .memberRemoved: return "member removed \(path)"
        case .memberDeprecated: return "member deprecated \(path)"
        case .requiredAdded: return "\(path) became required"
        case .requiredRemoved: return "\(path) is no longer required"
        case .typeChanged: return "\(path) type `\(c.from?.description ?? "?")` → `\(c.to?.description ?? "?")`"
        case .enumValueAdded: return "\(path) enum value added `\(Self.code(c.value ?? ""))`"
        case .enumValueRemoved: return "\(path) enum value removed `\(Self.code(c.value ?? ""))`"
        case .constraintChanged:
            let f = c.from.map { "`\(Self.code($0.description))`" } ?? "none"
            let t = c.to.map { "`\(Self.code($0.description))`" } ?? "none"
            return "\(path) \(c.constraint?.rawValue ?? "constraint") \(f) → \(t)"
        }
    }

    /// Inline code cannot hold a backtick; newlines would end the bullet.
    static func code(_ s: String) -> String {
        String(s.map { $0 == "`" ? "'" : ($0 == "\n" ? " " : $0) })
    }

    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch == "\n" ? " " : ch)
        }
        return out
    }
}
