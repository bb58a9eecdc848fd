import APIModel
import Foundation
import Testing
import TestSupport

@Suite struct ParseCommandTests {
    @Test func parsesABotocoreFolderToAModelFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir + "/model.json"
        let run = try Run.docconform(["parse", Fixtures.path("botocore-1.43.11/data"), "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("6 services"))
        let model = try ModelReader.read(FileReading.bytes(atPath: out))
        #expect(model.services["dynamodb"]?.operations["PutItem"] != nil)
        // Same input, same bytes.
        let again = try Run.docconform(["parse", Fixtures.path("botocore-1.43.11/data"), "--quiet"])
        #expect(Array(again.stdout.utf8) == (try FileReading.bytes(atPath: out)))
    }

    @Test func brokenFilesGiveDiagnosticsAndExitOneWhileTheRestImports() throws {
        let run = try Run.docconform(["parse", Fixtures.path("bad-botocore"), "--no-docs"])
        #expect(run.status == 1)
        for folder in ["truncated", "notjson", "unknown-type", "dangling-ref"] {
            #expect(run.stderr.contains("bad-botocore/\(folder)/2020-01-01/service-2.json:"), "\(folder): \(run.stderr)")
        }
        #expect(run.stderr.contains(": error: "))
        let model = try ModelReader.read(Array(run.stdout.utf8))
        #expect(Set(model.services.keys) == ["good", "unknown-type", "dangling-ref"])
    }

    @Test func nothingReadableExitsTwoWithoutWritingOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir + "/model.json"
        let run = try Run.docconform(["parse", "/no/such/folder", Fixtures.path("bad-botocore/notjson"), "-o", out])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/no/such/folder:1: error: no such file or folder"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unwritableOutputIsAnInputError() throws {
        let run = try Run.docconform(["parse", Fixtures.path("bad-botocore/good"), "-o", "/no/such/dir/model.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write output"))
    }

    @Test func unknownFilesAreSkippedWithAWarning() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Data("hello".utf8).write(to: URL(fileURLWithPath: dir + "/notes.bin"))
        let run = try Run.docconform(["parse", dir, Fixtures.path("bad-botocore/good")])
        #expect(run.status == 0)
        #expect(run.stderr.contains("notes.bin:1: warning: skipped"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Run.docconform(["parse"]).status == 2)
        #expect(try Run.docconform(["no-such-command"]).status == 2)
    }
}
