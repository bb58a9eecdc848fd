import Testing
import TestSupport

/// The JUnit XSD check (libxml2 in-process): a valid document passes, and each kind of break
/// the schema can see fails with libxml2's message.
@Suite struct JUnitSchemaCheckTests {
    static let valid = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="docconform validate" tests="2" failures="1" errors="0" time="0.25">
          <testsuite name="svc.Op request" tests="2" failures="1" errors="0" time="1,234.5" file="payloads/a.jsonl">
            <testcase name="payloads/a.jsonl:1" classname="svc.Op request"/>
            <testcase name="payloads/a.jsonl:2" classname="svc.Op request"><failure type="required" message="Name: missing">Name: missing &amp; more</failure></testcase>
          </testsuite>
        </testsuites>
        """

    func problems(_ document: String) throws -> [String] {
        try ReportSchemas.junit.get().problems(in: Array(document.utf8))
    }

    @Test func theValidDocumentPasses() throws {
        #expect(try problems(Self.valid) == [])
    }

    @Test(arguments: [
        ("a suite without its failures count", #" failures="1" errors="0" time="1,234.5""#, #" errors="0" time="1,234.5""#, "failures"),
        ("an element the schema does not define", "<failure type", "<bogus/><failure type", "bogus"),
        ("an attribute the schema does not define", #"classname="svc.Op request"/>"#, #"classname="svc.Op request" line="3"/>"#, "line"),
        ("a time that is not a number", #"time="1,234.5""#, #"time="soon""#, "time"),
        ("a case outside a suite", "<testsuite name=", "<testcase name=\"x\"/><testsuite name=", "testcase"),
    ])
    func aBrokenDocumentFails(_ name: String, _ replace: String, _ with: String, _ mentioned: String) throws {
        #expect(Self.valid.contains(replace), "the case no longer edits the valid document")
        let found = try problems(Self.valid.replacingOccurrences(of: replace, with: with))
        #expect(!found.isEmpty)
        #expect(found.contains { $0.contains(mentioned) }, "\(found)")
    }

    @Test func aDocumentThatIsNotWellFormedFails() throws {
        let found = try problems("<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\">")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("not well-formed XML") == true, "\(found)")
    }

    @Test func aMissingOrInvalidSchemaIsAnError() throws {
        #expect(throws: XMLSchemaCheck.Failure.self) { try XMLSchemaCheck(schemaPath: "/nonexistent/junit.xsd") }
        #expect(throws: XMLSchemaCheck.Failure.self) { try XMLSchemaCheck(schemaPath: ReportSchemas.folder + "/README.md") }
    }
}
