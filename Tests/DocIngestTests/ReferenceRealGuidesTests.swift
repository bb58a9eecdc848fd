import APIModel
import ChangeRecords
import Differ
import Testing
import TestSupport
@testable import DocIngest

/// Real markdown pages of two more guides, each against the botocore release it describes:
/// Lex V1 runtime (15 pages; type-page entries written ` **name**` with no spaces, binary
/// request and response bodies, errors without spaces) and Textract (58 pages; a pattern
/// holding a backtick inside its code span).
@Suite struct ReferenceRealGuidesTests {
    static let lexPages = "aws-reference/markdown/lex-runtime"
    static let lexRelease = "aws-reference/botocore-1.21.24"
    static let textractPages = "aws-reference/markdown/textract"
    static let textractRelease = "aws-reference/botocore-1.29.45"

    /// The changes between the release and the pages, both as the reference pages can state them
    /// (services paired by their SDK identity, members by the merge's rules).
    func drift(pages: String, release: String) -> [Change] {
        let read = ReferenceFixtures.load(pages).model
        let sdk = Ingest.load(paths: [Fixtures.path(release)]).model.projected(onto: .awsReference)
        let documented = ServiceIdentity.aligned(read, to: sdk).projected(onto: .awsReference)
        return ModelDiffer().diff(sdk, NameAlignment.align(documented, to: sdk))
    }

    /// The errors each operation page lists, by name and status, against the release's (a status
    /// only where the release states one: json-protocol models often give none).
    func errorsDiffer(pages: String, release: String) -> [String] {
        let read = ReferenceFixtures.load(pages).model
        let sdk = Ingest.load(paths: [Fixtures.path(release)]).model
        let documented = ServiceIdentity.aligned(read, to: sdk)
        var out: [String] = []
        for (name, service) in documented.services {
            for (opName, op) in service.operations {
                let truth = sdk.services[name]?.operations[opName]?.errors ?? []
                let stated = Dictionary(truth.map { ($0.name, $0.httpStatus) }, uniquingKeysWith: { a, _ in a })
                let same = Set(op.errors.map(\.name)) == Set(stated.keys)
                    && op.errors.allSatisfy { e in stated[e.name].map { $0 == nil || $0 == e.httpStatus } ?? false }
                if !same { out.append(opName) }
            }
        }
        return out
    }

    @Test func lexRuntimePagesReadWithoutDiagnostics() {
        let r = ReferenceFixtures.load(Self.lexPages)
        #expect(r.filesByFormat[.awsReferenceMarkdown] == 15)
        #expect(r.log.diagnostics.isEmpty, "\(r.log.diagnostics.prefix(3))")
        // Named by the See Also uid (`runtime.lex-2016-11-28`) until paired with the SDK's model.
        #expect(r.model.services["runtime.lex"]?.operations.count == 5)
        #expect(r.model.services["runtime.lex"]?.operations.values.allSatisfy { !$0.partial } == true)
    }

    @Test func lexRuntimeEqualsBotocore1_21_24() {
        let changes = drift(pages: Self.lexPages, release: Self.lexRelease)
        #expect(changes.isEmpty, "\(changes.prefix(5).map { "\($0.kind.rawValue) \($0.operation ?? "") \($0.path ?? "")" })")
        #expect(errorsDiffer(pages: Self.lexPages, release: Self.lexRelease).isEmpty)
    }

    /// Class 1: ` **fulfillmentState**   <a name=...>` entries make members.
    @Test func typePageEntriesWithoutSpacesAreMembers() throws {
        let model = ReferenceFixtures.load(Self.lexPages).model
        let action = try #require(model.services["runtime.lex"]?.operations["PutSession"]?.input?.members["dialogAction"])
        #expect(Array(action.members.keys) == ["fulfillmentState", "intentName", "message", "messageFormat", "slots", "slotToElicit", "type"])
        #expect(action.required == ["type"])
        #expect(action.members["message"]?.max == .integer(1024))
        #expect(action.members["type"]?.enumValues == ["ElicitIntent", "ConfirmIntent", "ElicitSlot", "Close", "Delegate"])
        // Errors written ` **BadGatewayException**   ` with their status codes.
        let errors = try #require(model.services["runtime.lex"]?.operations["PostContent"]?.errors)
        #expect(errors.count == 11)
        #expect(errors.first.map { "\($0.name) \($0.httpStatus ?? 0)" } == "BadGatewayException 502")
    }

    /// Class 2: "accepts the following binary data" / "returns the following as the HTTP body".
    @Test func binaryBodiesAreBlobs() throws {
        let op = try #require(ReferenceFixtures.load(Self.lexPages).model.services["runtime.lex"]?.operations["PostContent"])
        #expect(op.input?.members["inputStream"]?.type == .blob)
        #expect(op.input?.members["inputStream"]?.location == nil)
        #expect(op.output?.members["audioStream"]?.type == .blob)
        // Headers keep the string a located member reads as; deprecation notices are read.
        #expect(op.output?.members["inputTranscript"]?.location == "header")
        #expect(op.output?.members["inputTranscript"]?.deprecated == true)
        #expect(op.output?.members["encodedInputTranscript"]?.deprecated == false)
    }

    /// Class 6: the SDK's name by the release's metadata (uid), with no table and no --service.
    @Test func serviceNamedByTheSDKsIdentity() throws {
        let merged = ReferenceFixtures.load([Self.lexPages, Self.lexRelease])
        #expect(Array(merged.model.services.keys) == ["lex-runtime"])
        #expect(merged.log.infoCounts["services matched by their SDK identity (uid, endpoint prefix or signing name)"] == 1)
        #expect(merged.log.diagnostics.filter { $0.severity != .info }.isEmpty, "\(merged.log.diagnostics.prefix(3))")
    }

    @Test func textractPagesReadWithoutDiagnostics() {
        let r = ReferenceFixtures.load(Self.textractPages)
        #expect(r.filesByFormat[.awsReferenceMarkdown] == 58)
        #expect(r.log.diagnostics.isEmpty, "\(r.log.diagnostics.prefix(3))")
        #expect(r.log.infoCounts["reference index pages skipped (no API sections)"] == 3)
        #expect(r.model.services["textract"]?.operations.count == 13)
    }

    @Test func textractEqualsBotocore1_29_45() {
        let changes = drift(pages: Self.textractPages, release: Self.textractRelease)
        #expect(changes.isEmpty, "\(changes.prefix(5).map { "\($0.kind.rawValue) \($0.operation ?? "") \($0.path ?? "")" })")
        #expect(errorsDiffer(pages: Self.textractPages, release: Self.textractRelease).isEmpty)
    }

    /// Class 3: the pattern runs to the line's last backtick; its backslashes are literal.
    @Test func patternWithABacktickIsVerbatim() throws {
        let queries = try #require(ReferenceFixtures.load(Self.textractPages).model.services["textract"]?
            .operations["AnalyzeDocument"]?.input?.members["QueriesConfig"]?.members["Queries"]?.member)
        #expect(queries.members["Alias"]?.pattern == ##"^[a-zA-Z0-9\s!"\#\$%'&\(\)\*\+\,\-\./:;=\?@\[\\\]\^_`\{\|\}~><]+$"##)
        #expect(queries.members["Pages"]?.member?.pattern == #"^[0-9\*\-]+$"#)
    }
}
