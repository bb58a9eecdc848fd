import Foundation
import Testing
import TestSupport

/// `docconform validate --model M -`: records from standard input, each result out before
/// the input ends.
@Suite struct ValidateStreamTests {
    static let model = Fixtures.path("botocore-1.43.11/data/appstream")
    static let valid = #"{"id":"ok","service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"fleet-1"}}"#
    static let invalid = #"{"id":"bad","service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":12345}}"#

    static func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func jsonLinesArriveRecordByRecordWhileTheInputStaysOpen() throws {
        let session = try ProcessSession(["validate", "--model", Self.model, "--format", "jsonl", "--quiet", "-"])
        session.write(Self.valid + "\n")
        let first = try session.read(until: { $0.contains(#""id":"ok""#) && $0.hasSuffix("\n") }, waitingFor: "the first record's result")
        #expect(Self.lines(first).first?["format"] as? String == "docconform.result-lines/1")
        session.write(Self.invalid + "\n")
        let second = try session.read(until: { $0.contains(#""id":"bad""#) && $0.hasSuffix("\n") }, waitingFor: "the second record's result")
        let bad = try #require(Self.lines(second).first { $0["id"] as? String == "bad" })
        #expect(bad["valid"] as? Bool == false)
        let errors = try #require(bad["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(errors.first?["path"] as? String == "Name")
        #expect(errors.first?["code"] as? String == "type")
        #expect(bad["file"] as? String == "<stdin>")
        #expect(bad["line"] as? Int == 2)
        // The summary only once the input ends.
        #expect(!second.contains("summary"))
        let run = session.finish()
        #expect(run.status == 1, "\(run.stderr)")
        let all = Self.lines(run.stdout)
        #expect(all.count == 4)
        let summary = try #require(all.last?["summary"] as? [String: Any])
        #expect(summary["records"] as? Int == 2)
        #expect(summary["invalid"] as? Int == 1)
    }

    @Test func resultsDocumentIsWrittenAsItGoesAndStaysTheSameFormat() throws {
        let session = try ProcessSession(["validate", "--model", Self.model, "--format", "json", "--quiet", "-"])
        session.write(Self.invalid + "\n")
        let head = try session.read(until: { $0.contains(#""id":"bad""#) && $0.hasSuffix("}") }, waitingFor: "the record's result")
        #expect(head.hasPrefix(#"{"format": "docconform.results/1","#))
        session.write(Self.valid + "\n")
        let run = session.finish()
        #expect(run.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["bad", "ok"])
    }

    @Test func textReportsAnInvalidRecordBeforeTheInputEnds() throws {
        let session = try ProcessSession(["validate", "--model", Self.model, "-"])
        session.write(Self.valid + "\n" + Self.invalid + "\n")
        let text = try session.read(until: { $0.contains("Name: type: expected string, got number\n") }, waitingFor: "the invalid record's block")
        #expect(text.hasPrefix("<stdin>:2: [bad] appstream.DeleteFleet request: 1 error\n"))
        let run = session.finish()
        #expect(run.status == 1)
        #expect(run.stdout.contains("2 records in 1 files: 1 valid, 1 invalid"))
    }

    /// Standard input and a `.jsonl` file of the same records give the same results.
    @Test func standardInputGivesTheResultsOfTheSameFile() throws {
        let corpus = Fixtures.path("payloads/labelled-sample.jsonl")
        let model = Fixtures.path("botocore-1.43.11/data")
        let fromFile = try Run.docconform(["validate", "--model", model, corpus, "--format", "jsonl", "--quiet"])
        let session = try ProcessSession(["validate", "--model", model, "--format", "jsonl", "--quiet", "-"])
        // Written from another thread: the process's output pipe must be read meanwhile.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: corpus))
        let handle = session.inputHandle
        let writer = Thread { handle.write(bytes); try? handle.close() }
        writer.start()
        let fromStdin = session.finish(closingInput: false)
        #expect(fromFile.status == 1)
        #expect(fromStdin.status == fromFile.status)
        let withoutFile = { (text: String) in text.replacingOccurrences(of: "\"file\":\"<stdin>\"", with: "F").replacingOccurrences(of: "\"file\":\(Self.quoted(corpus))", with: "F") }
        #expect(withoutFile(fromStdin.stdout) == withoutFile(fromFile.stdout))
        #expect(Self.lines(fromFile.stdout).count == 2 + 266)
    }

    @Test func exitStatusAtTheEndOfInputAsForFiles() throws {
        let valid = try ProcessSession(["validate", "--model", Self.model, "--quiet", "-"])
        valid.write(Self.valid + "\n\n")
        let ok = valid.finish()
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 records in 1 files: 1 valid, 0 invalid"))
        let empty = try ProcessSession(["validate", "--model", Self.model, "-"])
        let none = empty.finish()
        #expect(none.status == 2)
        #expect(none.stderr.contains("no payload records found"))
        let malformed = try ProcessSession(["validate", "--model", Self.model, "--format", "jsonl", "-"])
        malformed.write("{\"service\": \"appstream\", \n" + Self.valid)  // no final newline
        let broken = malformed.finish()
        #expect(broken.status == 1)
        let results = Self.lines(broken.stdout).filter { $0["valid"] != nil }
        #expect(results.map { $0["valid"] as? Bool } == [false, true])
        #expect(((results.first?["errors"] as? [[String: Any]])?.first?["code"] as? String) == "malformed")
    }

    /// A FIFO or /dev/stdin named as a payload file is a stream too, whatever its name.
    @Test func namedPipesAndDevStdinAreReadAsTheyCome() throws {
        let viaDevice = try ProcessSession(["validate", "--model", Self.model, "--format", "jsonl", "--quiet", "/dev/stdin"])
        viaDevice.write(Self.invalid + "\n")
        let device = try viaDevice.read(until: { $0.contains(#""id":"bad""#) && $0.hasSuffix("\n") }, waitingFor: "the result through /dev/stdin")
        #expect(device.contains(#""file":"/dev/stdin","line":1"#))
        #expect(viaDevice.finish().status == 1)

        let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("records.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let viaFIFO = try ProcessSession(["validate", "--model", Self.model, "--format", "jsonl", "--quiet", fifo])
        let writer = try #require(FileHandle(forWritingAtPath: fifo))  // opens once the tool opens it to read
        writer.write(Data((Self.valid + "\n").utf8))
        let first = try viaFIFO.read(until: { $0.contains(#""id":"ok""#) && $0.hasSuffix("\n") }, waitingFor: "the result through a FIFO")
        #expect(!first.contains("summary"))
        writer.write(Data((Self.invalid + "\n").utf8))
        try writer.close()
        let run = viaFIFO.finish()
        #expect(run.status == 1)
        #expect(Self.lines(run.stdout).compactMap { $0["id"] as? String } == ["ok", "bad"])
    }

    static func quoted(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: s, options: [.fragmentsAllowed, .withoutEscapingSlashes]), as: UTF8.self)
    }
}
