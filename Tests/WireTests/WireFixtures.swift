import APIModel
import Conformance
import Foundation
import TestSupport
import Wire

enum WireFixtures {
    static let folder = URL(fileURLWithPath: Fixtures.path("wire"))

    /// botocore 1.43.11's models of the services the moto capture uses, cut to its operations;
    /// read once, and a missing or unreadable file fails every test that uses it.
    static let loadedModel = Result<Model, Error> { try ModelReader.read(try Fixtures.bytes("wire/moto-model.json")) }

    static var model: Model { get throws { try loadedModel.get() } }

    static func bytes(_ name: String) throws -> [UInt8] { try Fixtures.bytes("wire/" + name) }

    /// Every record of a HAR file, with the diagnostics.
    static func validateHAR(_ bytes: [UInt8], file: String = "capture.har") throws -> (records: [RecordResult], log: DiagnosticLog, readable: Bool) {
        let model = try self.model
        let plan = ValidationPlan(model: model)
        let reader = HARPayloads.reader(model: model, plan: plan)
        var log = DiagnosticLog()
        var records: [RecordResult] = []
        let ok = reader(file, bytes, &log) { records.append($0) }
        return (records, log, ok)
    }
}
