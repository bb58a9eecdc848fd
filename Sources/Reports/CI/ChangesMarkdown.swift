import Differ

/// changes.md: for each comparison of snapshots (newest first), the breaking changes as a
/// list, then the full Markdown rendering `diff --format markdown` gives.
public enum ChangesMarkdown {
    public static func render(_ report: CorpusReport) -> [UInt8] {
        var out = "# API changes in `\(report.corpus)`\n\n"
        if report.changeSets.isEmpty { out += "No two readable snapshots to compare.\n" }
        for set in report.changeSets.reversed() {
            let old = CorpusLayout.name(of: set.old), new = CorpusLayout.name(of: set.new)
            let breaking = set.changes.filter { $0.severity == .breaking }
            if !breaking.isEmpty {
                out += "## Breaking changes: \(old) → \(new)\n\n"
                for c in breaking {
                    let op = c.operation.map { "\(c.service).\($0)" } ?? c.service
                    let direction = c.direction.map { $0 == .input ? " (request)" : " (response)" } ?? ""
                    out += "- `\(op)`\(direction): \(c.detail)\n"
                }
                out += "\n"
            }
            out += String(decoding: MarkdownRenderer().render(set.changes, old: old, new: new), as: UTF8.self) + "\n"
        }
        return Array(out.utf8)
    }
}
