import APIModel
import Testing
import TestSupport
@testable import DocIngest

/// Page styles of other guides and eras, one folder each under `aws-reference/styles` (cut from
/// the real Lex and Textract pages, changed to show a style the issue names), and a style the
/// reader does not know, which must be announced at its lines.
@Suite struct ReferenceStyleTests {
    static func load(_ folder: String) -> Ingest.Result { ReferenceFixtures.load("aws-reference/styles/" + folder) }

    static func warnings(_ r: Ingest.Result) -> [String] {
        r.log.diagnostics.filter { $0.severity == .warning }.map { "\($0.file.split(separator: "/").last ?? ""):\($0.line ?? 0): \($0.message)" }
    }

    /// Class 4: each level of a map of maps takes its own `Map Entries` and `Key ...` facts.
    @Test func nestedMapFactsStayAtTheirLevel() throws {
        let r = Self.load("nested-map")
        #expect(r.log.diagnostics.isEmpty)
        let condition = try #require(r.model.services["models.lex.v2"]?.operations["CreateResourcePolicyStatement"]?.input?.members["condition"])
        #expect(condition.type == .map && condition.max == .integer(10))
        #expect(condition.key?.min == .integer(1) && condition.key?.max == nil)
        let inner = try #require(condition.value)
        #expect(inner.type == .map && inner.max == .integer(10))
        #expect(inner.key?.min == .integer(1) && inner.key?.max == .integer(1024))
        #expect(inner.value?.min == .integer(0) && inner.value?.max == .integer(1024))
    }

    /// Class 5: two `Required:` lines that disagree are a warning; the member is read optional.
    @Test func contradictionOnOnePageIsAWarning() throws {
        let r = Self.load("contradiction")
        #expect(Self.warnings(r) == ["API_SynthesizeSpeech.md:34: Required: No contradicts Required: Yes at line 32 of the same entry; read as not required"])
        let op = try #require(r.model.services["polly"]?.operations["SynthesizeSpeech"])
        #expect(op.input?.required == ["OutputFormat", "Text", "VoiceId"])
        #expect(op.input?.members["Engine"]?.enumValues == ["standard", "neural"])
        #expect(op.output?.members["AudioStream"]?.type == .blob)
    }

    /// Class 7: the anchor names the member; the wire name the page shows is its location name.
    @Test func memberNamedByItsAnchor() throws {
        let r = Self.load("anchors")
        #expect(r.log.diagnostics.isEmpty)
        let op = try #require(r.model.services["lambda"]?.operations["ListTags"])
        #expect(Array(op.input?.members.keys ?? []) == ["Resource"])
        #expect(op.input?.required == ["Resource"])
        #expect(op.input?.members["Resource"]?.location == "uri")
        #expect(op.input?.members["Resource"]?.locationName == "ARN")
        #expect(op.http?.requestUri == "/2017-03-31/tags/{ARN}")
    }

    /// Class 8: "This data type is a UNION" in an Important note under Contents.
    @Test func unionNoteUnderContents() throws {
        let r = Self.load("union")
        #expect(r.log.diagnostics.isEmpty)
        let thing = try #require(r.model.services["things"]?.operations["GetThing"]?.output?.members["Thing"])
        #expect(thing.type == .union)
        #expect(Array(thing.members.keys) == ["Color", "Size"])
    }

    /// Class 9: `Attributes , Attributes.entry.N.key (key) , Attributes.entry.N.value (value)` is the member `Attributes`.
    @Test func queryProtocolMapTitle() throws {
        let r = Self.load("query-map")
        #expect(r.log.diagnostics.isEmpty)
        let op = try #require(r.model.services["sns"]?.operations["GetTopicAttributes"])
        #expect(Array(op.output?.members.keys ?? []) == ["Attributes"])
        #expect(op.output?.members["Attributes"]?.type == .map)
        #expect(op.input?.required == ["TopicArn"])
        #expect(op.errors.map(\.name) == ["AuthorizationError", "NotFound"])
    }

