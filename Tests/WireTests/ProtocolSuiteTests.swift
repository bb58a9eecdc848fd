import APIModel
import Conformance
import Foundation
import Testing
import TestSupport
@testable import Wire

/// AWS's protocol conformance suites, as botocore runs them: every case not on botocore's
/// ignore list decodes to exactly its `params` / `result`, error cases are recognised with
/// their code and the error's members, and the validator's issues against each case's own model are the ones listed
/// (reviewed one by one) in `expected-issues.txt`.
@Suite struct ProtocolSuiteTests {
    /// One line per issue: `kind/protocol caseId code path`.
    static func issueLines(_ c: ProtocolCase, _ records: [RecordResult?]) -> [String] {
        records.compactMap { $0 }.flatMap { r in r.issues.map { "\(c.label) \($0.code.rawValue) \($0.path)" } }
    }

    /// The real violations the suites hold (a missing list fails the test, never reads as none).
    static func expectedIssues() throws -> [String] {
        try Fixtures.text("protocol-tests-expected-issues.txt").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    /// Cases whose `params` the wire cannot give back, each for a stated reason.
    static let notFromTheWire: [String: String] = [
        // Requests without X-Amz-Target (they test the host prefix only): no operation can be named.
        "input/json_1_0 AwsJson10EndpointTrait": "no X-Amz-Target",
        "input/json_1_0 AwsJson10EndpointTraitWithHostLabel": "no X-Amz-Target",
        // The client put every parameter into the query-params map as well as into the named
        // members; the wire is the same as without, and the map takes only the parameters no
        // named member takes (httpQueryParams), as RestJsonQueryParamsStringListMap expects.
        "input/rest-json RestJsonAllQueryStringTypes": "query map duplicates named members",
        "input/rest-json RestJsonQueryStringEscaping": "query map duplicates named members",
        "input/rest-json RestJsonSupportsNaNFloatQueryValues": "query map duplicates named members",
        "input/rest-json RestJsonSupportsInfinityFloatQueryValues": "query map duplicates named members",
        "input/rest-json RestJsonSupportsNegativeInfinityFloatQueryValues": "query map duplicates named members",
        "input/rest-json RestJsonZeroAndFalseQueryValues": "query map duplicates named members",
    ]

    @Test func requestsDecodeToTheirParams() throws {
        let cases = try ProtocolSuite.load(.input)
        #expect(cases.count > 360)
        var checked = 0, skipped = 0, failures: [String] = [], issues: [String] = []
        for c in cases where try !ProtocolSuite.ignored(c) {
            let model = Model(services: [c.service])
            let validator = WireValidator(model: model)
            let exchange = ProtocolSuite.request(c)
            let decoded = validator.decode(exchange)
            if Self.notFromTheWire[c.label] != nil {
                // Still checked: they must not decode to their params, else the entry is stale.
                let diffs = decoded.operation == nil ? ["unidentified"] : ExpectedValues.differences(decoded.request?.document, c.json["params"] ?? .object([]), c.service.operations[c.operation]?.input, c.service)
                if diffs.isEmpty { failures.append("\(c.label): listed as not from the wire, but decodes to its params") }
                skipped += 1
                continue
            }
            guard decoded.operation == c.operation else {
                failures.append("\(c.label): identified \(decoded.operation ?? "nothing") (\(decoded.unidentified ?? ""))")
                continue
            }
            let expected = c.json["params"] ?? .object([])
            let diffs = ExpectedValues.differences(decoded.request?.document, expected, c.service.operations[c.operation]?.input, c.service)
            failures += diffs.map { "\(c.label): \($0)" }
            issues += Self.issueLines(c, [validator.validate(exchange).request])
            checked += 1
        }
        #expect(skipped == Self.notFromTheWire.count)
        print("protocol suites, requests: \(checked) checked, \(skipped) not from the wire")
        for f in failures { print("MISMATCH " + f) }
        for i in issues { print("ISSUE " + i) }
        #expect(failures.isEmpty)
        #expect(checked == 314)
        #expect(try issues.sorted() == Self.expectedIssues().filter { $0.hasPrefix("input/") }.sorted())
    }

    @Test func responsesDecodeToTheirResults() throws {
        let cases = try ProtocolSuite.load(.output)
        #expect(cases.count > 360)
        var checked = 0, errors = 0, failures: [String] = [], issues: [String] = []
        for c in cases where try !ProtocolSuite.ignored(c) {
            let model = Model(services: [c.service])
            let validator = WireValidator(model: model)
            let response = ProtocolSuite.response(c)
            let decoded = try #require(validator.decodeResponse(response, service: c.service.name, operation: c.operation))
            if let code = c.json["errorCode"]?.stringValue {
                errors += 1
                if decoded.error?.code != code { failures.append("\(c.label): error code \(decoded.error?.code ?? "none"), expected \(code)") }
                // Beside `Error`, the members of the error shape the code names, as botocore reads them.
                let shape = c.service.errorShapes.first { ($0.value.code ?? $0.key) == code }?.value.shape
                let members = decoded.document?.objectValue.map { JSONValue.object($0.filter { $0.key != "Error" }) }
                failures += ExpectedValues.differences(members, c.json["error"] ?? .object([]), shape, c.service).map { "\(c.label) error members: \($0)" }
            } else {
                if let e = decoded.error { failures.append("\(c.label): read as error \(e.code)") }
                let expected = c.json["result"] ?? .object([])
                let diffs = ExpectedValues.differences(decoded.document, expected, c.service.operations[c.operation]?.output, c.service)
                failures += diffs.map { "\(c.label): \($0)" }
            }
            issues += Self.issueLines(c, [validator.validateResponse(response, service: c.service.name, operation: c.operation)])
            checked += 1
        }
        print("protocol suites, responses: \(checked) checked (\(errors) errors)")
        for f in failures { print("MISMATCH " + f) }
        for i in issues { print("ISSUE " + i) }
        #expect(failures.isEmpty)
        #expect(checked == 332)
        #expect(errors == 32)
        #expect(try issues.sorted() == Self.expectedIssues().filter { $0.hasPrefix("output/") }.sorted())
    }
}
