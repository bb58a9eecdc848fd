import Foundation
import APIModel
import ChangeRecords
import Conformance
import Differ

extension HTMLReportWriter {
    // MARK: payloads

    func payloads(_ report: CorpusReport) -> String {
        let v = report.validation
        var out = "<section id=\"payloads\"><h2>Payloads</h2>"
        guard let snapshot = v.snapshot else {
            return out + "<p class=\"none\">No payloads were validated (no readable snapshot to check them against).</p></section>"
        }
        out += "<p class=\"sub\">\(HTML.number(v.records)) recorded payload(s) checked against <b>\(HTML.escape(snapshot))</b>: "
        out += "\(HTML.number(v.valid)) pass, \(HTML.number(v.invalid)) fail.</p>"
        if !v.sets.isEmpty {
            out += "<table class=\"payload-sets\"><thead><tr><th>set</th><th>what it is</th><th class=\"num\">records</th><th class=\"num\">pass</th><th class=\"num\">fail</th></tr></thead><tbody>"
            for s in v.sets {
                out += "<tr data-set=\"\(HTML.escape(s.name))\"><td><b>\(HTML.escape(s.name))</b><span class=\"where\">\(HTML.escape(s.path))</span></td>"
                out += "<td>\(HTML.withInlineCode(s.about ?? ""))</td><td class=\"num\">\(s.records)</td><td class=\"num\">\(s.records - s.invalid)</td>"
                out += "<td class=\"num\">\(s.invalid > 0 ? HTML.badge(String(s.invalid), "invalid") : "0")</td></tr>"
            }
            out += "</tbody></table>"
        }
        let failures = v.results.filter { !$0.valid }
        guard !failures.isEmpty else {
            return out + (v.records > 0 ? "<div class=\"empty\">Every payload follows the documented contract.</div>" : "") + "</section>"
        }
        out += "<h3>Validation failures</h3>"
        var rows = 0
        for set in v.sets where set.invalid > 0 {
            let files = Set(set.files)
            let inSet = failures.filter { files.contains($0.file) }
            let issues = inSet.reduce(0) { $0 + $1.issues.count }
            // Small sets open; a set of hundreds of failures stays folded until asked for.
            out += "<details class=\"more failures-of\" data-set=\"\(HTML.escape(set.name))\"\(issues <= 25 ? " open" : "")>"
            out += "<summary>\(HTML.escape(set.name)): \(set.invalid) invalid record(s), \(issues) issue(s)</summary>"
            out += "<table class=\"failures\"><thead><tr><th>record</th><th>operation</th><th>path</th><th>problem</th></tr></thead><tbody>"
            for r in inSet {
                for issue in r.issues where rows < failureLimit {
                    rows += 1
                    out += failureRow(r, issue)
                }
            }
            out += "</tbody></table></details>"
        }
        if rows < v.issueCount { out += "<p class=\"sub\">… and \(v.issueCount - rows) more issue(s) (all in junit.xml and results.sarif).</p>" }
        return out + "</section>"
    }

    func failureRow(_ r: RecordResult, _ issue: ValidationIssue) -> String {
        // A record that could not be read names no operation.
        let op = r.service == nil && r.operation == nil ? "—" : "\(r.service ?? "?").\(r.operation ?? "?")"
        var out = "<tr class=\"failure\" data-file=\"\(HTML.escape(r.file))\" data-line=\"\(r.line)\" data-code=\"\(issue.code.rawValue)\" data-path=\"\(HTML.escape(issue.path))\">"
        out += "<td>\(HTML.escape(r.id ?? String(FileSystemPath.lastComponent(r.file))))<span class=\"where\">\(HTML.escape(r.file)):\(r.line)</span></td>"
        out += "<td><code>\(HTML.escape(op))</code> \(r.direction.map { HTML.badge($0.rawValue, "dir") } ?? "")</td>"
        out += "<td><code>\(HTML.escape(issue.path.isEmpty ? "(root)" : issue.path))</code></td>"
        return out + "<td>\(HTML.badge(issue.code.rawValue, "error")) \(HTML.escape(issue.message))</td></tr>"
    }

