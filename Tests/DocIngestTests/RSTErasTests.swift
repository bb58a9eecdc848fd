import APIModel
import Foundation
import Testing
import TestSupport
@testable import DocIngest

/// boto3 RST pages as older boto3 releases wrote them, cut from pages each release's own
/// generator wrote (`docs-corpus/fixtures/boto3-rst/eras/<botocore version>/`, with that
/// release's botocore model of the service beside them).
@Suite struct RSTErasTests {
    static let eras = "boto3-rst/eras/"

    func load(_ relative: String) -> Ingest.Result { Ingest.load(paths: [Fixtures.path(Self.eras + relative)]) }

    /// The page model against the same release's botocore model, over the operations the pages have.
    func fidelity(_ pages: Model, _ botocore: String) -> RSTFidelity.Report {
        var reference = load(botocore).model
        let methods = Set(pages.services.values.flatMap { $0.operations.values.compactMap(\.method) })
        for key in reference.services.keys {
            reference.services[key]!.operations = reference.services[key]!.operations.filter { methods.contains($0.value.method ?? "") }
        }
        return RSTFidelity.compare(pages: pages, reference: reference)
    }

    @Test(arguments: [("1.4.81/lambda.rst", "1.4.81/botocore", 4), ("1.10.50/snowball.rst", "1.10.50/botocore", 3),
                      ("1.27.0/rds-data.rst", "1.27.0/botocore", 2)])
    func servicePagesMatchTheirRelease(page: String, botocore: String, operations: Int) throws {
        let result = load(page)
        #expect(result.log.warningCount == 0)
        #expect(result.log.errorCount == 0)
        let report = fidelity(result.model, botocore)
        for m in report.mismatches { Issue.record("\(m.service).\(m.operation): \(m.detail)") }
        #expect(report.operations == operations)
        #expect(report.complete == operations)
        #expect(report.matched == operations)
        #expect(report.notInReference.isEmpty)
        #expect(report.missingPages.isEmpty)
    }

    @Test func aServicePageReadsItsClientMethodsOnly() throws {
        let result = load("1.4.81/lambda.rst")
        // The service from the client example, not the file name; paginators are no client methods.
        let lambda = try #require(result.model.services["lambda"])
        #expect(Set(lambda.operations.keys) == ["AddPermission", "GetAccountSettings", "Invoke", "ListFunctions"])
        // Before 2017 boto3 linked no API operation: names come from the method, and that is counted once.
        #expect(lambda.operations["AddPermission"]?.method == "add_permission")
        #expect(result.log.infoCounts.contains { $0.key.contains("without an 'AWS API Documentation' link") && $0.value == 4 })
        #expect(result.log.infoCounts[Boto3RSTParser.skippedCategory] == 1)
        let invoke = try #require(lambda.operations["Invoke"])
        #expect(invoke.input?.required == ["FunctionName"])
        #expect(invoke.output?.members["Payload"]?.streaming == true)
        #expect(invoke.input?.members["InvocationType"]?.enumValues == ["Event", "RequestResponse", "DryRun"])
        #expect(lambda.operations["AddPermission"]?.input?.members["FunctionName"]?.documentation?
            .hasPrefix("Name of the Lambda function whose resource policy you are updating") == true)
    }

    @Test func examplesAtTheMarginDoNotEndTheClientClass() throws {
        // boto3 of 2018 writes an example's description unindented inside a method.
        let model = load("1.10.50/snowball.rst").model
        let snowball = try #require(model.services["snowball"])
        #expect(Set(snowball.operations.keys) == ["GetJobManifest", "GetSnowballUsage", "ListJobs"])
        #expect(snowball.apiVersion == "2016-06-30")
    }

    @Test func aUnionNoteGluedToADescriptionLine() throws {
        // boto3 of 2022: `...</important>`` .. note::    This is a Tagged Union structure. ...`
        let model = load("1.27.0/rds-data.rst").model
        let op = try #require(model.services["rds-data"]?.operations["ExecuteSql"])
        let value = try #require(op.output?.members["sqlStatementResults"]?.member?.members["resultFrame"]?
            .members["records"]?.member?.members["values"]?.member)
        #expect(value.type == .union)
        // The note is no description.
        #expect(value.documentation?.contains(".. note::") == false)
    }

    @Test func aUnionNoteGluedToTheBulletHead() throws {
        // boto3 of late 2023: `- **item** *(dict) --* .. note::    This is a Tagged Union structure. ...`
        let result = load("1.34.0/datazone/client/get_listing.rst")
        #expect(result.log.warningCount == 0)
        let item = try #require(result.model.services["datazone"]?.operations["GetListing"]?.output?.members["item"])
        #expect(item.type == .union)
        #expect(item.members["assetListing"] != nil)
        let report = fidelity(result.model, "1.34.0/botocore")
        for m in report.mismatches { Issue.record("\(m.service).\(m.operation): \(m.detail)") }
        #expect(report.matched == 1)
    }

    @Test func aDescriptionOnTheBulletLineIsKept() throws {
        let result = load("1.43.11/apigatewayv2/client/create_routing_rule.rst")
        let conditions = try #require(result.model.services["apigatewayv2"]?.operations["CreateRoutingRule"]?.input?.members["Conditions"]?.member)
        #expect(conditions.members["MatchBasePaths"]?.members["AnyOf"]?.documentation == "The string of the case sensitive base path to be matched.")
        // Text after `**[REQUIRED]**` on the next line is the description as before.
        #expect(conditions.members["MatchHeaders"]?.members["AnyOf"]?.documentation?.hasPrefix("The header name and header value glob to be matched.") == true)
    }

    @Test func aServicePageWithoutClientMethodsIsReported() throws {
        let page = Array("""
        ******
        Lambda
        ******

        .. py:class:: Lambda.Client

          A low-level client representing AWS Lambda::

            client = boto3.client('lambda')

        ==========
        Paginators
        ==========

        """.utf8)
        var log = DiagnosticLog()
        let outcomes = Boto3RSTPageParser(path: "lambda.rst", includeDocumentation: true).parse(page, log: &log)
        #expect(outcomes.count == 1)
        #expect(log.diagnostics.contains { $0.line == 1 && $0.message.contains("client class shows no '.. py:method::'") })
    }

    @Test func aMethodDirectiveOutOfPlaceInTheClientClassIsReported() throws {
        let page = Array("""
        .. py:class:: Lambda.Client

          A low-level client representing AWS Lambda::

            client = boto3.client('lambda')

          .. py:method:: can_paginate(operation_name)

            Check if an operation can be paginated.

              .. py:method:: get_waiter(waiter_name)

        """.utf8)
        var log = DiagnosticLog()
        let outcomes = Boto3RSTPageParser(path: "lambda.rst", includeDocumentation: true).parse(page, log: &log)
        #expect(outcomes.count == 1)
        #expect(log.diagnostics.contains { $0.line == 11 && $0.message.contains("not one of its methods") })
    }
}
