import APIModel
import Conformance
import Foundation
import Testing
import Wire

/// Traffic recorded from moto's server mode driven by boto3 (scripts/wire/record_moto_har.py):
/// ec2, query (sns, iam), rest-xml (s3, route53), json (dynamodb, kms, secretsmanager) and
/// rest-json (lambda, apigateway), error responses included, with botocore's parsed view of
/// the same calls beside it.
@Suite struct MotoCaptureTests {
    @Test func everyExchangeIsAttributedAsBotocoreNamedIt() throws {
        let (records, log, ok) = try WireFixtures.validateHAR(try WireFixtures.bytes("moto-5.2.1.har"))
        #expect(ok)
        #expect(log.errorCount == 0)
        #expect(records.count == 140)
        let parsed = try String(decoding: WireFixtures.bytes("moto-5.2.1-parsed.jsonl"), as: UTF8.self).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { r in r.id.map { ($0, r) } })
        for p in parsed {
            let id = try #require(p["id"]?.stringValue)
            let wire = try #require(byID[id], "no wire record \(id)")
            #expect(wire.service == p["service"]?.stringValue && wire.operation == p["operation"]?.stringValue, "\(id)")
        }
        let services = Set(records.compactMap(\.service))
        #expect(services == ["apigateway", "dynamodb", "ec2", "iam", "kms", "lambda", "route53", "s3", "secretsmanager", "sns"])
    }

    /// Everything validating botocore's parsed output finds, the wire finds too (same code, same
    /// path), plus the members the raw bodies hold that the model does not know.
    @Test func wireIssuesAreASupersetOfTheParsedPath() throws {
        let (records, _, _) = try WireFixtures.validateHAR(try WireFixtures.bytes("moto-5.2.1.har"))
        let plan = ValidationPlan(model: try WireFixtures.model)
        let files = PayloadFiles(validator: RecordValidator(plan: plan))
        var parsed: [RecordResult] = []
        files.run(paths: [WireFixtures.folder.appendingPathComponent("moto-5.2.1-parsed.jsonl").path]) { parsed.append($0) }
        #expect(parsed.count == 140)
        var wire: [String: Set<String>] = [:]
        for r in records { wire[r.id ?? "", default: []].formUnion(r.issues.map { "\($0.code.rawValue) \($0.path)" }) }
        var parsedIssues: [String: Set<String>] = [:]
        for r in parsed {
            let id = try #require(r.id)
            let mine = Set(r.issues.map { "\($0.code.rawValue) \($0.path)" })
            parsedIssues[id] = mine
            #expect(mine.isSubset(of: wire[id] ?? []), "\(id): \(mine.subtracting(wire[id] ?? []))")
        }
        #expect(parsedIssues.values.reduce(0) { $0 + $1.count } > 10)
        let onlyOnWire = wire.flatMap { id, issues in issues.subtracting(parsedIssues[id] ?? []).map { "\(id) \($0)" } }.sorted()
        #expect(onlyOnWire == [
            "entries[55].response unknown GrantCount",
            "entries[59].response unknown SecretList[0].VersionIdsToStages",
            "entries[60].response unknown SecretVersionsToStages",
        ])
    }

    @Test func errorResponsesAreReadWithTheirCodes() throws {
        let bytes = try WireFixtures.bytes("moto-5.2.1.har")
        let validator = WireValidator(model: try WireFixtures.model)
        var log = DiagnosticLog()
        var codes: [String: String] = [:]
        try HARReader.read(bytes, file: "moto.har", log: &log) { entry in
            let r = validator.validate(entry.exchange)
            if let e = r.error { codes["\(r.service ?? "?").\(r.operation ?? "?")"] = e.code }
        }
        #expect(codes["dynamodb.DescribeTable"] == "ResourceNotFoundException")
        #expect(codes["s3.GetObject"] == "NoSuchKey")
        #expect(codes["iam.GetUser"] == "NoSuchEntity")
        #expect(codes["ec2.DescribeInstances"] == "InvalidInstanceID.NotFound")
        #expect(codes["route53.GetHostedZone"] == "NoSuchHostedZone")
        #expect(codes["lambda.GetFunction"] == "ResourceNotFoundException")
        #expect(codes.count >= 8)
    }
}
