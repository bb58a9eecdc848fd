import APIModel
import Foundation
import Testing
import TestSupport

/// The command line on the reliability reproducers (../shared/reliability, rebuilt here from
/// committed fixtures or generated): exit codes by the rule, no crash, the place named.
@Suite struct BadInputCLITests {
    private func model(_ services: String) -> Data {
        Data(#"{"format":"docconform.model/1","services":{\#(services)}}"#.utf8)
    }

    private func chain(_ levels: Int) -> String {
        var s = #"{"type":"string"}"#
        for _ in 1..<levels { s = #"{"type":"structure","members":{"a":\#(s)}}"# }
        return s
    }

    @Test func deepModelsAreInputErrorsInEveryCommand() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let deep = dir.appendingPathComponent("deep4000.json")
        try model(#""x":{"operations":{"Op":{"input":\#(chain(4_000))}}}"#).write(to: deep)
        let payload = dir.appendingPathComponent("p.jsonl")
        try Data(#"{"service":"x","operation":"Op","direction":"request","payload":{}}"#.utf8).write(to: payload)
        for arguments in [["parse", deep.path], ["diff", deep.path, deep.path], ["export", "--model", deep.path, "--format", "jsonschema"],
                          ["validate", "--model", deep.path, payload.path]] {
            let run = try Run.docconform(arguments)
            #expect(run.status == 2, "\(arguments[0]): \(run.stderr.suffix(500))")
            #expect(run.stderr.contains("shapes nest deeper than 500 levels"), "\(arguments[0]): \(run.stderr.suffix(500))")
        }
    }

    @Test func aCorruptModelNeverSwitchesValidationOff() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old.json")
        try model(#""s":{"operations":{"Op":{"input":{"type":"structure","members":{"A":{"type":"string"},"B":{"type":"integer"}}}}}}"#).write(to: old)
        let payload = dir.appendingPathComponent("p.jsonl")
        try Data(#"{"service":"s","operation":"Op","direction":"request","payload":{"A":"x","B":"notint","C":1}}"#.utf8).write(to: payload)
        #expect(try Run.docconform(["validate", "--model", old.path, payload.path]).status == 1)
        let corrupt = [
            ("dangling", #""s":{"operations":{"Op":{"input":{"ref":"NoSuchShape"}}}}"#, "names no entry"),
            ("cycle", #""s":{"operations":{"Op":{"input":{"ref":"X"}}},"shapes":{"X":{"ref":"Y"},"Y":{"ref":"X"}}}"#, "must define a shape"),
            ("wrongtypes", #""s":{"operations":{"Op":{"input":{"type":"structure","members":["A","B"]}}}}"#, "expected an object, got array"),
            ("opsnull", #""s":{"operations":null}"#, "services.s.operations: expected an object, got null"),
        ]
        for (name, services, message) in corrupt {
            let file = dir.appendingPathComponent("\(name).json")
            try model(services).write(to: file)
            let validate = try Run.docconform(["validate", "--model", file.path, payload.path])
            #expect(validate.status == 2, "\(name): \(validate.stderr)")
            #expect(validate.stderr.contains("\(file.path):1: error: ") && validate.stderr.contains(message), "\(name): \(validate.stderr)")
            #expect(try Run.docconform(["diff", old.path, file.path, "--fail-on", "any"]).status == 2, "\(name)")
        }
    }

    @Test func nothingReadableExitsTwoForEveryFormat() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("notes.txt", "just notes\n"), ("empty.rst", ""), ("empty.json", ""), ("empty.html", ""), ("empty.md", "")] {
            let file = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let run = try Run.docconform(["parse", file.path])
            #expect(run.status == 2, "\(name): \(run.stderr)")
            #expect(run.stderr.contains("nothing readable"), "\(name): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func specialFilesNeitherBlockNorFillMemory() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let client = dir.appendingPathComponent("ec2/client")
        try FileManager.default.createDirectory(at: client, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("boto3-rst/boto3-rst_ec2_describe_image_references.rst"),
                                        toPath: client.appendingPathComponent("describe_image_references.rst").path)
        #expect(mkfifo(client.appendingPathComponent("pipe.rst").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: client.appendingPathComponent("zero.rst").path, withDestinationPath: "/dev/zero")
        let run = try Run.docconform(["parse", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("pipe.rst:1: warning: skipped: not a regular file (a FIFO)"))
        #expect(run.stderr.contains("zero.rst:1: warning: skipped: not a regular file (a character device)"))
        let ignore = try Run.docconform(["diff", Fixtures.path("bad-botocore/good"), Fixtures.path("bad-botocore/good"), "--ignore", "/dev/zero"])
        #expect(ignore.status == 2)
        #expect(ignore.stderr.contains("not a regular file"))
    }

    @Test func crlfAndBOMPagesAreRead() throws {
        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        for fixture in ["boto3-html/text/describe_image_builders.txt", "aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt",
                        "changelog/seeds/changelog-text_appstream_2017-04-21.txt"] {
            let bytes = try FileReading.bytes(atPath: Fixtures.path(fixture))
            let crlf = dir.appendingPathComponent("crlf-" + (fixture as NSString).lastPathComponent)
            try Data([0xEF, 0xBB, 0xBF] + bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }).write(to: crlf)
            let plain = try Run.docconform(["parse", Fixtures.path(fixture), "--quiet"])
            let run = try Run.docconform(["parse", crlf.path, "--quiet"])
            #expect(run.status == 0, "\(fixture): \(run.stderr)")
            let got = try ModelReader.read(Array(run.stdout.utf8)), expected = try ModelReader.read(Array(plain.stdout.utf8))
            #expect(got.operationCount == expected.operationCount && got.operationCount > 0, "\(fixture)")
            #expect(Array(got.services.keys) == Array(expected.services.keys), "\(fixture)")
            #expect(got.services.values.flatMap { $0.operations.keys } == expected.services.values.flatMap { $0.operations.keys }, "\(fixture)")
        }
    }
}