    /// Class 10: numbers with thousands separators.
    @Test func thousandsSeparators() throws {
        let r = Self.load("numbers")
        #expect(r.log.diagnostics.isEmpty)
        let input = try #require(r.model.services["things"]?.operations["PutThing"]?.input)
        #expect(input.members["Document"]?.max == .integer(30720))
        #expect(input.members["Items"]?.max == .integer(1000))
        #expect(input.members["Weight"]?.min == .real(-1_000_000.5))
        #expect(input.members["Weight"]?.max == .integer(2_147_483_647))
        #expect(FactLine.numberLiteral("1,") == "1")
        #expect(FactLine.numberLiteral("12,34") == "12")
    }

    /// Class 3: code spans of one or two backticks; the pattern ends where its line's span ends.
    @Test func patternsInCodeSpansAreVerbatim() throws {
        let page = ReferenceMarkdownReader.read(path: "API_Query.md", bytes: try Fixtures.bytes("aws-reference/styles/code-span/API_Query.md"))
        let lines = page.sections.flatMap(\.entries).flatMap(\.lines).map(\.text).filter { $0.hasPrefix("Pattern:") }
        #expect(lines == [##"Pattern: ^[a-zA-Z0-9\s!"\#\$%'&\(\)\*\+\,\-\./:;=\?@\[\\\]\^_`\{\|\}~><]+$"##,
                          #"Pattern: ^[`a-z]+\`$"#,
                          ##"Pattern: ^[a-zA-Z0-9\s!"\#\$%'&\(\)\*\+\,\-\./:;=\?@\[\\\]\^_`\{\|\}~><]+$"##])
    }

    /// Class 1, other emphasis: `__name__`, and a bold note heading that stays prose.
    @Test func otherEmphasisStylesOpenEntries() throws {
        let text = """
        # Widget<a name="API_Widget"></a>

        A widget\\.

        ## Contents<a name="API_Widget_Contents"></a>

        **Note**
        Widgets are small\\.

        __color__   <a name="shop-Type-Widget-color"></a>
        The color\\.
        Type: String
        Required: Yes

        __size__
        The size\\.
        Type: Integer
        Required: No
        """
        let page = ReferenceMarkdownReader.read(path: "API_Widget.md", bytes: Array(text.utf8))
        let contents = try #require(page.sections.first { $0.kind == .contents })
        #expect(contents.entries.map(\.name) == ["color", "size"])
        #expect(contents.paragraphs.map(\.text) == ["Note", "Widgets are small."])
    }

    /// Text renderings that bullet `dt` and `dd` with another mark than `-`.
    @Test func textRenderingWithOtherBullets() throws {
        let text = """
        Widget
        Contents
        • color
        •
        The color.
        Type: String
        Required: Yes
        • size
        •
        Type: Integer
        Required: No
        """
        let page = ReferenceTextReader.read(path: "Widget.txt", bytes: Array(text.utf8))
        #expect(page.sections.first?.entries.map(\.name) == ["color", "size"])
    }

    /// Entries in a style the reader does not know: every one announced at its line, nothing
    /// read in silence, and the operation marked partial.
    @Test func unknownEntryStyleIsAnnounced() throws {
        let r = Self.load("unknown-style")
        let warnings = Self.warnings(r)
        #expect(warnings.contains("API_DescribeGadget.md:21: \"+ *GadgetId*\" may open an entry in a style the reader does not know: fact lines follow it (line 23: \"Type: String\"); not read"))
        #expect(warnings.contains("API_DescribeGadget.md:27: \"+ *Verbose*\" may open an entry in a style the reader does not know: fact lines follow it (line 29: \"Type: Boolean\"); not read"))
        #expect(warnings.contains("API_Gadget.md:7: \"### Name\" may open an entry in a style the reader does not know: fact lines follow it (line 9: \"Type: String\"); not read"))
        #expect(warnings.contains("API_Gadget.md:12: \"### Parts\" may open an entry in a style the reader does not know: fact lines follow it (line 14: \"Type: Array of strings\"); not read"))
        #expect(warnings.count == 6)
        #expect(r.model.services["gadgets"]?.operations["DescribeGadget"]?.partial == true)
    }

