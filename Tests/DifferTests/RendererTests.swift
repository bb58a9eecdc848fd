import APIModel
import ChangeRecords
import Testing
@testable import Differ
import TestSupport

@Suite struct RendererTests {
    let changes: [Change]

    init() throws {
        changes = ModelDiffer().diff(try Fixtures.model("demo-old.json"), try Fixtures.model("demo-new.json"))
    }

    @Test func jsonRoundTripsThroughTheReader() throws {
        let bytes = JSONDiffRenderer().render(changes, old: "v1", new: "v2")
        let doc = try DiffReader.read(bytes)
        #expect(doc.old == "v1" && doc.new == "v2")
        #expect(doc.changes.count == changes.count)
        // Everything but map summaries (read back as one-field dicts) survives unchanged.
        for (a, b) in zip(doc.changes, changes) {
            #expect(a.kind == b.kind && a.path == b.path && a.value == b.value && a.from == b.from && a.to == b.to
                    && a.required == b.required && a.severity == b.severity && a.direction == b.direction)
            #expect(a.summary?.pythonLiteral == b.summary?.pythonLiteral)
        }
        // Renderers depend only on the changes: the read-back list renders the same.
        for format in DiffFormat.allCases {
            #expect(format.renderer.render(doc.changes, old: "v1", new: "v2") == format.renderer.render(changes, old: "v1", new: "v2"))
        }
    }

    @Test func jsonHasTheSpecFields() throws {
        let bytes = JSONDiffRenderer().render(changes, old: "v1", new: "v2")
        let root = try JSONParser.parse(bytes)
        #expect(root["format"]?.stringValue == "docconform.diff/1")
        let first = try #require(root["changes"]?.arrayValue?.first { $0["kind"]?.stringValue == "constraint-changed" })
        #expect(first["constraint"]?.stringValue == "min")
        #expect(first["from"] == .number("1") && first["to"] == .number("0"))
        #expect(first["breaking"]?.boolValue == false && first["severity"]?.stringValue == "info")
    }

    @Test func readerRejectsOtherFormats() {
        #expect(throws: DiffReadError.self) { try DiffReader.read(Array(#"{"format":"docconform.diff/2","changes":[]}"#.utf8)) }
        #expect(throws: DiffReadError.self) { try DiffReader.read(Array("{".utf8)) }
    }

    @Test func changelogShowsAdditionsAsDicts() {
        let text = String(decoding: ChangelogRenderer().render(changes, old: "v1", new: "v2"), as: UTF8.self)
        #expect(text.contains("Shapes (updated)\nChanges (request)\n{'Mode': {'C'}, 'Items': {'Extra': 'boolean'}, 'Tags': {'k2'}, 'New': {'X': 'API | SAML'}}\n"))
        #expect(text.contains("Changes (response)\n{'Node': {'Next': {'Label': 'string'}, 'Label': 'string'}}"))
        #expect(text.contains("Added (new)"))
        #expect(!text.contains("Removed"))
    }

    @Test func textAndMarkdownCarryEveryChange() {
        let text = String(decoding: TextRenderer().render(changes, old: "v1", new: "v2"), as: UTF8.self)
        let md = String(decoding: MarkdownRenderer().render(changes, old: "v1", new: "v2"), as: UTF8.self)
        #expect(text.hasPrefix("v1 → v2: \(changes.count) changes"))
        #expect(text.contains("BREAKING  request  member removed Old"))
        #expect(md.contains("| breaking | \(changes.filter { $0.severity == .breaking }.count) |"))
        #expect(md.contains("- **breaking** (request) `Typed` type `structure` → `string`"))
        let bullets = md.split(separator: "\n").filter { $0.hasPrefix("- ") }.count
        #expect(bullets == changes.count)
    }

    @Test func pythonStringsAreEscaped() {
        #expect(TypeSummary.scalar("it's").pythonLiteral == "\"it's\"")
        #expect(TypeSummary.scalar("a\\b").pythonLiteral == "'a\\\\b'")
        #expect(PathSyntax.memberNames("A[][].B{}.C{key}") == ["A", "B", "C"])
        #expect(PathSyntax.memberNames("") == [])
    }
}
