@testable import Conformance
import Testing
import TestSupport

/// The writers print codes from static literals and the run counts them by ordinal: both must
/// stay in step with the raw values and `allCases`.
@Test func issueCodeLiteralsAndOrdinalsMatchTheEnum() {
    for (k, code) in IssueCode.allCases.enumerated() {
        #expect(code.ordinal == k)
        #expect("\(code.literal)" == code.rawValue)
    }
}

@Test func runSummaryCountsIssuesByCode() throws {
    let (results, summary) = try Fixtures.run([Fixtures.payloads + "/labelled-sample.jsonl"])
    var expected: [IssueCode: Int] = [:]
    for r in results { for i in r.issues { expected[i.code, default: 0] += 1 } }
    #expect(!expected.isEmpty)
    #expect(summary.issuesByCode == expected)
}
