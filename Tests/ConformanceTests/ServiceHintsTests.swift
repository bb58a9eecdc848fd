import APIModel
import Conformance
import Foundation
import Testing
import TestSupport

/// The services payload files name, found ahead of validation (a hint for reading a lazy model
/// in parallel: every plainly written `"service"` value, placebo file names, a byte budget).
@Suite struct ServiceHintsTests {
    @Test func findsTheServicesRecordsAndFileNamesName() throws {
        let dir = try Fixtures.temporaryDirectory()
        let records = """
        {"service":"ec2","operation":"DescribeInstances","direction":"response","payload":{}}
        { "id": 1, "service" : "s3", "operation": "ListBuckets", "direction": "response", "payload": {} }
        {"serv\\u0069ce":"hidden","operation":"X","direction":"request","payload":{"service":"lambda"}}
        {"service":"ec2","operation":"DescribeVpcs","direction":"response","payload":{"x":"\\"service\\":\\"no\\""}}
        """
        try Data(records.utf8).write(to: URL(fileURLWithPath: dir + "/a.jsonl"))
        try Data(#"{"status_code": 200, "data": {}}"#.utf8).write(to: URL(fileURLWithPath: dir + "/dynamodb.ListTables_1.json"))
        #expect(ServiceHints.names(paths: [dir]) == ["ec2", "s3", "lambda", "dynamodb"])
        // No more bytes than the budget are read: the first record only.
        #expect(ServiceHints.names(paths: [dir + "/a.jsonl"], budget: 40) == ["ec2"])
        #expect(ServiceHints.names(paths: ["/no/such/file.jsonl"]) == [])
        // Files listed once for the hints and the run: the same names.
        var log = DiagnosticLog()
        #expect(ServiceHints.names(files: PayloadFiles.list([dir], log: &log)) == ["ec2", "s3", "lambda", "dynamodb"])
    }

    /// A placebo recording is told by its name, not opened (a folder of them is thousands of
    /// files): what is inside it is not looked at.
    @Test func placeboRecordingsAreToldByTheirNames() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Data(#"{"service":"s3","operation":"ListBuckets","direction":"response","payload":{}}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/sqs.ListQueues_1.json"))
        #expect(ServiceHints.names(paths: [dir]) == ["sqs"])
    }
}
