import Differ

/// changes.md: the breaking changes of every comparison first, then for each comparison of
/// snapshots (newest first) the full Markdown rendering `diff --format markdown` gives.
public enum ChangesMarkdown {
    public static func render(_ report: CorpusReport) -> [UInt8] {
        var out = "# API changes in `\(report.corpus)`\n\n"
        let incomplete = report.incompleteness
        if !incomplete.isEmpty {
            out += "> **This report is incomplete:** \(incomplete.joined(separator: "; ")). Snapshots that could not be read completely are not compared.\n\n"
        }
        if report.changeSets.isEmpty { out += "No two readable snapshots to compare.\n" }
        let comparisons = report.changeSets.reversed()
        let breaking = comparisons.flatMap { set in set.changes.filter { $0.severity == .breaking }.map { (set, $0) } }
        if !report.changeSets.isEmpty {
            out += "## Breaking changes\n\n"
            if breaking.isEmpty { out += "None between any two snapshots.\n" }
            for (set, c) in breaking {
                let op = c.operation.map { "\(c.service).\($0)" } ?? c.service
                let direction = c.direction.map { $0 == .input ? " (request)" : " (response)" } ?? ""
                out += "- \(CorpusLayout.name(of: set.old)) → \(CorpusLayout.name(of: set.new)): `\(op)`\(direction): \(c.detail)\n"
            }
            out += "\n"
        }
        for set in comparisons {
            out += String(decoding: MarkdownRenderer().render(set.changes, old: CorpusLayout.name(of: set.old), new: CorpusLayout.name(of: set.new)), as: UTF8.self) + "\n"
        }
        return Array(out.utf8)
    }
}
