import APIModel
import TestSupport

extension Fixtures {
    static let botocoreData = path("botocore-1.43.11/data")

    /// Imports one service of the botocore 1.43.11 fixtures.
    static func importService(_ name: String, version: String) throws -> (Service?, DiagnosticLog) {
        let gz = "\(botocoreData)/\(name)/\(version)/service-2.json.gz"
        let bytes = try FileReading.bytesDecompressing(atPath: gz)
        var log = DiagnosticLog()
        let service = BotocoreImporter.importService(serviceName: name, bytes: bytes, source: gz, log: &log)
        return (service, log)
    }
}
