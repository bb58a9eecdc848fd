import APIModel
@testable import DocIngest
import Testing
import TestSupport

/// boto3's "This section is too large to render." notes read the same in every rendering of a
/// page (RST, HTML, text): the operation is partial, what the notes hide is left out without
/// a warning, and what the page does show is kept. The RST reader did this first; the HTML
/// and text readers now share its assembly (`Boto3OperationAssembler`).
@Suite struct Boto3TooLargeSectionsTests {
    static func parse(_ relative: String) -> Ingest.Result {
        Ingest.load(paths: [Fixtures.path("boto3-html/too-large/" + relative)])
    }

    /// Request syntax and parameters both too large (real lexv2-models page, HTML and text
    /// renderings of the RST fixture `boto3-rst/pages/lexv2-models/client/create_intent.rst`):
    /// no request tree is built from nothing and nothing is reported about it.
    @Test(arguments: ["html/lexv2-models/client/create_intent.html", "text/lexv2-models/client/create_intent.txt"])
    func tooLargeRequestBuildsNoTreeAndWarnsNothing(_ page: String) throws {
        let result = Self.parse(page)
        #expect(result.log.diagnostics.isEmpty, "\(result.log.diagnostics)")
        let op = try #require(result.model.services.values.first?.operations.values.first)
        #expect(op.method == "create_intent")
        #expect(op.partial)
        #expect(op.input == nil && op.output == nil)
        #expect(op.errors.contains { $0.name == "ValidationException" })
    }

    /// A response syntax with a value boto3 did not expand (`...`) over a too-large response
    /// structure: the value is left out quietly (the prose that would type it is missing), the
    /// rest of the syntax is kept, and all three renderings give the same operation.
    @Test func unexpandedValuesUnderATooLargeStructureAreLeftOutQuietlyInEveryRendering() throws {
        var operations: [Operation] = []
        for page in ["rst/widgets/client/set_widget_limits.rst", "html/widgets/client/set_widget_limits.html",
                     "text/widgets/client/set_widget_limits.txt"] {
            let result = Self.parse(page)
            #expect(result.log.diagnostics.isEmpty, "\(page): \(result.log.diagnostics)")
            let op = try #require(result.model.services["widgets"]?.operations["SetWidgetLimits"], "\(page)")
            #expect(op.partial)
            #expect(op.input == nil)
            let output = try #require(op.output, "\(page)")
            #expect(Array(output.members.keys) == ["WidgetId"])
            #expect(output.members["WidgetId"]?.type == .string)
            #expect(op.errors.map(\.name) == ["NoSuchWidget"])
            operations.append(op)
        }
        #expect(operations.map(\.output) == Array(repeating: operations[0].output, count: operations.count))
    }
}
