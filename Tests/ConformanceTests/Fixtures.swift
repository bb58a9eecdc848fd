import APIModel
import Conformance
import Foundation

/// Committed fixtures: botocore 1.43.11 models of a few services and payload files.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let payloads = root.appendingPathComponent("docs-corpus/fixtures/payloads").path
    static let botocore = root.appendingPathComponent("docs-corpus/fixtures/botocore-1.43.11/data").path

    static let placebo = root.appendingPathComponent("docs-corpus/fixtures/placebo").path

    /// The fixture services imported from their newest API version, once per test process.
    static let model = Model(services: importServices(botocore, ["appstream", "bedrock-runtime", "dynamodb", "ec2", "imagebuilder", "lambda"]))

    /// The services the placebo recordings need (ec2 and lambda from the fixtures above), among
    /// them both services of the shared endpoint prefixes `elasticloadbalancing` and `apigateway`.
    static let placeboModel: Model = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(placebo)/botocore-1.43.11/data"))?.sorted() ?? []
        return Model(services: importServices("\(placebo)/botocore-1.43.11/data", names) + importServices(botocore, ["ec2", "lambda"]))
    }()

    private static func importServices(_ data: String, _ names: [String]) -> [Service] {
        var services: [Service] = []
        var log = DiagnosticLog()
        for name in names {
            let dir = "\(data)/\(name)"
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.sorted() ?? []
            guard let newest = versions.last else { continue }
            let path = "\(dir)/\(newest)/service-2.json.gz"
            guard let bytes = try? FileReading.bytesDecompressing(atPath: path),
                  let service = BotocoreImporter.importService(serviceName: name, bytes: bytes, source: path, log: &log) else { continue }
            services.append(service)
        }
        return services
    }

    static func plan(full: Bool = false) -> ValidationPlan { ValidationPlan(model: model, wholeValuePatterns: full) }

    /// Validates files or folders and returns every record's result.
    static func run(_ paths: [String], plan: ValidationPlan = plan()) -> (results: [RecordResult], summary: PayloadFiles.Summary) {
        let files = PayloadFiles(validator: RecordValidator(plan: plan))
        var results: [RecordResult] = []
        files.run(paths: paths) { results.append($0) }
        return (results, files.summary)
    }

    /// Validates one record given as bytes.
    static func check(_ record: [UInt8], plan: ValidationPlan = plan()) -> RecordResult {
        let v = RecordValidator(plan: plan)
        return record.withUnsafeBufferPointer { v.validate($0, file: "test", line: 1) }
    }

    static func record(service: String = "appstream", operation: String, direction: String = "request", payloadJSON: String) -> [UInt8] {
        Array("{\"service\":\"\(service)\",\"operation\":\"\(operation)\",\"direction\":\"\(direction)\",\"payload\":\(payloadJSON)}".utf8)
    }
}
