import Conformance

/// Validation results as JUnit: one suite per operation and direction, one case per record.
public enum JUnitValidationResults {
    public static func suites(_ results: [RecordResult]) -> [JUnitSuite] {
        var order: [String] = []
        var byName: [String: [JUnitTestCase]] = [:]
        for r in results {
            let suite = "\(r.service ?? "?").\(r.operation ?? "?") \(r.direction?.rawValue ?? "?")"
            if byName[suite] == nil { order.append(suite) }
            let name = r.id ?? "\(r.file):\(r.line)"
            let failures = r.issues.map { i in
                JUnitFailure(type: i.code.rawValue, message: "\(i.path.isEmpty ? "(root)" : i.path): \(i.message)")
            }
            byName[suite, default: []].append(JUnitTestCase(name: name, className: suite, file: r.file, line: r.line, failures: failures))
        }
        return order.map { JUnitSuite(name: $0, cases: byName[$0]!) }
    }
}
