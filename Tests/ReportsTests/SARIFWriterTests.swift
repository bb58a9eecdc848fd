import Reports
import Testing
import TestSupport

/// SARIF locations of files with awkward names, checked against the SARIF 2.1.0 schema.
@Suite struct SARIFWriterTests {
    func problems(file: String) throws -> [JSONSchemaCheck.Problem] {
        let log = SARIFWriter.log(rules: [SARIFRule(id: "type", shortDescription: "A value of the wrong type")],
                                  results: [SARIFResult(ruleId: "type", level: .error, message: "m", file: file, line: 3)])
        return try ReportSchemas.sarif.get().problems(in: log)
    }

    @Test(arguments: ["payloads/a b#c?d%e.jsonl", "/abs/päth/x.json", "dir/10:00.jsonl", "../up.json"])
    func pathsBecomeURIReferences(_ file: String) throws {
        #expect(try problems(file: file) == [])
    }

    /// A relative path whose first segment holds a colon reads as a URI scheme; when that is
    /// no valid scheme (a name starting with a digit, such as a timestamp) the SARIF log breaks
    /// its schema. `SARIFWriter.uriReference` would need to escape that colon (`%3A`).
    @Test func aColonInTheFirstSegment() throws {
        let found = try problems(file: "2024-01-01T10:00.jsonl")
        withKnownIssue("SARIFWriter.uriReference leaves a colon in the first path segment unescaped") {
            #expect(found == [])
        }
    }
}
