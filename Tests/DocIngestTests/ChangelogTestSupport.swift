import APIModel
import ChangeRecords
import Differ
import DocIngest
import Testing
import TestSupport

/// Shared helpers of the changelog tests: reading committed pages and botocore releases.
enum ChangelogFixtures {
    static func page(_ relative: String, service: String? = nil) throws -> (ChangelogPage, DiagnosticLog) {
        let path = Fixtures.path("changelog/" + relative)
        var log = DiagnosticLog()
        let page = ChangelogReader().read(SourceDocument(path: path, bytes: try Fixtures.bytes("changelog/" + relative)),
                                         options: IngestOptions(serviceName: service), log: &log)
        return (page, log)
    }

    /// A botocore release fixture of the differ (`botocore-1.5.43`), read by the ingest pipeline.
    static func release(_ version: String) -> Model {
        let result = Ingest.load(paths: [Fixtures.path("differ/botocore-\(version)/data")])
        #expect(result.log.errorCount == 0, "\(result.log.diagnostics)")
        return result.model
    }

    /// What a changelog states of a change, for comparing pages with the differ.
    struct Stated: Hashable, CustomStringConvertible {
        var kind: ChangeKind
        var service: String
        var operation: String?
        var direction: Direction?
        var path: String?
        var value: String?
        var summary: String?
        /// Only the request shows `[REQUIRED]`.
        var required: Bool?

        init(_ c: Change) {
            kind = c.kind
            service = c.service
            operation = c.operation
            direction = c.direction
            path = c.path
            value = c.value
            summary = c.summary?.pythonLiteral
            required = c.direction == .input ? c.required : nil
        }

        var description: String {
            "\(kind.rawValue) \(service).\(operation ?? "") \(direction?.rawValue ?? "") \(path ?? "") \(value ?? "") \(summary ?? "")"
        }
    }

    /// The kinds a changelog page shows.
    static func stated(_ changes: [Change]) -> Set<Stated> {
        Set(changes.filter { [.memberAdded, .enumValueAdded, .operationAdded].contains($0.kind) }.map(Stated.init))
    }
}
