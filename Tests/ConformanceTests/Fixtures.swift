import APIModel
import DocIngest
@testable import Conformance
import Foundation
import Testing
import TestSupport

/// The validator's fixtures: botocore 1.43.11 models of a few services and payload files.
extension Fixtures {
    static let payloads = path("payloads")
    static let botocore = path("botocore-1.43.11/data")
    static let services = ["appstream", "bedrock-runtime", "dynamodb", "ec2", "imagebuilder", "lambda"]

    static let placebo = path("placebo")

    /// The fixture services imported from their newest API version, once per test process;
    /// a missing or unreadable service stops every test that uses the model.
    static let loadedModel = Result<Model, Error> { Model(services: try importServices(botocore, services)) }

    /// The services the placebo recordings need (ec2 and lambda from the fixtures above), among
    /// them both services of the shared endpoint prefixes `elasticloadbalancing` and `apigateway`.
    static let loadedPlaceboModel = Result<Model, Error> {
        let data = "\(placebo)/botocore-1.43.11/data"
        return Model(services: try importServices(data, try contents(ofFolder: data)) + (try importServices(botocore, ["ec2", "lambda"])))
    }

    static var placeboModel: Model { get throws { try loadedPlaceboModel.get() } }

    private static func importServices(_ data: String, _ names: [String]) throws -> [Service] {
        var services: [Service] = []
        var log = DiagnosticLog()
        for name in names {
            let newest = try #require(try contents(ofFolder: "\(data)/\(name)").last, "no API version of \(name)")
            let path = "\(data)/\(name)/\(newest)/service-2.json.gz"
            let service = BotocoreImporter.importService(serviceName: name, bytes: try FileReading.bytesDecompressing(atPath: path),
                                                         source: path, log: &log)
            services.append(try #require(service, "\(path): \(log.diagnostics)"))
        }
        return services
    }

    static var model: Model { get throws { try loadedModel.get() } }

    static func plan(full: Bool = false) throws -> ValidationPlan { ValidationPlan(model: try model, wholeValuePatterns: full) }

    /// Validates files or folders and returns every record's result.
    static func run(_ paths: [String], plan: ValidationPlan? = nil) throws -> (results: [RecordResult], summary: PayloadFiles.Summary) {
        let files = PayloadFiles(validator: RecordValidator(plan: try plan ?? Self.plan()))
        var results: [RecordResult] = []
        files.run(paths: paths) { results.append($0) }
        return (results, files.summary)
    }

    /// Validates one record given as bytes against the fixture services.
    static func check(_ record: [UInt8]) throws -> RecordResult {
        check(record, plan: try plan())
    }

    static func check(_ record: [UInt8], plan: ValidationPlan) -> RecordResult {
        let v = RecordValidator(plan: plan)
        return record.withUnsafeBufferPointer { v.validate($0, file: "test", line: 1) }
    }

    static func record(service: String = "appstream", operation: String, direction: String = "request", payloadJSON: String) -> [UInt8] {
        Array("{\"service\":\"\(service)\",\"operation\":\"\(operation)\",\"direction\":\"\(direction)\",\"payload\":\(payloadJSON)}".utf8)
    }

    /// Every distinct botocore 1.43.11 pattern with sampled and mutated values
    /// (`scripts/gen_pattern_cases.py`), one JSON object a line; a line that does not decode is an error.
    struct PatternCase: Decodable {
        var pattern: String
        var values: [String]
    }

    static let patternCases = Result<[PatternCase], Error> {
        try text("patterns/pattern-cases.jsonl").split(separator: "\n").map {
            try JSONDecoder().decode(PatternCase.self, from: Data($0.utf8))
        }
    }
}
