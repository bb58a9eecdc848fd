import APIModel
import DocIngest
import Testing
import TestSupport

/// The differ's fixtures under `docs-corpus/fixtures/differ`.
extension Fixtures {
    static let differ = path("differ")

    /// A botocore `service-2.json.gz` fixture imported into a one-service model.
    static func botocoreModel(release: String, service: String, apiVersion: String) throws -> Model {
        let path = "\(differ)/botocore-\(release)/data/\(service)/\(apiVersion)/service-2.json.gz"
        let bytes = try FileReading.bytesDecompressing(atPath: path)
        var log = DiagnosticLog()
        let imported = BotocoreImporter.importService(serviceName: service, bytes: bytes, source: path, log: &log)
        #expect(log.errorCount == 0, "\(log.diagnostics)")
        let s = try #require(imported)
        return Model(services: [s])
    }

    /// A `docconform.model/1` fixture of `differ/models`.
    static func model(_ name: String) throws -> Model {
        try ModelReader.read(try bytes("differ/models/\(name)"))
    }
}
