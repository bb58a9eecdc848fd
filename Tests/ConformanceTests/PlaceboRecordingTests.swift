import APIModel
import DocIngest
import Foundation
import Testing
import TestSupport
@testable import Conformance

/// Placebo recordings as users have them (`docs-corpus/fixtures/placebo/recordings`, real
/// responses recorded by Cloud Custodian's tests): named by endpoint prefix, datetimes and
/// streaming bodies as placebo's tagged objects, error responses beside plain ones.
@Suite struct PlaceboRecordingTests {
    /// Each test compiles its own plan (plans are not shared across threads).
    var plan: ValidationPlan { get throws { ValidationPlan(model: try Fixtures.placeboModel) } }

    /// Every recording with the service and operation it is a response of, and its direction.
    struct Expected {
        var file: String, service: String, operation: String, direction: Conformance.Direction
        init(_ file: String, _ service: String, _ operation: String, _ direction: Conformance.Direction) {
            (self.file, self.service, self.operation, self.direction) = (file, service, operation, direction)
        }
    }

    static let expected: [Expected] = [
        Expected("test_apigwv2_api_update/apigateway.GetApi_1.json", "apigatewayv2", "GetApi", .response),
        Expected("test_appelb_default_vpc/elasticloadbalancing.DescribeLoadBalancers_1.json", "elbv2", "DescribeLoadBalancers", .response),
        Expected("test_appelb_listener_rules/elasticloadbalancing.DescribeLoadBalancers_1.json", "elbv2", "DescribeLoadBalancers", .response),
        Expected("test_bedrock_custom_model/bedrock.ListTagsForResource_2.json", "bedrock", "ListTagsForResource", .response),
        Expected("test_bedrock_inference_profile_delete_conflict/bedrock.DeleteInferenceProfile_1.json", "bedrock", "DeleteInferenceProfile", .error),
        Expected("test_codebuild_post_finding/tagging.GetResources_1.json", "resourcegroupstaggingapi", "GetResources", .response),
        Expected("test_dynamodb_invoke_action/lambda.Invoke_1.json", "lambda", "Invoke", .response),
        Expected("test_ebs_cross_account/ec2.DescribeSnapshots_1.json", "ec2", "DescribeSnapshots", .response),
        Expected("test_ec2_offhours_filter/ec2.DescribeInstances_1.json", "ec2", "DescribeInstances", .response),
        Expected("test_ecr_no_policy/api.ecr.DescribeRepositories_2.json", "ecr", "DescribeRepositories", .response),
        Expected("test_efs_consecutive_aws_backups_count_filter/elasticfilesystem.DescribeFileSystems_1.json", "efs", "DescribeFileSystems", .response),
        Expected("test_efs_query/tagging.GetResources_1.json", "resourcegroupstaggingapi", "GetResources", .response),
        Expected("test_invoke_sfn_bulk/states.StartExecution_1.json", "stepfunctions", "StartExecution", .response),
        Expected("test_lattice_service_tag_untag/vpc-lattice.GetService_5.json", "vpc-lattice", "GetService", .response),
        Expected("test_mu_sqs_subscriber/logs.GetLogEvents_2.json", "logs", "GetLogEvents", .response),
        Expected("test_phd_event_mode/ec2.DescribeInstances_1.json", "ec2", "DescribeInstances", .response),
        Expected("test_release_attached_ec2/ec2.DescribeAddresses_3.json", "ec2", "DescribeAddresses", .error),
        Expected("test_sagemaker_model_explainability_job_definition_tag/api.sagemaker.ListModelExplainabilityJobDefinitions_1.json",
         "sagemaker", "ListModelExplainabilityJobDefinitions", .response),
        Expected("test_timestream_database_delete_force/ingest.timestream.DescribeEndpoints_5.json", "timestream-write", "DescribeEndpoints", .response),
        Expected("test_transfer_server_delete/transfer.DeleteServer_2.json", "transfer", "DeleteServer", .error),
    ]