    // MARK: changes

    func changes(_ report: CorpusReport) -> String {
        var out = "<section id=\"changes\"><h2>Changes between snapshots</h2>"
        guard !report.changeSets.isEmpty else {
            return out + "<p class=\"none\">No two readable snapshots to compare.</p></section>"
        }
        out += breakingOverview(report)
        for set in report.changeSets.reversed() {
            let old = CorpusLayout.name(of: set.old), new = CorpusLayout.name(of: set.new)
            out += "<h3 id=\"\(HTML.id("changes", old, new))\" data-old=\"\(HTML.escape(old))\" data-new=\"\(HTML.escape(new))\">\(HTML.escape(old)) → \(HTML.escape(new))</h3><div class=\"chips\">"
            out += HTML.badge("\(set.count(.breaking)) breaking", "breaking") + HTML.badge("\(set.count(.dangerous)) dangerous", "dangerous")
            out += HTML.badge("\(set.count(.info)) info", "info") + "</div>"
            if set.changes.isEmpty { out += "<div class=\"empty\">No API changes.</div>"; continue }
            let breaking = set.changes.filter { $0.severity == .breaking }
            let dangerous = set.changes.filter { $0.severity == .dangerous }
            let info = set.changes.filter { $0.severity == .info }
            if !breaking.isEmpty { out += changeTable(breaking) }
            if !dangerous.isEmpty {
                // A long list of new response enum values would bury everything below it.
                out += "<details class=\"more\"\(dangerous.count <= 40 ? " open" : "")><summary>\(HTML.number(dangerous.count)) dangerous change(s): \(kindSummary(dangerous))</summary>\(changeTable(dangerous))</details>"
            }
            if !info.isEmpty {
                out += "<details class=\"more\"><summary>\(HTML.number(info.count)) other change(s): \(kindSummary(info))</summary>\(changeTable(info))</details>"
            }
        }
        return out + "</section>"
    }

