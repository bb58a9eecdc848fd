import Foundation
import Testing
import TestSupport

/// The report tests' corpus: `docs-corpus/fixtures/reports/mini-corpus`.
extension Fixtures {
    static var miniCorpus: String { path("reports/mini-corpus") }

    /// A writable copy of the mini corpus, to break in one place.
    static func miniCorpusCopy() throws -> String {
        let dir = try temporaryDirectory() + "/corpus"
        try FileManager.default.copyItem(atPath: miniCorpus, toPath: dir)
        return dir
    }
}

/// junit.xml against junit-10.xsd (libxml2) and results.sarif against the SARIF 2.1.0 schema,
/// both in-process.
func expectValidOutputs(_ folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let junit = try ReportSchemas.junit.get().problems(inFile: folder + "/junit.xml")
    #expect(junit.isEmpty, "junit.xml: \(junit.prefix(10))", sourceLocation: sourceLocation)
    let sarif = try ReportSchemas.sarif.get().problems(in: Fixtures.bytes(atPath: folder + "/results.sarif"))
    #expect(sarif.isEmpty, "results.sarif: \(sarif.prefix(10))", sourceLocation: sourceLocation)
}
