@testable import Reports
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

    /// A relative path whose first segment holds a colon would read as a URI scheme (one
    /// starting with a digit is none, and breaks the schema): the colon is percent-encoded there.
    @Test func aColonInTheFirstSegment() throws {
        #expect(try problems(file: "2024-01-01T10:00.jsonl") == [])
        #expect(SARIFWriter.uriReference("2024-01-01T10:00.jsonl") == "2024-01-01T10%3A00.jsonl")
        #expect(SARIFWriter.uriReference("dir/10:00.jsonl") == "dir/10:00.jsonl")
    }
}
