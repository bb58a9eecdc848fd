import Conformance

/// Validation issues as SARIF results: one rule per error code, one result per issue,
/// located at the payload file/line with the operation and payload path as logical location.
public enum SARIFValidationResults {
    static let descriptions: [IssueCode: String] = [
        .required: "A required member is missing",
        .unknown: "A member the model does not define",
        .type: "A value of the wrong JSON type or encoding",
        .enum: "A value outside the documented enum",
        .length: "A string/blob length or list/map size outside min/max",
        .range: "A number outside min/max",
        .pattern: "A string that does not match the documented pattern",
        .union: "Zero or several members of a tagged union set",
        .operation: "A service or operation not in the model",
        .malformed: "A record that is not valid JSON",
        .duplicate: "A key given twice in one object",
        .record: "A record envelope without service, operation or direction",
        .undocumentedError: "An error response whose code the operation does not document",
        .unchecked: "A value whose pattern could not be checked within the work bound",
    ]

    public static var rules: [SARIFRule] {
        IssueCode.allCases.map { SARIFRule(id: $0.rawValue, shortDescription: descriptions[$0] ?? $0.rawValue) }
    }

    public static func results(_ records: [RecordResult]) -> [SARIFResult] {
        records.flatMap { r in
            r.issues.map { i in
                let op = "\(r.service ?? "?").\(r.operation ?? "?")"
                let logical = i.path.isEmpty ? "\(op) \(r.direction?.rawValue ?? "")" : "\(op) \(r.direction?.rawValue ?? "") \(i.path)"
                let label = r.id.map { "[\($0)] " } ?? ""
                return SARIFResult(ruleId: i.code.rawValue, level: .error,
                                   message: "\(label)\(op) \(i.path.isEmpty ? "(root)" : i.path): \(i.message)",
                                   file: r.file, line: r.line, logicalLocation: logical)
            }
        }
    }
}
