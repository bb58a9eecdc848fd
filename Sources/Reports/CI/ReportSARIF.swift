import APIModel
import ChangeRecords
import Conformance
import Differ

/// The report as one SARIF 2.1.0 run: document diagnostics at their file and line, payload
/// issues at the record's file and line with the payload path as logical location, and the
/// breaking and dangerous changes at the page of the operation they concern.
public enum ReportSARIF {
    public static var rules: [SARIFRule] {
        SARIFValidationResults.rules + [
            SARIFRule(id: "document", shortDescription: "A document that could not be fully read or understood"),
            SARIFRule(id: "breaking-change", shortDescription: "An API change that breaks existing callers"),
            SARIFRule(id: "dangerous-change", shortDescription: "An API change that may break callers"),
        ]
    }

    public static func log(_ report: CorpusReport, failOn: Severity?) -> [UInt8] {
        var results: [SARIFResult] = report.allDiagnostics.map { d in
            SARIFResult(ruleId: "document", level: d.severity == .error ? .error : d.severity == .warning ? .warning : .note,
                        message: d.message, file: d.file, line: d.line ?? 1)
        }
        results += SARIFValidationResults.results(report.validation.results)
        let models = Dictionary(report.snapshots.map { ($0.path, $0.model) }, uniquingKeysWith: { a, _ in a })
        for set in report.changeSets {
            for c in set.changes where c.severity != .info {
                let failing = failOn.map { c.severity >= $0 } ?? false
                let level: SARIFResult.Level = failing ? .error : c.severity == .breaking ? .warning : .note
                let side = c.kind == .operationRemoved || c.kind == .serviceRemoved ? set.old : set.new
                let source = c.operation.flatMap { models[side]?.services[c.service]?.operations[$0]?.sources.first }
                var logical = c.operation.map { "\(c.service).\($0)" } ?? c.service
                if let d = c.direction { logical += " \(d.rawValue)" }
                if let p = c.path, !p.isEmpty { logical += " \(p)" }
                results.append(SARIFResult(ruleId: c.severity == .breaking ? "breaking-change" : "dangerous-change", level: level,
                                           message: "\(CorpusLayout.name(of: set.old)) → \(CorpusLayout.name(of: set.new)): \(logical): \(c.detail)",
                                           file: source, line: source == nil ? nil : 1, logicalLocation: logical))
            }
        }
        return SARIFWriter.log(rules: rules, results: results)
    }
}
