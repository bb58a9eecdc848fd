import APIModel
import Foundation

/// Paths to the committed fixtures under `docs-corpus/fixtures`.
enum Fixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = repoRoot.appendingPathComponent("docs-corpus/fixtures")
    static let botocoreData = root.appendingPathComponent("botocore-1.43.11/data")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Imports one service of the botocore 1.43.11 fixtures.
    static func importService(_ name: String, version: String) throws -> (Service?, DiagnosticLog) {
        let dir = botocoreData.appendingPathComponent("\(name)/\(version)")
        let gz = dir.appendingPathComponent("service-2.json.gz").path
        let bytes = try FileReading.bytesDecompressing(atPath: gz)
        var log = DiagnosticLog()
        let service = BotocoreImporter.importService(serviceName: name, bytes: bytes, source: gz, log: &log)
        return (service, log)
    }
}
