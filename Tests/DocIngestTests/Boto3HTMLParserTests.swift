import APIModel
@testable import DocIngest
import Testing
import TestSupport

/// boto3 method pages as Sphinx + furo HTML and as their text rendering, checked against the
/// botocore 1.35.40 appstream model the fixture pages were generated from.
@Suite struct Boto3HTMLParserTests {
    static let botocore = Fixtures.path("boto3-html/botocore-1.35.40")

    static func reference() -> Model { Ingest.load(paths: [botocore]).model }

    static func parse(_ relative: String) -> (Model, DiagnosticLog) {
        let result = Ingest.load(paths: [Fixtures.path("boto3-html/" + relative)])
        return (result.model, result.log)
    }

    @Test func seedTextPageIsDescribeImageBuildersInEverythingItStates() throws {
        let (model, log) = Self.parse("text/describe_image_builders.txt")
        #expect(log.warningCount == 0 && log.errorCount == 0)
        let op = try #require(model.services["appstream"]?.operations["DescribeImageBuilders"])
        #expect(op.method == "describe_image_builders")
        #expect(!op.partial)
        #expect(op.errors.map(\.name) == ["ResourceNotFoundException"])
        let reference = Self.reference()
        let refOp = try #require(reference.services["appstream"]?.operations["DescribeImageBuilders"])
        #expect(op.errors.map(\.name) == refOp.errors.map(\.name))

        let report = RSTFidelity.compare(pages: model, reference: reference)
        #expect(report.complete == 1)
        #expect(report.matched == 1, "\(report.mismatches.map(\.detail))")
        // What the page states, spot-checked: enums in order, nesting, no required flags.
        let output = try #require(op.output)
        let builder = try #require(output.members["ImageBuilders"]?.member)
        #expect(builder.members["State"]?.enumValues?.first == "PENDING")
        #expect(builder.members["State"]?.enumValues?.count == 11)
        #expect(builder.members["VpcConfig"]?.members["SubnetIds"]?.member?.type == .string)
        #expect(builder.members["CreatedTime"]?.type == .timestamp)
        #expect(op.input?.required == [])
    }

    @Test func htmlPageGivesTheSameOperationWithItsAPIName() throws {
        let (html, log) = Self.parse("html/describe_image_builders.html")
        #expect(log.warningCount == 0)
        let service = try #require(html.services["appstream"])
        #expect(service.apiVersion == "2016-12-01")
        let op = try #require(service.operations["DescribeImageBuilders"])
        #expect(op.errors.map(\.name) == ["ResourceNotFoundException"])
        #expect(op.documentation?.hasPrefix("Retrieves a list that describes one or more specified image builders") == true)

        let (text, _) = Self.parse("text/describe_image_builders.txt")
        let report = RSTFidelity.compare(pages: html, reference: text)
        #expect(report.complete == 1 && report.matched == 1, "\(report.mismatches.map(\.detail))")
    }

    @Test(arguments: ["html/describe_image_builders.html", "text/describe_image_builders.txt"])
    func membersKeepTheirDescriptions(_ page: String) throws {
        let (model, _) = Self.parse(page)
        let op = try #require(model.services["appstream"]?.operations["DescribeImageBuilders"])
        #expect(op.input?.members["Names"]?.documentation == "The names of the image builders to describe.")
        #expect(op.output?.members["ImageBuilders"]?.documentation == "Information about the image builders.")
        #expect(op.output?.members["ImageBuilders"]?.member?.members["Arn"]?.documentation == "The ARN for the image builder.")
        // A description that wraps over several lines of the text rendering is one paragraph.
        let next = try #require(op.input?.members["NextToken"]?.documentation)
        #expect(next.hasPrefix("The pagination token to use to retrieve the next page of results for this operation.") && !next.contains("\n"))
    }

    /// Pygments wraps every token in a `<span>`; the text nodes together must be the literal block.
    @Test func highlightedSyntaxIsTheLiteralText() throws {
        var log = DiagnosticLog()
        let html = try Fixtures.bytes("boto3-html/html/describe_image_builders.html")
        let sections = try #require(Boto3HTMLReader.read(path: "p.html", bytes: html, log: &log))
        let text = Boto3TextReader.read(try Fixtures.bytes("boto3-html/text/describe_image_builders.txt"))
        let request = try #require(sections.requestSyntax?.bytes)
        let response = try #require(sections.responseSyntax?.bytes)
        #expect(String(decoding: request, as: UTF8.self) == String(decoding: try #require(text.requestSyntax?.bytes), as: UTF8.self))
        #expect(String(decoding: response, as: UTF8.self) == String(decoding: try #require(text.responseSyntax?.bytes), as: UTF8.self))
        #expect(String(decoding: request, as: UTF8.self).hasPrefix("response = client.describe_image_builders(\n    Names=[\n        'string',\n"))
        // The block starts on the `<pre>` line, so skeleton diagnostics point into the page.
        #expect(sections.requestSyntax?.firstLine ?? 0 > 1)
    }

