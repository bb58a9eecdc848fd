import APIModel
import Testing
@testable import DocIngest

/// Broken HTML, missing sections, a missing type page, unreadable numbers: diagnostics
/// with file and line, no crash, the rest parsed.
@Suite struct ReferenceBadInputTests {
    static let folder = "aws-reference/bad"

    var result: Ingest.Result { ReferenceFixtures.load(Self.folder) }

    func diagnostic(_ r: Ingest.Result, _ file: String, _ line: Int, _ severity: Diagnostic.Severity, _ text: String) -> Bool {
        r.log.diagnostics.contains { $0.file.hasSuffix(file) && $0.line == line && $0.severity == severity && $0.message.contains(text) }
    }

    @Test func brokenHTMLStillYieldsItsEntries() throws {
        let r = result
        let op = try #require(r.model.services["broken"]?.operations["Broken"])
        #expect(Array(op.input?.members.keys ?? []) == ["Name", "Thing", "Count"])
        #expect(op.input?.required == ["Name"])
        #expect(op.input?.members["Count"]?.max == .integer(5))
        #expect(diagnostic(r, "API_Broken.html", 2, .warning, "main-col-body ends before any section"))
        // Broken markup, not a page cut short: it does not stop `diff`.
        #expect(!r.log.diagnostics.contains { $0.file.hasSuffix("API_Broken.html") && $0.endsEarly })
        // The unreadable minimum is an error at its line; the line's other fact is not guessed.
        #expect(diagnostic(r, "API_Broken.html", 9, .error, "unreadable number \"one.\""))
        #expect(op.input?.members["Name"]?.min == nil)
        #expect(diagnostic(r, "API_Broken.html", 16, .error, "unreadable HTTP status code"))
        #expect(op.errors.map(\.name) == ["BadThing", "OtherThing"])
        #expect(op.errors.map(\.httpStatus) == [nil, 409])
    }

    @Test func missingTypePageIsReportedNotGuessed() throws {
        let r = result
        let thing = try #require(r.model.services["broken"]?.operations["Broken"]?.input?.members["Thing"])
        #expect(thing.type == .structure && thing.name == "Nowhere" && thing.members.isEmpty)
        #expect(diagnostic(r, "API_Broken.html", 11, .warning, "API_Nowhere is not among the given files"))
        #expect(r.model.services["broken"]?.operations["Broken"]?.partial == true)
    }

    @Test func missingSectionsAreCrossCheckedAgainstTheSyntax() throws {
        let r = result
        let op = try #require(r.model.services["trunc"]?.operations["Truncated"])
        #expect(Array(op.input?.members.keys ?? []) == ["Alpha"])
        #expect(diagnostic(r, "API_Truncated.md", 10, .warning, "Beta appears in the request syntax but has no entry"))
    }

    @Test func unreadableNumberInTextRendering() throws {
        let r = result
        #expect(diagnostic(r, "API_BadNumber.txt", 20, .error, "unreadable number \"1e.\""))
        #expect(diagnostic(r, "API_BadNumber.txt", 25, .warning, "API_Polygon is not among the given files"))
        #expect(diagnostic(r, "API_BadNumber.txt", 1, .warning, "names no service"))
        let op = try #require(r.model.services["unknown"]?.operations["BadNumber"])
        #expect(op.input?.required == ["limit"])
        #expect(op.errors.first?.httpStatus == 500)
    }

    @Test func pageWithoutMainColumn() throws {
        let r = result
        #expect(diagnostic(r, "API_NoMain.html", 1, .warning, "no div#main-col-body"))
        #expect(r.model.services["nomain"]?.operations["NoMain"]?.input?.members["Flag"]?.type == .boolean)
    }

    @Test func garbageNeverCrashes() {
        let garbage: [[UInt8]] = [
            [], [0xFF, 0xFE, 0x00, 0x3C], Array("<html><h2 id=\"x_Errors\"><dl><dt><dd>".utf8),
            Array("# \n## \n ** \n```\n".utf8), Array("-\n-\n- \nType:\nPattern:\n".utf8),
        ]
        for bytes in garbage {
            for rendering in [ReferenceFormatParser.Rendering.html, .text, .markdown] {
                var log = DiagnosticLog()
                _ = ReferenceFormatParser(rendering: rendering).parse([SourceDocument(path: "g", bytes: bytes)], options: IngestOptions(), log: &log)
            }
        }
    }
}
