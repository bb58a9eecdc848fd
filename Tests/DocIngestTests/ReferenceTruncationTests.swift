import APIModel
import Differ
import Testing
import TestSupport
@testable import DocIngest

/// Reference pages cut short (issue 21's reproducers, `aws-reference/truncated`): what was read
/// is kept, the cut is a warning that the page ends early at its last line, and the operation
/// is partial, so that a diff takes nothing it lacks for removed. A page cut before its first
/// section is no index page.
@Suite struct ReferenceTruncationTests {
    static func load(_ folder: String) -> Ingest.Result {
        ReferenceFixtures.load("aws-reference/truncated/" + folder, service: "iam")
    }

    static func endsEarly(_ r: Ingest.Result) -> [String] {
        r.log.diagnostics.filter(\.endsEarly).map { "\($0.line ?? 0): \($0.message)" }
    }

    @Test func wholePagesAreNotCut() throws {
        let md = Self.load("md-full")
        #expect(md.log.diagnostics.isEmpty)
        let op = try #require(md.model.services["iam"]?.operations["AttachRolePolicy"])
        #expect(op.input?.members.count == 2 && op.errors.count == 6 && !op.partial)
        let html = Self.load("html-full")
        #expect(Self.endsEarly(html).isEmpty)
        #expect(html.model.services["iam"]?.operations["TagRole"]?.errors.count == 5)
    }

    @Test func markdownCutInAnEntry() throws {
        let r = Self.load("md-cut")
        #expect(Self.endsEarly(r) == ["12: the operation page ends before its Errors section (cut short?)"])
        // The cut fact line itself is announced too.
        #expect(r.log.diagnostics.contains { $0.line == 12 && $0.message.contains("\"Length C\"; not read") })
        let op = try #require(r.model.services["iam"]?.operations["AttachRolePolicy"])
        #expect(op.partial)
        #expect(Array(op.input?.members.keys ?? []) == ["PolicyArn"])
        #expect(op.input?.members["PolicyArn"]?.type == .string)
    }

    @Test func markdownCutBeforeItsFirstSection() throws {
        let r = Self.load("md-cut-before-sections")
        #expect(Self.endsEarly(r) == ["3: the page ends before its first section (cut short?): nothing of AttachRolePolicy is read"])
        #expect(r.log.infoCounts["reference index pages skipped (no API sections)"] == nil)
        let op = try #require(r.model.services["iam"]?.operations["AttachRolePolicy"])
        #expect(op.partial && op.input == nil && op.output == nil)
    }

    @Test func htmlCutShort() throws {
        let r = Self.load("html-cut")
        #expect(Self.endsEarly(r) == ["15: the page ends before '</html>' (cut short?)"])
        let op = try #require(r.model.services["iam"]?.operations["TagRole"])
        #expect(op.partial)
        #expect(Array(op.input?.members.keys ?? []) == ["RoleName"])
    }

    /// A page without the See Also its service's other pages end with was cut.
    @Test func pageLackingTheEndingItsSiblingsHave() throws {
        let full = try Fixtures.bytes("aws-reference/markdown/lex-runtime/API_runtime_GetSession.md")
        let text = String(decoding: full, as: UTF8.self)
        let cut = Array(text[..<text.range(of: "## See Also")!.lowerBound].utf8)
        let sibling = try Fixtures.bytes("aws-reference/markdown/lex-runtime/API_runtime_DeleteSession.md")
        var log = DiagnosticLog()
        let model = ReferenceFormatParser(rendering: .markdown).parse(
            [SourceDocument(path: "API_runtime_GetSession.md", bytes: cut), SourceDocument(path: "API_runtime_DeleteSession.md", bytes: sibling)],
            options: IngestOptions(), log: &log)
        #expect(log.diagnostics.filter(\.endsEarly).map(\.message)
            == ["the page ends before the See Also section that the other pages of its service end with (cut short?)"])
        #expect(model.services["runtime.lex"]?.operations["GetSession"]?.partial == true)
        #expect(model.services["runtime.lex"]?.operations["DeleteSession"]?.partial == false)
    }

    /// What a cut page lacks is unknown, not removed: a diff against the whole page removes nothing.
    @Test func aCutPageRemovesNothingInADiff() {
        let full = Self.load("md-full").model
        for cut in ["md-cut", "md-cut-before-sections"] {
            let changes = ModelDiffer().diff(full, Self.load(cut).model)
            #expect(!changes.contains { $0.kind == .memberRemoved || $0.kind == .operationRemoved || $0.kind == .requiredRemoved }, "\(cut)")
        }
        let html = ModelDiffer().diff(Self.load("html-full").model, Self.load("html-cut").model)
        #expect(!html.contains { $0.kind == .memberRemoved || $0.kind == .operationRemoved })
    }

    /// A page cut where no section tells (one page alone, no See Also to miss): in its title, in
    /// its first heading, inside the last error, in the Errors text before any error.
    @Test(arguments: ["# DeleteSession<a nam", "## Request Syntax<a name=\"AP", "Two clients are using the same AWS account, Amazon Lex bot, and user ID\\.",
                      "For information about the errors that are common to all actions, see [Common"])
    func pageCutWhereNoSectionTells(_ upTo: String) throws {
        let page = String(decoding: try Fixtures.bytes("aws-reference/markdown/lex-runtime/API_runtime_DeleteSession.md"), as: UTF8.self)
        let errors = try #require(page.range(of: "## Errors"))
        let text = upTo.hasPrefix("For information")
            ? page[..<errors.upperBound] + "<a name=\"API_runtime_DeleteSession_Errors\"></a>\n\n" + upTo
            : page[..<(try #require(page.range(of: upTo))).upperBound]
        var log = DiagnosticLog()
        let model = ReferenceFormatParser(rendering: .markdown).parse([SourceDocument(path: "API_runtime_DeleteSession.md", bytes: Array(text.utf8))],
                                                                      options: IngestOptions(serviceName: "lex-runtime"), log: &log)
        let early = log.diagnostics.contains { $0.endsEarly }
        #expect(early)
        #expect(model.services["lex-runtime"]?.operations["DeleteSession"]?.partial == true)
    }
}
