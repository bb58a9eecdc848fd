import APIModel
import Foundation
import Testing
import TestSupport

/// `docconform changes` and `parse` on changelog pages: outputs and exit codes.
@Suite struct ChangelogCommandTests {
    static let appstream = Fixtures.path("changelog/seeds/changelog-text_appstream_2017-04-21.txt")
    static let ec2 = Fixtures.path("changelog/seeds/changelog-text_ec2_2018-02-12.txt")

    @Test func jsonIsDiffFormatWithEveryStatedChange() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir + "/changes.json"
        let run = try Run.docconform(["changes", Self.appstream, Self.ec2, "--format", "json", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("warning") && !run.stderr.contains("error"))
        let json = try JSONParser.parse(FileReading.bytes(atPath: out))
        #expect(json["format"]?.stringValue == "docconform.diff/1")
        let changes = json["changes"]?.arrayValue ?? []
        #expect(changes.count == 12)
        let paths = changes.compactMap { $0["path"]?.stringValue }
        #expect(paths.contains("Reservations[].Instances[].NetworkInterfaces[].Status"))
        #expect(paths.contains("Sessions[].AuthenticationType"))
    }

    @Test func changelogFormatReproducesTheDicts() throws {
        let run = try Run.docconform(["changes", Self.ec2, "--format", "changelog", "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("{'Reservations': {'Instances': {'NetworkInterfaces': {'Status': {'associated'}}}}}"))
        #expect(run.stderr.isEmpty)
    }

    @Test func badDictExitsOneAndStillWritesTheRest() throws {
        let run = try Run.docconform(["changes", Fixtures.path("changelog/bad/baddict_appstream_2017-04-21.txt"), "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("baddict_appstream_2017-04-21.txt:90: error: change dict is not a valid literal"))
        #expect(run.stdout.contains("\"docconform.diff/1\""))
    }

    @Test func noChangelogPageExitsTwoWithoutOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir + "/changes.json"
        let run = try Run.docconform(["changes", "/no/such/page.txt", "-o", out])
        #expect(run.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
        let usage = try Run.docconform(["changes", Self.ec2, "--format", "yaml"])
        #expect(usage.status == 2)
    }

    @Test func parseReadsPagesIntoAModel() throws {
        let run = try Run.docconform(["parse", Self.appstream, Self.ec2, "--no-docs"])
        #expect(run.status == 0, "\(run.stderr)")
        let model = try ModelReader.read(Array(run.stdout.utf8))
        #expect(model.services["appstream"]?.operations.count == 5)
        #expect(model.services["ec2"]?.operations.count == 4)
    }
}
