import APIModel
@testable import DocIngest
import TestSupport

/// Loads reference-page fixtures through the real pipeline (detection, registry, merge).
enum ReferenceFixtures {
    static func load(_ relative: [String], service: String? = nil, strict: Bool = false) -> Ingest.Result {
        Ingest.load(paths: relative.map(Fixtures.path), options: IngestOptions(serviceName: service, strict: strict))
    }

    static func load(_ relative: String, service: String? = nil) -> Ingest.Result {
        load([relative], service: service)
    }

    static func errors(_ result: Ingest.Result) -> [Diagnostic] {
        result.log.diagnostics.filter { $0.severity == .error }
    }

    static func warnings(_ result: Ingest.Result) -> [Diagnostic] {
        result.log.diagnostics.filter { $0.severity == .warning }
    }
}