    /// Sphinx renders a single `:param:` without a list, and `[REQUIRED]` as its own paragraph.
    @Test func singleRequiredParameterInBothRenderings() throws {
        for page in ["html/delete_image.html", "text/delete_image.txt"] {
            let (model, log) = Self.parse(page)
            #expect(log.warningCount == 0, "\(page)")
            let op = try #require(model.services["appstream"]?.operations["DeleteImage"], "\(page)")
            #expect(op.input?.required == ["Name"], "\(page)")
            #expect(op.input?.members.keys.elementsEqual(["Name"]) == true, "\(page)")
        }
    }

    @Test func largerPageMatchesBotocoreInBothRenderings() throws {
        let reference = Self.reference()
        for page in ["html/create_fleet.html", "text/create_fleet.txt"] {
            let (model, _) = Self.parse(page)
            let report = RSTFidelity.compare(pages: model, reference: reference)
            #expect(report.complete == 1 && report.matched == 1, "\(page): \(report.mismatches.map(\.detail))")
            let op = try #require(model.services["appstream"]?.operations["CreateFleet"])
            #expect(op.input?.required.contains("Name") == true)
            #expect(!op.errors.isEmpty)
        }
    }

    @Test func methodsThatAreNoOperationAreCountedNotReported() {
        for page in ["html/get_waiter.html", "text/get_waiter.txt"] {
            let (model, log) = Self.parse(page)
            #expect(model.services.isEmpty, "\(page)")
            #expect(log.warningCount == 0, "\(page)")
            #expect(log.infoCounts[Boto3RSTParser.skippedCategory] == 1, "\(page)")
        }
    }

    @Test func formatDetection() throws {
        func verdict(_ relative: String) throws -> FormatDetector.Verdict {
            FormatDetector.detect(path: relative, head: Array(try Fixtures.bytes("boto3-html/" + relative).prefix(16_384)))
        }
        #expect(try verdict("html/describe_image_builders.html") == .format(.boto3HTML))
        #expect(try verdict("text/seed_appstream_describe_image_builders.txt") == .format(.boto3HTMLText))
        #expect(try verdict("text/get_waiter.txt") == .format(.boto3HTMLText))
        #expect(try verdict("text/delete_image.txt") == .format(.boto3HTMLText))
    }

    @Test func renderedBulletHeads() {
        let plain = RenderedProse.parseHead("Names (list) – The names")
        #expect(plain?.name == "Names" && plain?.type == .list && plain?.required == false)
        let required = RenderedProse.parseHead("Name (string) – [REQUIRED]")
        #expect(required?.required == true)
        let item = RenderedProse.parseHead("(dict) –")
        #expect(item?.name == nil && item?.type == .dict)
        #expect(RenderedProse.parseHead("Body (bytes or seekable file-like object) –")?.type == .streamingInput)
        #expect(RenderedProse.parseHead("Body (StreamingBody) –")?.type == .streamingOutput)
        let bare = RenderedProse.parseHead("NextToken (string)")
        #expect(bare?.name == "NextToken" && bare?.type == .string)
        #expect(RenderedProse.parseHead("stream.standard.small") == nil)
        #expect(RenderedProse.parseHead("The value (if any) of the thing") == nil)
    }
}

/// A hand-written text page: a tagged union whose note holds a code line at the left margin
/// (as elinks renders it), a required parameter, a recursive list of the root, two exceptions.
@Suite struct Boto3TextLayoutTests {
    @Test func unionNoteCodeAtTheMarginAndRecursion() throws {
        let result = Ingest.load(paths: [Fixtures.path("boto3-html/synthetic/get_widget_union.txt")])
        #expect(result.log.warningCount == 0, "\(result.log.diagnostics.map(\.description))")
        let op = try #require(result.model.services["widgets"]?.operations["GetWidget"])
        #expect(!op.partial)
        let input = try #require(op.input)
        #expect(input.required == ["WidgetId"])
        let shape = try #require(input.members["Shape"])
        #expect(shape.type == .union)
        #expect(shape.members.keys.elementsEqual(["Circle", "Label"]))
        #expect(shape.members["Circle"]?.type == .float)
        let parts = try #require(op.output?.members["Parts"]?.member)
        #expect(parts.isRef)
        #expect(op.errors.map(\.name) == ["NoSuchWidget", "ThrottlingException"])
    }

    /// Member names are letters, digits and `_-.:$@` of any script: the first other byte decides.
    @Test func memberNamesByTheirBytes() {
        func isName(_ text: String) -> Bool { RenderedProse.isMemberName(ArraySlice(text.utf8)) }
        for name in ["Name", "x-amz-meta", "aws:SourceIp", "$Version", "a.b_c", "user@host", "Größe", "名前", ""] {
            #expect(isName(name), "\(name)")
        }
        for text in ["Two words", "Name,", "(dict)", "Größe!", "名前 x", "tab\there", "é€"] {
            #expect(!isName(text), "\(text)")
        }
    }
}
