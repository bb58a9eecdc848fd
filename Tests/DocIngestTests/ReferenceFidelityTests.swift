import APIModel
import Testing
@testable import DocIngest

/// Pages rendered from botocore 1.43.11 models (Tests/tools/render_reference_pages.py, in
/// the served HTML structure and in the seed's text style): every operation must equal the
/// model in everything the pages state (`ReferenceStatedFacts`).
@Suite struct ReferenceFidelityTests {
    struct Case: Sendable, CustomStringConvertible {
        var service: String
        var truth: String
        var description: String { service }
    }

    static let cases = [
        Case(service: "lambda", truth: "botocore-1.43.11/data/lambda/2015-03-31"),       // rest-json
        Case(service: "dynamodb", truth: "botocore-1.43.11/data/dynamodb"),              // json, recursion
        Case(service: "route53", truth: "aws-reference/botocore-1.43.11/route53"),       // rest-xml
        Case(service: "iam", truth: "aws-reference/botocore-1.43.11/iam"),               // query
        Case(service: "ec2", truth: "botocore-1.43.11/data/ec2"),                        // ec2 query
    ]

    @Test(arguments: cases, ["html", "text", "markdown"])
    func everyOperationEqualsTheModel(_ c: Case, style: String) throws {
        let pages = ReferenceFixtures.load("aws-reference/generated/\(c.service)-\(style)", service: c.service)
        #expect(pages.log.diagnostics.isEmpty, "\(pages.log.diagnostics.prefix(3))")
        let truth = ReferenceFixtures.load(c.truth, service: c.service)
        let stated = ReferenceStatedFacts.project(pages.model)
        let expected = ReferenceStatedFacts.project(truth.model)
        let got = try #require(stated.services[c.service])
        let want = try #require(expected.services[c.service])
        #expect(got.operations.count >= 5)
        var equal = 0
        for (name, op) in got.operations {
            let sdk = try #require(want.operations[name])
            let same = op.input == sdk.input && op.output == sdk.output
            #expect(same, "\(c.service) \(style) \(name)")
            if same { equal += 1 }
        }
        #expect(equal == got.operations.count)
        for (name, shape) in got.shapes {
            #expect(shape == want.shapes[name], "\(c.service) shapes[\(name)]")
        }
    }
}
