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
        #expect(ServiceHints.names(files: PayloadFiles.list([dir], log: &log).files) == ["ec2", "s3", "lambda", "dynamodb"])
    }

    /// A large file is read a block at a time (256 KB): a `"service"` key or value cut by a
    /// block's end is still found, every name once, in the order the file gives them.
    @Test func namesCutByTheReadBlocksAreFound() throws {
        let dir = try Fixtures.temporaryDirectory()
        var text = ""
        /// A padding record that makes the next record's `"service"` key begin `before` bytes
        /// before the offset `at` (each record a line).
        func pad(to at: Int, before: Int) {
            let head = #"{"pad":""#, tail = "\"}\n"
            let fill = at - before - text.utf8.count - head.utf8.count - tail.utf8.count - 1
            text += head + String(repeating: "x", count: fill) + tail
        }
        pad(to: 256 << 10, before: 4)  // the key cut: `"ser|vice"`
        text += #"{"service": "sqs", "operation": "ListQueues", "direction": "request", "payload": {}}"# + "\n"
        pad(to: 512 << 10, before: 14)  // the value cut: `"service": "dy|namodb"`
        text += #"{"service": "dynamodb", "operation": "ListTables", "direction": "request", "payload": {}}"# + "\n"
        text += #"{"service": "sqs", "operation": "ListQueues", "direction": "request", "payload": {}}"# + "\n"
        pad(to: 768 << 10, before: 0)  // the key begins the block
        text += #"{"service": "s3", "operation": "ListBuckets", "direction": "request", "payload": {}}"# + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/big.jsonl"))
        let bytes = Array(text.utf8)
        #expect(Array(bytes[((256 << 10) - 4)...].prefix(9)) == Array(#""service""#.utf8))
        #expect(Array(bytes[((512 << 10) - 14)...].prefix(15)) == Array(#""service": "dyn"#.utf8))
        #expect(ServiceHints.names(paths: [dir]) == ["sqs", "dynamodb", "s3"])
        // The budget counts bytes read: the first two blocks hold the first name only.
        #expect(ServiceHints.names(paths: [dir], budget: 512 << 10) == ["sqs"])
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
