import APIModel
import Conformance
import Foundation
import Testing
import Wire

/// Traffic as `docconform proxy` recorded it between boto3 and moto's server mode
/// (scripts/live/proxy_moto_session.py --fixture): the session's exchanges beyond those of
/// moto-5.2.1.har — 113 of them, 108 operations of 16 services and all five protocols, error responses
/// included — with botocore's parsed view of the same calls beside it.
@Suite struct MotoProxySessionTests {
    static let loadedModel = Result<Model, Error> { try ModelReader.read(try WireFixtures.bytes("moto-proxy-model.json")) }

    static func records() throws -> (wire: [RecordResult], parsed: [RecordResult], log: DiagnosticLog) {
        let model = try loadedModel.get()
        let plan = ValidationPlan(model: model)
        var log = DiagnosticLog()
        var wire: [RecordResult] = []
        let readable = HARPayloads.reader(model: model, plan: plan)("moto-proxy-session.har", try WireFixtures.bytes("moto-proxy-session.har"), &log) { wire.append($0) }
        #expect(readable)
        var parsed: [RecordResult] = []
        PayloadFiles(validator: RecordValidator(plan: plan))
            .run(paths: [WireFixtures.folder.appendingPathComponent("moto-proxy-session-parsed.jsonl").path]) { parsed.append($0) }
        return (wire, parsed, log)
    }

    @Test func everyExchangeIsAttributedAsBotocoreNamedIt() throws {
        let (wire, parsed, log) = try Self.records()
        #expect(log.errorCount == 0)
        #expect(wire.count == 226 && parsed.count == 226)
        let byID = Dictionary(uniqueKeysWithValues: wire.compactMap { r in r.id.map { ($0, r) } })
        for p in parsed {
            let id = try #require(p.id)
            let w = try #require(byID[id], "no wire record \(id)")
            #expect(w.service == p.service && w.operation == p.operation, "\(id)")
        }
        let operations = Set(wire.map { "\($0.service ?? "?").\($0.operation ?? "?")" })
        #expect(operations.count == 108)
        #expect(Set(wire.compactMap(\.service)) == ["apigateway", "cloudformation", "dynamodb", "ec2", "elb", "events", "iam", "kms",
                                                    "lambda", "logs", "route53", "s3", "secretsmanager", "sns", "sqs", "sts"])
    }

    /// Every issue of botocore's parsed records is found on the wire (same code and path), error
    /// responses included, and these are found only there.
    @Test func wireIssuesAreASupersetOfTheParsedPath() throws {
        let (wire, parsed, _) = try Self.records()
        var onWire: [String: Set<String>] = [:]
        for r in wire { onWire[r.id ?? "", default: []].formUnion(r.issues.map { "\($0.code.rawValue) \($0.path)" }) }
        var fromParsed: [String: Set<String>] = [:]
        for r in parsed {
            let id = try #require(r.id)
            let issues = Set(r.issues.map { "\($0.code.rawValue) \($0.path)" })
            fromParsed[id] = issues
            #expect(issues.isSubset(of: onWire[id] ?? []), "\(id): \(issues.subtracting(onWire[id] ?? []))")
        }
        #expect(fromParsed.values.reduce(0) { $0 + $1.count } > 0)
        let onlyOnWire = onWire.flatMap { id, issues in issues.subtracting(fromParsed[id] ?? []).map { "\(id) \($0)" } }.sorted()
        #expect(onlyOnWire == [
            "entries[102].response malformed ",  // lambda GetAccountSettings: moto answers an HTML page
            "entries[84].response unknown Rules[0].CreatedBy",  // events ListRules
        ])
    }

    /// Error responses are records of direction `error` on both paths, judged alike.
    @Test func errorResponsesAreJudgedAlikeOnBothPaths() throws {
        let (wire, parsed, _) = try Self.records()
        let errors = parsed.filter { $0.direction == .error }
        #expect(errors.count == 17)
        let wireByID = Dictionary(uniqueKeysWithValues: wire.compactMap { r in r.id.map { ($0, r) } })
        for e in errors {
            let w = try #require(wireByID[e.id ?? ""])
            #expect(w.direction == .error, "\(e.id ?? "")")
        }
        func issues(_ records: [RecordResult], _ id: String) -> [String] {
            records.first { $0.id == id }?.issues.map { "\($0.code.rawValue) \($0.path)" } ?? ["no record"]
        }
        // events PutEvents answering sqs's QueueDoesNotExist: no error of events, a real finding of moto.
        #expect(issues(wire, "entries[87].response") == ["undocumented-error Error.Code"])
        #expect(issues(parsed, "entries[87].response") == ["undocumented-error Error.Code"])
        // sqs GetQueueUrl answering AWS.SimpleQueueService.NonExistentQueue: sqs speaks json with its
        // legacy query codes in x-amzn-query-error; botocore names the error by the protocol's own
        // code (QueryErrorCode QueueDoesNotExist, which GetQueueUrl documents), and so do both paths.
        #expect(issues(wire, "entries[100].response") == [])
        #expect(issues(parsed, "entries[100].response") == [])
    }
}
