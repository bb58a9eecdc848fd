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

    /// Six services of the fixtures over every protocol family botocore's JSON services use
    /// (json, rest-json, ec2), with event streams (bedrock-runtime) and recursive shapes (dynamodb).
    public static let sampleServices = [("dynamodb", "2012-08-10"), ("appstream", "2016-12-01"), ("bedrock-runtime", "2023-09-30"),
                                        ("ec2", "2016-11-15"), ("imagebuilder", "2019-12-02"), ("lambda", "2015-03-31")]

    /// `sampleServices` imported into one model.
    public static func sampleModel() throws -> Model {
        var services: [Service] = []
        for (name, version) in sampleServices {
            let (imported, log) = try importService(name, version: version)
            guard let imported else { throw NotImported(service: name, log: log) }
            services.append(imported)
        }
        return Model(services: services)
    }

    public struct NotImported: Error, CustomStringConvertible {
        public let service: String
        public let log: DiagnosticLog
        public var description: String {
            "the botocore fixture \(service) did not import: \(log.diagnostics.map(\.message).joined(separator: "; "))"
        }
    }
}
