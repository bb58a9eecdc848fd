import APIModel
import Foundation
import Testing

/// Paths of committed fixtures, found from this file's location.
enum Fixtures {
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() } // Tests/DifferTests/Fixtures.swift → root
        return url.path
    }()

    static let differ = repoRoot + "/docs-corpus/fixtures/differ"

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

    /// A `docconform.model/1` fixture.
    static func model(_ name: String) throws -> Model {
        try ModelReader.read(try FileReading.bytes(atPath: "\(differ)/models/\(name)"))
    }

    static func text(_ relative: String) throws -> String {
        String(decoding: try FileReading.bytes(atPath: "\(differ)/\(relative)"), as: UTF8.self)
    }
}
