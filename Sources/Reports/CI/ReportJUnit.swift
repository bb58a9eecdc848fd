import APIModel
import ChangeRecords
import Conformance
import Differ

/// The report as JUnit (valid against the Jenkins/xunit junit-10.xsd): one suite per
/// snapshot (its documents' diagnostics), the payload suites of `validate --format junit`,
/// and one suite per comparison of snapshots. A case fails exactly where the exit status
/// would: an error diagnostic, an invalid payload, a change at or above `--fail-on`.
public enum ReportJUnit {
    public static func suites(_ report: CorpusReport, failOn: Severity?) -> [JUnitSuite] {
        var suites: [JUnitSuite] = []
        if !report.problems.diagnostics.isEmpty {
            suites.append(JUnitSuite(name: "corpus \(report.corpus)", cases: report.problems.diagnostics.map(diagnosticCase), file: report.corpus))
        }
        for s in report.snapshots {
            var cases = [JUnitTestCase(name: "\(s.path): \(s.filesRead) document(s), \(s.model.operationCount) operation(s)",
                                       className: "docs.\(s.name)")]
            cases += s.log.diagnostics.map(diagnosticCase)
            suites.append(JUnitSuite(name: "docs \(s.name)", cases: cases, file: s.path))
        }
        if !report.validation.log.diagnostics.isEmpty {
            suites.append(JUnitSuite(name: "payload files", cases: report.validation.log.diagnostics.map(diagnosticCase)))
        }
        for var suite in JUnitValidationResults.suites(report.validation.results) {
            // The schema has no place for a case's file and line: the name carries them.
            suite.cases = suite.cases.map { c in
                var c = c
                if let file = c.file {
                    let location = "\(file):\(c.line ?? 1)"
                    if c.name != location { c.name += " (\(location))" }
                }
                return c
            }
            suites.append(JUnitSuite(name: "payloads " + suite.name, cases: suite.cases))
        }
        for set in report.changeSets {
            suites.append(changeSuite(set, failOn: failOn))
        }
        return suites
    }

    static func diagnosticCase(_ d: Diagnostic) -> JUnitTestCase {
        let location = "\(d.file):\(d.line ?? 1)"
        if d.severity == .error {
            return JUnitTestCase(name: location, className: "docs", file: d.file, line: d.line ?? 1,
                                 failures: [JUnitFailure(type: "error", message: "\(location): \(d.message)")])
        }
        return JUnitTestCase(name: location, className: "docs", file: d.file, line: d.line ?? 1,
                             systemOut: "\(location): \(d.severity.rawValue): \(d.message)")
    }

    static func changeSuite(_ set: CorpusReport.ChangeSet, failOn: Severity?) -> JUnitSuite {
        let old = CorpusLayout.name(of: set.old), new = CorpusLayout.name(of: set.new)
        var order: [String] = []
        var byOperation: [String: [Change]] = [:]
        for c in set.changes {
            let key = c.operation.map { "\(c.service).\($0)" } ?? c.service
            if byOperation[key] == nil { order.append(key) }
            byOperation[key, default: []].append(c)
        }
        var cases = [JUnitTestCase(name: "\(old) → \(new): \(set.changes.count) change(s)", className: "changes")]
        for key in order {
            let changes = byOperation[key]!
            let failures = changes.filter { c in failOn.map { c.severity >= $0 } ?? false }.map { c in
                JUnitFailure(type: c.kind.rawValue, message: "\(c.severity.rawValue): \(line(c))")
            }
            cases.append(JUnitTestCase(name: key, className: "changes.\(old)→\(new)", failures: failures,
                                       systemOut: changes.map { "\($0.severity.rawValue): \(line($0))" }.joined(separator: "\n")))
        }
        return JUnitSuite(name: "changes \(old) → \(new)", cases: cases)
    }

    static func line(_ c: Change) -> String {
        let direction = c.direction.map { $0 == .input ? "request: " : "response: " } ?? ""
        return direction + c.detail
    }
}
