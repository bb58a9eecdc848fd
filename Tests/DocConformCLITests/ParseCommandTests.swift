import APIModel
import Foundation
import Testing

@Suite struct ParseCommandTests {
    @Test func parsesABotocoreFolderToAModelFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("model.json").path
        let run = try CLI.run(["parse", CLI.fixture("botocore-1.43.11/data"), "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("6 services"))
        let model = try ModelReader.read(FileReading.bytes(atPath: out))
        #expect(model.services["dynamodb"]?.operations["PutItem"] != nil)
        // Same input, same bytes.
        let again = try CLI.run(["parse", CLI.fixture("botocore-1.43.11/data"), "--quiet"])
        #expect(Array(again.stdout.utf8) == (try FileReading.bytes(atPath: out)))
    }

    @Test func brokenFilesGiveDiagnosticsAndExitOneWhileTheRestImports() throws {
        let run = try CLI.run(["parse", CLI.fixture("bad-botocore"), "--no-docs"])
        #expect(run.status == 1)
        for folder in ["truncated", "notjson", "unknown-type", "dangling-ref"] {
            #expect(run.stderr.contains("bad-botocore/\(folder)/2020-01-01/service-2.json:"), "\(folder): \(run.stderr)")
        }
        #expect(run.stderr.contains(": error: "))
        let model = try ModelReader.read(Array(run.stdout.utf8))
        #expect(Set(model.services.keys) == ["good", "unknown-type", "dangling-ref"])
    }

    @Test func nothingReadableExitsTwoWithoutWritingOutput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("model.json").path
        let run = try CLI.run(["parse", "/no/such/folder", CLI.fixture("bad-botocore/notjson"), "-o", out])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/no/such/folder:1: error: no such file or folder"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func unwritableOutputIsAnInputError() throws {
        let run = try CLI.run(["parse", CLI.fixture("bad-botocore/good"), "-o", "/no/such/dir/model.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot write output"))
    }

    @Test func unknownFilesAreSkippedWithAWarning() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("hello".utf8).write(to: dir.appendingPathComponent("notes.bin"))
        let run = try CLI.run(["parse", dir.path, CLI.fixture("bad-botocore/good")])
        #expect(run.status == 0)
        #expect(run.stderr.contains("notes.bin:1: warning: skipped"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["parse"]).status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }
}