    /// Every breaking change of every comparison, before the per-comparison lists.
    func breakingOverview(_ report: CorpusReport) -> String {
        let rows = report.changeSets.reversed().flatMap { set in set.changes.filter { $0.severity == .breaking }.map { (set, $0) } }
        guard !rows.isEmpty else {
            return "<div class=\"empty\">No breaking changes between any two snapshots.</div>"
        }
        var out = "<p class=\"sub\">\(rows.count) breaking change(s) across \(report.changeSets.count) comparison(s); each is listed again under its comparison below.</p>"
        out += "<table class=\"breaking-overview\"><thead><tr><th>between</th><th>operation</th><th>change</th></tr></thead><tbody>"
        for (set, c) in rows {
            let old = CorpusLayout.name(of: set.old), new = CorpusLayout.name(of: set.new)
            let op = c.operation.map { "\(c.service).\($0)" } ?? c.service
            out += "<tr class=\"breaking-row\"><td><a href=\"#\(HTML.id("changes", old, new))\">\(HTML.escape(old)) → \(HTML.escape(new))</a></td>"
            out += "<td><code>\(HTML.escape(op))</code> \(c.direction.map { HTML.badge($0 == .input ? "request" : "response", "dir") } ?? "")</td>"
            out += "<td>\(HTML.badge("breaking", "breaking")) \(HTML.escape(c.detail))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// "1,300 enum-value-added, 12 member-added"
    func kindSummary(_ changes: [Change]) -> String {
        var counts: [ChangeKind: Int] = [:]
        for c in changes { counts[c.kind, default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
            .map { "\(HTML.number($0.value)) \($0.key.rawValue)" }.joined(separator: ", ")
    }

    func changeTable(_ changes: [Change]) -> String {
        var out = "<table class=\"changes\"><thead><tr><th>severity</th><th>operation</th><th>change</th></tr></thead><tbody>"
        for c in changes {
            let op = c.operation.map { "\(c.service).\($0)" } ?? c.service
            out += "<tr class=\"change sev-\(c.severity.rawValue)\" data-kind=\"\(c.kind.rawValue)\" data-service=\"\(HTML.escape(c.service))\""
            out += " data-operation=\"\(HTML.escape(c.operation ?? ""))\" data-path=\"\(HTML.escape(c.path ?? ""))\">"
            out += "<td>\(HTML.badge(c.severity.rawValue, c.severity.rawValue))</td>"
            out += "<td><code>\(HTML.escape(op))</code> \(c.direction.map { HTML.badge($0 == .input ? "request" : "response", "dir") } ?? "")</td>"
            out += "<td>\(HTML.escape(c.detail))<span class=\"where\">\(c.kind.rawValue)</span></td></tr>"
        }
        return out + "</tbody></table>"
    }

    // MARK: services

    func services(_ report: CorpusReport) -> String {
        var out = "<section id=\"services\"><h2>Services</h2>"
        guard let newest = report.newest, !newest.model.services.isEmpty else {
            return out + "<p class=\"none\">No API model could be read.</p></section>"
        }
        out += "<p class=\"sub\">The API as the newest snapshot (<b>\(HTML.escape(newest.name))</b>) documents it: every operation with its request and response members, types, required members, enums and constraints.</p>"
        out += "<div class=\"chips service-index\">" + newest.model.services.map { key, service in
            "<a class=\"badge dir\" href=\"#\(HTML.id("svc", key))\">\(HTML.escape(key)) · \(service.operations.count)</a>"
        }.joined() + "</div>"
        out += "<div class=\"toolbar\"><input id=\"op-filter\" type=\"search\" placeholder=\"Filter operations or members, e.g. DescribeImages or SubnetIds\" aria-label=\"Filter operations\">"
        out += "<button id=\"expand-all\" type=\"button\">Expand all</button><button id=\"collapse-all\" type=\"button\">Collapse all</button><span class=\"count\" id=\"op-count\"></span></div>"
        for (key, service) in newest.model.services {
            let tree = ShapeTreeHTML(service: service)
            out += "<section class=\"service\" id=\"\(HTML.id("svc", key))\" data-service=\"\(HTML.escape(key))\"><h3>\(HTML.escape(service.title ?? key))"
            out += "<span class=\"meta\"><code>\(HTML.escape(key))</code>\(service.apiVersion.map { " · API " + HTML.escape($0) } ?? "") · \(service.operations.count) operations</span></h3>"
            for (name, op) in service.operations {
                out += "<details class=\"op\" id=\"\(HTML.id("op", key, name))\" data-name=\"\(HTML.escape(name)) \(HTML.escape(op.method ?? ""))\"><summary>"
                out += "<span class=\"opname\">\(HTML.escape(name))</span>"
                if let method = op.method { out += "<span class=\"method\">\(HTML.escape(method))</span>" }
                if op.deprecated { out += HTML.badge("deprecated", "dangerous") }
                if op.partial { out += HTML.badge("partial", "warning") }
                out += "<span class=\"docline\">\(HTML.escape(HTML.firstSentence(op.documentation ?? "")))</span></summary><div class=\"op-body\">"
                if let doc = op.documentation, !doc.isEmpty { out += "<p class=\"doc\">\(HTML.escape(HTML.firstSentence(doc, limit: 600)))</p>" }
                out += "<div class=\"side\"><h4>Request</h4>\(tree.root(op.input))</div>"
                out += "<div class=\"side\"><h4>Response</h4>\(tree.root(op.output))</div>"
                if !op.errors.isEmpty {
                    out += "<p class=\"doc\"><b>Errors:</b> " + op.errors.map { e in HTML.escape(e.name) + (e.httpStatus.map { " (\($0))" } ?? "") }.joined(separator: ", ") + "</p>"
                }
                if !op.sources.isEmpty { out += "<div class=\"src\">" + op.sources.map(HTML.escape).joined(separator: "<br>") + "</div>" }
                out += "</div></details>"
            }
            out += tree.sharedShapes()
            out += "</section>"
        }
        return out + "</section>"
    }
}