    /// An entry the reader missed inside another, a fact line it cannot read, a fact for a type
    /// that has no node for it: warnings, and the member's page is read only in part.
    @Test func linesAfterAnEntrysFactsAreAnnounced() throws {
        var log = DiagnosticLog()
        var memo = FactLineMemo()
        let merged = EntryFacts.read([ReferenceLine(text: "The color.", line: 1), ReferenceLine(text: "Type: String", line: 2),
                                      ReferenceLine(text: "shade", line: 3), ReferenceLine(text: "Type: Integer", line: 4)],
                                     path: "p", memo: &memo, log: &log)
        #expect(merged.unread && merged.type?.text == "String")
        #expect(log.diagnostics.map(\.message) == ["line after the entry's fact lines not understood (an entry in a style the reader does not know?): \"shade\"; not read; 1 fact line after it not read either"])
        log = DiagnosticLog()
        let unknown = EntryFacts.read([ReferenceLine(text: "Type: String", line: 1), ReferenceLine(text: "Default: blue", line: 2)],
                                      path: "p", memo: &memo, log: &log)
        #expect(unknown.unread)
        #expect(log.diagnostics.map(\.message) == ["fact line not understood: \"Default: blue\"; not read"])
        // A description copied from the SDK may state facts before the entry's own: read as one.
        log = DiagnosticLog()
        let copied = EntryFacts.read([ReferenceLine(text: "Type: String", line: 1), ReferenceLine(text: "Valid Values: a | b", line: 2),
                                      ReferenceLine(text: "For other voices it is optional.", line: 3),
                                      ReferenceLine(text: "Type: String", line: 4), ReferenceLine(text: "Valid Values: a | b", line: 5)],
                                     path: "p", memo: &memo, log: &log)
        #expect(!copied.unread && log.diagnostics.isEmpty)
        let placement = FactPlacement(.scalar(.string), [(.count(min: nil, max: .integer(3), isMap: false), 7)])
        #expect(placement.lost && placement.conflicts.map(\.line) == [7])
    }

    /// Served pages of another era: sections headed one level down, and a list of entries
    /// before any section the reader knows (announced, not read).
    @Test func olderHTMLSectionHeadings() throws {
        let html = """
        <html><body><div id="main-col-body">
        <h1 id="API_GetWidget">GetWidget</h1>
        <p>Gets a widget.</p>
        <h3>Request Parameters</h3>
        <div class="variablelist"><dl>
        <dt><b>WidgetId</b></dt><dd><p>The widget.</p><p>Type: String</p><p>Required: Yes</p></dd>
        </dl></div>
        <h3>Errors</h3>
        <dl><dt><b>NoSuchWidget</b></dt><dd><p>No widget.</p><p>HTTP Status Code: 404</p></dd></dl>
        </div></body></html>
        """
        var log = DiagnosticLog()
        let model = ReferenceFormatParser(rendering: .html).parse([SourceDocument(path: "API_GetWidget.html", bytes: Array(html.utf8))],
                                                                  options: IngestOptions(serviceName: "widgets"), log: &log)
        let op = try #require(model.services["widgets"]?.operations["GetWidget"])
        #expect(op.input?.required == ["WidgetId"] && op.errors.first?.httpStatus == 404)
        #expect(log.diagnostics.isEmpty)

        let stray = html.replacingOccurrences(of: "<h3>Request Parameters</h3>", with: "<h3>Parameters of the request</h3>")
        log = DiagnosticLog()
        _ = ReferenceFormatParser(rendering: .html).parse([SourceDocument(path: "API_GetWidget.html", bytes: Array(stray.utf8))],
                                                          options: IngestOptions(serviceName: "widgets"), log: &log)
        #expect(log.diagnostics.contains { $0.line == 6 && $0.message.hasPrefix("fact line \"Type: String\" comes before any section the reader knows") })
    }
}