    @Test func everyRecordingIsReadAsItsOperationWithNoFalseIssue() throws {
        let files = PayloadFiles(validator: RecordValidator(plan: try plan))
        var results: [RecordResult] = []
        files.run(paths: ["\(Fixtures.placebo)/recordings"]) { results.append($0) }
        #expect(results.count == Self.expected.count)
        for e in Self.expected {
            let r = try #require(results.first { $0.file.hasSuffix("/" + e.file) }, "\(e.file) not read")
            #expect(r.service == e.service && r.operation == e.operation && r.direction == e.direction, "\(e.file): \(r.service ?? "?").\(r.operation ?? "?") \(r.direction?.rawValue ?? "?")")
            if e.service == "efs" {
                // A real difference (README.md here): EFS returns its own `aws:` tag keys, which the
                // documented Tag.Key pattern excludes.
                #expect(r.issues.map(\.path) == ["FileSystems[0].Tags[1].Key", "FileSystems[1].Tags[1].Key"])
                #expect(r.issues.allSatisfy { $0.code == .pattern && $0.message.contains("\"aws:elasticfilesystem:default-backup\"") })
            } else {
                #expect(r.issues.isEmpty, "\(e.file): \(r.issues)")
            }
        }
        // Said once each: elb and elbv2 both have DescribeLoadBalancers; ec2 documents no errors.
        let warnings = files.summary.log.diagnostics.map(\.message)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("elasticloadbalancing.DescribeLoadBalancers: elb and elbv2 both have this operation") && $0.contains("(elbv2: 2)") })
        #expect(warnings.contains { $0.hasPrefix("ec2: the error code of 1 error response not checked: the model documents no errors for ec2") })
    }

    /// `[pill prefix.]<endpoint prefix>.<Operation>_<n>.json`, prefixes with dots included.
    @Test func fileNamesAreReadAsPlaceboWritesThem() throws {
        let origin = PayloadFiles.placeboOrigin(fileName: "api.ecr.DescribeRepositories_2.json")
        #expect(origin?.service == "api.ecr" && origin?.operation == "DescribeRepositories")
        #expect(PayloadFiles.placeboOrigin(fileName: "ec2.DescribeInstances_12.json")?.service == "ec2")
        #expect(PayloadFiles.placeboOrigin(fileName: "records.json") == nil)
        #expect(PayloadFiles.placeboOrigin(fileName: "ec2.describe_instances_1.json") == nil)
        // Names that are not recordings' (read as bytes: non-ASCII digits, letters and combining marks included).
        for name in [".json", "_1.json", ".Op_1.json", "ec2._1.json", "ec2.Op_.json", "ec2.Op_1a.json", "ec2.Op-x_1.json",
                     "ec2.Op_1.JSON", "ec2.Op_1.json.bak", "ec2Op_1.json", "ec2.Op_١.json", "ec2.Öp_1.json",
                     "ec2.O\u{308}p_1.json", "ec2.\u{301}Op_1.json", "ec2.Op_\u{301}1.json"] {
            #expect(PayloadFiles.placeboOrigin(fileName: name) == nil, "\(name)")
        }
        let accented = PayloadFiles.placeboOrigin(fileName: "pillé.ec2.Describe2Things_007.json")
        #expect(accented?.service == "pillé.ec2" && accented?.operation == "Describe2Things")
        let ascii = PayloadFiles.placeboOrigin(fileName: "a.b_c.ListThings_3.json")
        #expect(ascii?.service == "a.b_c" && ascii?.operation == "ListThings")
        let directory = ServiceDirectory(model: try Fixtures.placeboModel)
        #expect(directory.services(forHead: "mypill.api.ecr")?.services == ["ecr"])
        #expect(directory.services(forHead: "elasticloadbalancing")?.services == ["elb", "elbv2"])
        #expect(directory.services(forHead: "states")?.services == ["stepfunctions"])
        #expect(directory.services(forHead: "elbv2")?.services == ["elbv2"])
        #expect(directory.services(forHead: "nosuch") == nil)
    }

    private func check(_ name: String, _ json: String) throws -> RecordResult {
        let v = RecordValidator(plan: try plan)
        return Array(json.utf8).withUnsafeBufferPointer {
            v.validate($0, file: name, line: 1, placebo: PayloadFiles.placeboOrigin(fileName: name))
        }
    }

    @Test func aPillPrefixAndAnUnknownNameAreResolvedOrSaidSo() throws {
        let ok = try check("mypill.api.ecr.DescribeRepositories_1.json", #"{"status_code": 200, "data": {"repositories": []}}"#)
        #expect(ok.service == "ecr" && ok.valid)
        let unknown = try check("nosuch.DescribeThings_1.json", #"{"status_code": 200, "data": {}}"#)
        #expect(unknown.issues.map(\.code) == [.operation])
        #expect(unknown.issues.first?.message.contains("no service has this name, endpoint prefix or signing name") == true)
        let noOperation = try check("elasticloadbalancing.DescribeThings_1.json", #"{"status_code": 200, "data": {}}"#)
        #expect(noOperation.issues.first?.message == "operation \"DescribeThings\" is not in services elb, elbv2 (\"elasticloadbalancing\")")
        // A file named like a recording but written as a docconform record is a record.
        let record = try check("ecr.DescribeRepositories_1.json", #"{"service": "ecr", "operation": "DescribeRepositories", "direction": "request", "payload": {}}"#)
        #expect(record.direction == .request && record.valid)
    }

    /// A placebo datetime in any key order, indentation or depth is a timestamp; its fields are
    /// checked as placebo reads them back; StreamingBody likewise.
    @Test func placeboObjectsAreReadAsObjects() throws {
        let indent = String(repeating: " ", count: 80)
        let datetime = "{\n\(indent)\"second\": 1, \"year\": 2024,\n\(indent)\"__module__\": \"datetime\", \"month\": 2, \"day\": 29, \"hour\": 0, \"minute\": 0, \"microsecond\": 5,\n\(indent)\"__class__\": \"datetime\"}"
        let fine = try check("ecr.DescribeRepositories_1.json", #"{"data": {"repositories": [{"createdAt": \#(datetime)}]}, "status_code": 200}"#)
        #expect(fine.valid, "\(fine.issues)")
        let cases: [(String, IssueCode, String)] = [
            (#"{"__class__": "datetime", "month": 1, "day": 2}"#, .malformed, "no \"year\""),
            (#"{"__class__": "datetime", "year": 2023, "month": 2, "day": 29}"#, .malformed, "day 29 is out of range for 2023-02"),
            (#"{"__class__": "datetime", "year": 2023, "month": 13, "day": 1, "hour": "1"}"#, .malformed, "\"hour\" is not an integer; month 13 is out of range 1–12"),
            (#"{"__class__": "datetime", "year": 2023, "month": 1, "day": 1, "tzinfo": "UTC"}"#, .malformed, "a datetime has no field \"tzinfo\""),
            (#"{"__class__": "datetime", "year": 2023, "year": 2024, "month": 1, "day": 1}"#, .duplicate, "key \"year\" appears more than once"),
            (#"{"__class__": "StreamingBody", "body": ""}"#, .type, "got a placebo \"StreamingBody\" object"),
            (#"{"year": 2023, "month": 1, "day": 1}"#, .type, "got object"),
        ]
        for (value, code, text) in cases {
            let r = try check("ecr.DescribeRepositories_1.json", #"{"status_code": 200, "data": {"repositories": [{"createdAt": \#(value)}]}}"#)
            #expect(r.issues.map(\.code) == [code], "\(value): \(r.issues)")
            #expect(r.issues.first?.path == "repositories[0].createdAt")
            #expect(r.issues.first?.message.contains(text) == true, "\(value): \(r.issues)")
        }
        let body = try check("lambda.Invoke_1.json", #"{"status_code": 200, "data": {"Payload": {"__module__": "botocore.response", "__class__": "StreamingBody"}}}"#)
        #expect(body.issues.map(\.code) == [.malformed] && body.issues.first?.message.contains("no \"body\"") == true)
        let date = try check("lambda.Invoke_1.json", #"{"status_code": 200, "data": {"Payload": {"__class__": "datetime", "year": 2020, "month": 1, "day": 1}}}"#)
        #expect(date.issues.first?.message == "expected blob (base64 string), got a placebo \"datetime\" object")
    }

    /// Error responses are checked against the operation's documented errors: the code, then the
    /// members of that error's shape where present (botocore puts them beside `Error`).
    @Test func errorResponsesAreCheckedAgainstTheOperationsErrors() throws {
        let documented = try check("lambda.GetFunction_1.json", #"{"status_code": 404, "data": {"Error": {"Code": "ResourceNotFoundException", "Message": "no"}, "ResponseMetadata": {}, "Type": "User", "Message": "no"}}"#)
        #expect(documented.direction == .error && documented.valid, "\(documented.issues)")
        let common = try check("lambda.GetFunction_1.json", #"{"status_code": 400, "data": {"Error": {"Code": "ThrottlingException", "Message": "slow down"}}}"#)
        #expect(common.valid)
        let wrongMember = try check("lambda.GetFunction_1.json", #"{"status_code": 429, "data": {"Error": {"Code": "TooManyRequestsException"}, "Reason": "TooFast", "Extra": 1}}"#)
        #expect(wrongMember.issues.map(\.code) == [.enum, .unknown] && wrongMember.issues.map(\.path) == ["Reason", "Extra"])
        let undocumented = try check("lambda.GetFunction_1.json", #"{"status_code": 400, "data": {"Error": {"Code": "NoSuchThing", "Message": "x"}}}"#)
        #expect(undocumented.issues.map(\.code) == [.undocumentedError] && undocumented.issues.first?.path == "Error.Code")
        #expect(undocumented.issues.first?.message.contains("its errors: InvalidParameterValueException, ServiceException, TooManyRequestsException, ResourceNotFoundException") == true)
        // An error of the service that this operation does not list: reported, members still checked.
        let otherOperations = try check("lambda.GetFunction_1.json", #"{"status_code": 400, "data": {"Error": {"Code": "CodeStorageExceededException"}, "Type": 5}}"#)
        #expect(otherOperations.issues.map(\.code) == [.undocumentedError, .type])
        #expect(otherOperations.issues.first?.message.contains("is an error of lambda that GetFunction does not document") == true)
        let noCode = try check("lambda.GetFunction_1.json", #"{"status_code": 500, "data": {"Error": {"Message": 5}}}"#)
        #expect(noCode.issues.map(\.path) == ["Error.Message", "Error.Code"] && noCode.issues.map(\.code) == [.type, .required])
        let noError = try check("lambda.GetFunction_1.json", #"{"status_code": 403, "data": {"ResponseMetadata": {}}}"#)
        #expect(noError.issues.map(\.code) == [.required] && noError.issues.first?.path == "Error")
    }

    @Test func whatMakesARecordingAnErrorResponse() throws {
        // No status: an `Error` object the output does not define.
        let unlabelled = try check("lambda.GetFunction_1.json", #"{"data": {"Error": {"Code": "ServiceException"}}}"#)
        #expect(unlabelled.direction == .error && unlabelled.valid)
        // GetDurableExecution's output has a member `Error`: with a 200 status it is the output.
        let output = try check("lambda.GetDurableExecution_1.json", #"{"status_code": 200, "data": {"Error": {"ErrorMessage": "boom"}}}"#)
        #expect(output.direction == .response)
        // botocore gives the HTTP status as the code when the body names none: not judged, said once.
        let v = RecordValidator(plan: try plan)
        let generic = Array(#"{"status_code": 503, "data": {"Error": {"Code": "503", "Message": "Service Unavailable"}}}"#.utf8)
            .withUnsafeBufferPointer { v.validate($0, file: "lambda.GetFunction_1.json", line: 1, placebo: PayloadFiles.placeboOrigin(fileName: "lambda.GetFunction_1.json")) }
        #expect(generic.valid && generic.direction == .error)
        #expect(v.takeRunDiagnostics().diagnostics.map(\.message) == ["lambda: the error code of 1 error response not checked: the error body named no code (botocore then gives the HTTP status as the code)"])
    }

    /// Shapes may share a wire code (cloudwatch's `DashboardNotFoundError` and `ResourceNotFound`
    /// both answer `ResourceNotFound`): the one the operation lists is meant.
    @Test func aCodeSharedByTwoErrorShapesMeansTheOneTheOperationLists() throws {
        let text = #"{"metadata":{"endpointPrefix":"monitoring","protocol":"json"},"operations":{"GetDashboard":{"name":"GetDashboard","errors":[{"shape":"DashboardNotFoundError"}]}},"shapes":{"DashboardNotFoundError":{"type":"structure","members":{"message":{"shape":"S"}},"error":{"code":"ResourceNotFound","httpStatusCode":404},"exception":true},"ResourceNotFound":{"type":"structure","members":{"Message":{"shape":"S"}},"exception":true},"S":{"type":"string"}}}"#
        var log = DiagnosticLog()
        let service = try #require(BotocoreImporter.importService(serviceName: "cloudwatch", bytes: Array(text.utf8), source: "cw", log: &log))
        let v = RecordValidator(plan: ValidationPlan(model: Model(services: [service])))
        let r = Array(#"{"status_code": 404, "data": {"Error": {"Code": "ResourceNotFound"}, "message": "gone"}}"#.utf8).withUnsafeBufferPointer {
            v.validate($0, file: "monitoring.GetDashboard_1.json", line: 1, placebo: PayloadFiles.placeboOrigin(fileName: "monitoring.GetDashboard_1.json"))
        }
        #expect(r.service == "cloudwatch" && r.direction == .error && r.valid, "\(r.issues)")
    }

    /// An awsQueryCompatible service's error carries the legacy query code as `Code` and the
    /// protocol's own as `QueryErrorCode` (botocore's JSON parser, from `x-amzn-query-error`):
    /// it is judged by the one that names the error for the client.
    @Test func aQueryCompatibleErrorIsJudgedByTheCodeThatNamesIt() throws {
        // sqs: error shapes without query codes (botocore's sqs handler raises the error
        // QueryErrorCode names); cloudwatch: error shapes carrying the query code as error.code.
        let sqs = #"{"metadata":{"endpointPrefix":"sqs","protocol":"json","awsQueryCompatible":{}},"operations":{"GetQueueUrl":{"name":"GetQueueUrl","errors":[{"shape":"QueueDoesNotExist"}]}},"shapes":{"QueueDoesNotExist":{"type":"structure","members":{"message":{"shape":"S"}},"exception":true},"S":{"type":"string"}}}"#
        let cloudwatch = #"{"metadata":{"endpointPrefix":"monitoring","protocol":"json","awsQueryCompatible":{}},"operations":{"GetDashboard":{"name":"GetDashboard","errors":[{"shape":"DashboardNotFoundError"}]}},"shapes":{"DashboardNotFoundError":{"type":"structure","members":{"message":{"shape":"S"}},"error":{"code":"ResourceNotFound","httpStatusCode":404},"exception":true},"S":{"type":"string"}}}"#
        var log = DiagnosticLog()
        let services = try [("sqs", sqs), ("cloudwatch", cloudwatch)].map { name, text in
            try #require(BotocoreImporter.importService(serviceName: name, bytes: Array(text.utf8), source: name, log: &log))
        }
        let plan = ValidationPlan(model: Model(services: services))
        func error(_ service: String, _ operation: String, _ payload: String) -> [String] {
            Fixtures.check(Fixtures.record(service: service, operation: operation, direction: "error", payloadJSON: payload), plan: plan)
                .issues.map { "\($0.code.rawValue) \($0.path): \($0.message)" }
        }
        #expect(error("sqs", "GetQueueUrl", #"{"Error": {"Message": "gone", "Code": "AWS.SimpleQueueService.NonExistentQueue", "QueryErrorCode": "QueueDoesNotExist", "Type": "Sender"}, "message": "gone"}"#) == [])
        #expect(error("sqs", "GetQueueUrl", #"{"Error": {"Code": "QueueDoesNotExist", "QueryErrorCode": "Nope", "Type": "Sender"}}"#) == [
            #"undocumented-error Error.Code: QueryErrorCode "Nope" (of error code "QueueDoesNotExist") is neither an error GetQueueUrl documents (its errors: QueueDoesNotExist) nor one of AWS's common errors"#,
        ])
        // Without QueryErrorCode (a record written by hand), Code names the error.
        #expect(error("sqs", "GetQueueUrl", #"{"Error": {"Code": "QueueDoesNotExist"}}"#) == [])
        #expect(error("sqs", "GetQueueUrl", #"{"Error": {"Code": "AWS.SimpleQueueService.NonExistentQueue"}}"#).count == 1)
        // cloudwatch: Code, the query code its shapes carry, names the error and its members.
        #expect(error("cloudwatch", "GetDashboard", #"{"Error": {"Code": "ResourceNotFound", "QueryErrorCode": "DashboardNotFoundError", "Type": "Sender"}, "message": 5}"#) == [
            "type message: expected string, got number",
        ])
        #expect(error("cloudwatch", "GetDashboard", #"{"Error": {"Code": "Nope", "QueryErrorCode": "DashboardNotFoundError", "Type": "Sender"}}"#) == [
            #"undocumented-error Error.Code: error code "Nope" is neither an error GetDashboard documents (its errors: DashboardNotFoundError) nor one of AWS's common errors"#,
        ])
    }

    /// docconform's own envelope says `"direction": "error"` for the same payload (botocore's
    /// `ClientError.response`).
    @Test func theRecordEnvelopeTakesErrorResponses() throws {
        let plan = try self.plan
        let valid = Fixtures.check(Fixtures.record(service: "lambda", operation: "GetFunction", direction: "error",
                                                   payloadJSON: #"{"Error": {"Code": "ResourceNotFoundException", "Message": "m"}, "Message": "m"}"#), plan: plan)
        #expect(valid.direction == .error && valid.valid, "\(valid.issues)")
        // Keys in any order: the payload before the envelope's names.
        let late = Fixtures.check(Array(#"{"payload": {"Error": {"Code": "Nope"}}, "direction": "error", "operation": "GetFunction", "service": "lambda"}"#.utf8), plan: plan)
        #expect(late.issues.map(\.code) == [.undocumentedError])
        let absent = Fixtures.check(Array(#"{"service": "lambda", "operation": "GetFunction", "direction": "error"}"#.utf8), plan: plan)
        #expect(absent.issues.map(\.code) == [.required])
        let null = Fixtures.check(Array(#"{"service": "lambda", "operation": "GetFunction", "direction": "error", "payload": null, "id": "n"}"#.utf8), plan: plan)
        #expect(null.issues.map(\.code) == [.required] && null.id == "n")
    }
}
