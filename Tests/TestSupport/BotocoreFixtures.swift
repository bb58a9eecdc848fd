import APIModel
import DocIngest

/// The botocore 1.43.11 service files under `docs-corpus/fixtures`, imported the way `parse` does.
extension Fixtures {
    public static let botocoreData = path("botocore-1.43.11/data")

    /// Imports one service of the botocore 1.43.11 fixtures.
    public static func importService(_ name: String, version: String) throws -> (Service?, DiagnosticLog) {
        let gz = "\(botocoreData)/\(name)/\(version)/service-2.json.gz"
        let bytes = try FileReading.bytesDecompressing(atPath: gz)
        var log = DiagnosticLog()
        let service = BotocoreImporter.importService(serviceName: name, bytes: bytes, source: gz, log: &log)
        return (service, log)
    }
}
