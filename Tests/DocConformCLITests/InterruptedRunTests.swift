import Foundation
import Testing
import TestSupport

/// Results go to `FILE.partial-PID` and are renamed to `FILE` at the end: a run stopped by a
/// signal whose default is to end it removes that file on the way out, and still ends by the
/// signal (the shell sees what it sent).
@Suite struct InterruptedRunTests {
    static let model = Fixtures.path("botocore-1.43.11/data/appstream")
    static let record = #"{"id":"ok","service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"fleet-1"}}"#

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGPIPE])
    func aRunStoppedBySignalLeavesNoPartialFile(_ signal: Int32) throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir + "/results.json"
        // Records from standard input: the run is under way (its output open) until the input ends.
        let run = try ShellStarted(["validate", "--model", Self.model, "--format", "json", "-o", out, "-"])
        run.write(Self.record + "\n")
        let deadline = Date().addingTimeInterval(60)
        while try !Fixtures.contents(ofFolder: dir).contains(where: { $0.hasPrefix("results.json.partial-") }) {
            try #require(Date() < deadline, "the run never opened its output")
            usleep(20_000)
        }
        let end = run.stop(with: signal)
        #expect(end == .signalled(signal), "\(end)")
        let left = try Fixtures.contents(ofFolder: dir)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func aRunThatEndsWritesItsFileAndNothingElse() throws {
        let dir = try Fixtures.temporaryDirectory()
        let out = dir + "/results.json"
        let run = try ShellStarted(["validate", "--model", Self.model, "--format", "json", "--quiet", "-o", out, "-"])
        run.write(Self.record + "\n")
        #expect(run.finish() == .exited(0))
        let written = try Fixtures.contents(ofFolder: dir)
        #expect(written == ["results.json"])
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect((document?["results"] as? [Any])?.count == 1)
    }
}
