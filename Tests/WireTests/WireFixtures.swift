import APIModel
import Conformance
import Foundation
import Wire

enum WireFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs-corpus/fixtures/wire")

    /// botocore 1.43.11's models of the services the moto capture uses, cut to its operations.
    static let model: Model = {
        let bytes = (try? Array(Data(contentsOf: folder.appendingPathComponent("moto-model.json")))) ?? []
        return (try? ModelReader.read(bytes)) ?? Model()
    }()

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }

    /// Every record of a HAR file, with the diagnostics.
    static func validateHAR(_ bytes: [UInt8], file: String = "capture.har") -> (records: [RecordResult], log: DiagnosticLog, readable: Bool) {
        let plan = ValidationPlan(model: model)
        let reader = HARPayloads.reader(model: model, plan: plan)
        var log = DiagnosticLog()
        var records: [RecordResult] = []
        let ok = reader(file, bytes, &log) { records.append($0) }
        return (records, log, ok)
    }
}
