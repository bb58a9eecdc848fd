import APIModel
import Foundation
import Testing
import TestSupport
@testable import Conformance

/// A large `.jsonl` file checked on several threads gives what one thread gives: the same
/// results in the same order, the same counts, notes and rendered bytes.
@Suite struct SideBySideTests {
    /// About 1.6 MB of JSON Lines from the fixture payload files (labelled records, bad input,
    /// paths): each round rotated, so operations interleave differently across the stretches,
    /// with blank lines, CRLF endings, a last line without a newline, and error responses: ec2's,
    /// whose codes cannot be checked (ec2 documents no errors: a note the run adds up), and
    /// lambda's without a code.
    static let corpus = Result<[UInt8], Error> {
        var lines: [ArraySlice<UInt8>] = []
        for name in ["labelled-sample.jsonl", "bad-input.jsonl", "paths.jsonl"] {
            let bytes = try FileReading.bytes(atPath: "\(Fixtures.payloads)/\(name)")
            lines += bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        }
        var out: [UInt8] = []
        var round = 0
        while out.count < 1_600_000 {
            for k in lines.indices {
                let line = lines[(k + round * 7) % lines.count]
                out += line
                if k % 37 == 0 { out.append(0x0D) }
                out.append(0x0A)
                if k % 50 == 0 { out += Array("  \n".utf8) }
                if k % 97 == 0 {
                    out += Array(#"{"service":"ec2","operation":"DescribeInstances","direction":"error","payload":{"Error":{"Code":"InvalidInstanceID.NotFound","Message":"gone"}}}"#.utf8) + [0x0A]
                }
                if k % 89 == 0 {
                    out += Array(#"{"service":"lambda","operation":"GetFunction","direction":"error","payload":{"Error":{"Message":"no code"}}}"#.utf8) + [0x0A]
                }
            }
            round += 1
        }
        out += lines[0]  // no newline at the end
        return out
    }

    struct Outcome {
        var results: [String] = []
        var summary = PayloadFiles.Summary()
        var rendered: [UInt8] = []
        var text: [UInt8] = []
        var lanesThatCompiled = 0
        var unsupported: [String] = []
    }

    /// Where one test's runs read the corpus (the same name: results name their file).
    static func writeCorpus() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("side-by-side-\(UUID().uuidString).jsonl").path
        try Data(try corpus.get()).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// How a run's results are made: handed on one by one (and grouped by the test), rendered
    /// as JSON where they are checked, or grouped as text where they are checked.
    enum Made { case handedOn, json(ResultsJSON.Layout), grouped }

    /// Checks the corpus at `path` with `threads` threads.
    func run(_ path: String, threads: Int, layout: ResultsJSON.Layout? = nil) throws -> Outcome {
        try run([path], threads: threads, made: layout.map { .json($0) } ?? .handedOn)
    }

    /// Checks the files at `paths` with `threads` threads (against the fixture services, or `model`).
    func run(_ paths: [String], threads: Int, made: Made, model: Model? = nil) throws -> Outcome {
        let plan = try model.map { ValidationPlan(model: $0) } ?? Fixtures.plan()
        let files = PayloadFiles(validator: RecordValidator(plan: plan), threads: threads)
        var log = DiagnosticLog()
        var filter = IssueFilter()
        try filter.add(parsing: Array("CODE SERVICE OPERATION PATH\nenum dynamodb * *\n".utf8), source: "ignore", log: &log)
        files.filter = filter
        var outcome = Outcome()
        let grouper = ResultsText.Grouper()
        var writer: ResultsJSON.Writer? = nil
        var rendered: [UInt8] = []
        let rendering: PayloadFiles.Rendering?
        switch made {
        case .handedOn: rendering = nil
        case let .json(layout):
            let w = ResultsJSON.Writer(layout: layout)
            writer = w
            rendering = .json(writer: w, write: { rendered.append(contentsOf: $0) })
        case .grouped: rendering = .grouped(grouper)
        }
        files.run(paths: paths, rendering: rendering) { r in
            outcome.results.append("\(r.line) \(r.id ?? "-") \(r.service ?? "-") \(r.operation ?? "-") \(r.direction?.rawValue ?? "-") \(r.byteCount) "
                                   + r.issues.map { "\($0.code) \($0.path) \($0.message)" }.joined(separator: "; ")
                                   + " accepted: " + r.accepted.map { "\($0.code) \($0.path)" }.joined(separator: "; "))
            grouper.add(r)
            writer?.add(r)
        }
        writer?.drain { rendered.append(contentsOf: $0) }
        outcome.rendered = rendered
        outcome.text = grouper.render()
        outcome.summary = files.summary
        outcome.lanesThatCompiled = files.plans.filter { $0.compiledOperationCount > 0 }.count
        outcome.unsupported = ValidationPlan.unsupportedPatterns(of: files.plans).map { "\($0.shape) \($0.pattern)" }
        return outcome
    }

    /// Where two long sequences first differ, shown with what follows (nil: equal).
    private func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String? {
        guard a != b else { return nil }
        let k = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        return "at \(k) of \(a.count)/\(b.count): \(a[k..<min(k + 3, a.count)]) vs \(b[k..<min(k + 3, b.count)])"
    }

    private func expectSameFigures(_ one: PayloadFiles.Summary, _ many: PayloadFiles.Summary) {
        #expect(many.records == one.records)
        #expect(many.invalid == one.invalid)
        #expect(many.bytes == one.bytes)
        #expect(many.accepted == one.accepted)
        #expect(many.issuesByCode == one.issuesByCode)
        #expect(many.byOperation.operations == one.byOperation.operations)
        #expect(many.byOperation.services == one.byOperation.services)
        #expect(many.log.diagnostics.map(\.description) == one.log.diagnostics.map(\.description))
    }

    @Test func resultsCountsAndGroupedTextAreThoseOfOneThread() throws {
        let path = try Self.writeCorpus()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try run(path, threads: 1)
        let many = try run(path, threads: 3)
        #expect(one.lanesThatCompiled == 1)
        #expect(many.lanesThatCompiled == 3, "every thread took stretches of the file")
        let lines = try Self.corpus.get().split(separator: 0x0A, omittingEmptySubsequences: false)
        let records = lines.filter { $0.contains { $0 != 0x20 && $0 != 0x0D } }.count
        #expect(one.results.count == records)
        #expect(one.summary.invalid > 1000 && one.summary.accepted > 0, "the corpus has invalid records and accepted issues")
        let ec2Errors = lines.filter { $0.starts(with: Array(#"{"service":"ec2","operation":"DescribeInstances","direction":"error""#.utf8)) }.count
        let notes = one.summary.log.diagnostics.map(\.message).filter { $0.contains("error responses not checked") }
        #expect(notes == ["ec2: the error code of \(ec2Errors) error responses not checked: the model documents no errors for ec2"],
                "the note added up once over every lane's records")
        #expect(firstDifference(many.results, one.results) == nil)
        #expect(firstDifference(many.text, one.text) == nil)
        #expect(many.unsupported == one.unsupported)
        expectSameFigures(one.summary, many.summary)
    }

    @Test(arguments: [ResultsJSON.Layout.array, .lines])
    func renderedResultsAreTheBytesOfOneThread(layout: ResultsJSON.Layout) throws {
        let path = try Self.writeCorpus()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try run(path, threads: 1, layout: layout)
        let many = try run(path, threads: 2, layout: layout)
        #expect(many.results.isEmpty, "results rendered where they were checked are not handed on one by one")
        #expect(many.lanesThatCompiled == 2)
        #expect(one.rendered.count > 1_000_000)
        #expect(firstDifference(many.rendered, one.rendered) == nil)
        expectSameFigures(one.summary, many.summary)
        if layout == .array {
            let document = Array("{\"results\": [\n".utf8) + many.rendered
                + ResultsJSON.footer(summary: many.summary, unsupportedPatterns: [], patternsGivenUp: [])
            let parsed = try JSONParser.parse(document)
            #expect(parsed["results"]?.arrayValue?.count == many.summary.records)
        }
    }

    /// Text grouped where the records are checked, the stretches merged in input order, is the
    /// text of one thread grouping every record; with a small file before and after, checked on
    /// the calling thread into the same grouper.
    @Test func textGroupedOnTheLanesIsTheTextOfOneThread() throws {
        let path = try Self.writeCorpus()
        let small = FileManager.default.temporaryDirectory.appendingPathComponent("side-by-side-small-\(UUID().uuidString).jsonl").path
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: small)
        }
        try Data(try FileReading.bytes(atPath: "\(Fixtures.payloads)/labelled-sample.jsonl")).write(to: URL(fileURLWithPath: small))
        let one = try run([small, path, small], threads: 1, made: .handedOn)
        let many = try run([small, path, small], threads: 3, made: .grouped)
        #expect(many.results.count < one.results.count / 10, "the large file's results were not handed on one by one")
        #expect(many.lanesThatCompiled == 3)
        #expect(one.text.count > 50_000)
        #expect(firstDifference(many.text, one.text) == nil)
        expectSameFigures(one.summary, many.summary)
    }

    /// A folder of placebo recordings and record files is checked file by file on the lanes, and
    /// gives what one thread gives: results, grouped text, rendered JSON, figures and notes (elb
    /// and elbv2 both answering to one recording's name; ec2's error codes not checked). A
    /// malformed file and a `.jsonl` file in the middle (read on the calling thread) included.
    @Test func aFolderOfRecordingsIsCheckedFileByFileOnTheLanes() throws {
        let dir = try Self.recordingRounds()
        let model = try Fixtures.placeboModel
        for made in [Made.handedOn, .grouped, .json(.array)] {
            let one = try run([dir], threads: 1, made: made, model: model)
            let many = try run([dir], threads: 3, made: made, model: model)
            #expect(many.lanesThatCompiled == 3, "every thread took stretches of the folder")
            #expect(one.summary.files == 12 * 22 + 1 && one.summary.records == 12 * 22 + 2)
            #expect(one.summary.log.diagnostics.contains { $0.message.contains("elb and elbv2 both have this operation") })
            switch made {
            case .handedOn:
                #expect(one.results.count == 12 * 22 + 2)
                #expect(firstDifference(many.results, one.results) == nil)
                #expect(firstDifference(many.text, one.text) == nil)
            case .grouped:
                #expect(many.results.count == 2, "only the .jsonl file's records were handed on one by one")
                #expect(one.text.count > 1000)
                #expect(firstDifference(many.text, one.text) == nil)
            case .json:
                #expect(one.rendered.count > 50_000)
                #expect(firstDifference(many.rendered, one.rendered) == nil)
            }
            #expect(many.unsupported == one.unsupported)
            expectSameFigures(one.summary, many.summary)
        }
    }

    /// A FIFO named `.json` beside a folder of recordings is read as the stream it is, after
    /// the folder's files were checked on the lanes; only the path named is asked whether it is
    /// one (`PayloadFiles.List.streams`), not each of the folder's files.
    @Test func aNamedPipeBesideAFolderOfRecordingsIsReadAsAStream() throws {
        let dir = try Self.recordingRounds()
        let fifo = "\(try Fixtures.temporaryDirectory())/records.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        var log = DiagnosticLog()
        let list = PayloadFiles.list([dir, fifo], log: &log)
        #expect(list.streams == [fifo])
        #expect(list.files.count == 12 * 22 + 2 && list.files.last == fifo)
        let record = #"{"id":"piped","service":"ec2","operation":"DescribeInstances","direction":"response","payload":{"Reservations":"x"}}"#
        let writer = Thread {
            // Opening blocks until the run opens the FIFO to read it.
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data((record + "\n" + record + "\n").utf8))
            try? handle.close()
        }
        writer.start()
        let piped = try run([dir, fifo], threads: 3, made: .handedOn, model: try Fixtures.placeboModel)
        #expect(piped.lanesThatCompiled == 3)
        #expect(piped.summary.files == 12 * 22 + 2 && piped.summary.records == 12 * 22 + 4)
        #expect(piped.results.suffix(2).allSatisfy { $0.hasPrefix("1 piped ec2") || $0.hasPrefix("2 piped ec2") })
        #expect(piped.summary.log.diagnostics.allSatisfy { !$0.description.contains("not a regular file") })
    }

    /// Twelve rounds of the placebo fixture recordings in folders, each with a record file and
    /// a truncated recording; round 5 also has a `.jsonl` file.
    static func recordingRounds() throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        let source = "\(Fixtures.placebo)/recordings"
        let recordings = try #require(FileManager.default.subpaths(atPath: source)).filter { $0.hasSuffix(".json") }.sorted()
        #expect(recordings.count == 20)
        for round in 0..<12 {
            let folder = "\(dir)/round-\(round < 10 ? "0" : "")\(round)"
            for name in recordings {
                let target = "\(folder)/\(name)"
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: "\(source)/\(name)", toPath: target)
            }
            let record = #"{"id":"r\#(round)","service":"ec2","operation":"DescribeInstances","direction":"response","payload":{"Reservations":"x"}}"#
            try Data(record.utf8).write(to: URL(fileURLWithPath: "\(folder)/zz-record.json"))
            try Data(#"{"status_code": 200, "data": {"#.utf8).write(to: URL(fileURLWithPath: "\(folder)/zz-truncated.json"))
            if round == 5 { try Data((record + "\n" + record + "\n").utf8).write(to: URL(fileURLWithPath: "\(folder)/zz-records.jsonl")) }
        }
        return dir
    }

    /// A line longer than a batch (its buffer grows, then goes back to the pool) and nesting
    /// as deep as the checker follows, on the lanes' own threads.
    @Test func longLinesAndDeepNestingOnTheLanes() throws {
        var bytes = try Self.corpus.get()
        let half = try #require(bytes[(bytes.count / 2)...].firstIndex(of: 0x0A)) + 1
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let nested = String(repeating: "{\"Nope\":", count: 999) + "1" + String(repeating: "}", count: 999)
        var inserted = Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: "{\"NextToken\":\"\(String(repeating: "b", count: 3_000_000))\"}") + [0x0A]
        inserted += Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: "{\"Names\":\(deep)}") + [0x0A]
        inserted += Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: nested) + [0x0A]
        bytes.insert(contentsOf: inserted, at: half)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("side-by-side-long-\(UUID().uuidString).jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try run(path, threads: 1)
        let many = try run(path, threads: 2)
        #expect(many.lanesThatCompiled == 2)
        #expect(firstDifference(many.results, one.results) == nil)
        #expect(many.results.contains { ($0.split(separator: " ").dropFirst(5).first.flatMap { Int($0) } ?? 0) > 3_000_000 },
                "the 3 MB record is checked")
        #expect(many.results.contains { $0.contains("nested deeper than 1000 levels") })
        expectSameFigures(one.summary, many.summary)
    }

    @Test func aStreamReadsWholeLinesWithTheirNumbers() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("blocks-\(UUID().uuidString).jsonl").path
        let text = "a\n\n" + String(repeating: "b", count: 100) + "\r\nc\nlast"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var lines: [(String, Int)] = []
        var blocks: [(first: Int, lines: Int, endsWithNewline: Bool)] = []
        try RecordStream.blocks(fd: fd, chunkSize: 16, beforeRead: nil) { p, n, first in
            var count = 0
            for line in UnsafeBufferPointer(start: p, count: n).split(separator: 0x0A, omittingEmptySubsequences: false) {
                if line.isEmpty && line.startIndex == n { break }  // after the block's last newline
                lines.append((String(decoding: line, as: UTF8.self), first + count))
                count += 1
            }
            blocks.append((first, count, p[n - 1] == 0x0A))
            return count
        }
        #expect(lines.map(\.0) == ["a", "", String(repeating: "b", count: 100) + "\r", "c", "last"])
        #expect(lines.map(\.1) == [1, 2, 3, 4, 5])
        #expect(blocks.dropLast().allSatisfy { $0.endsWithNewline }, "every block but the last ends at a newline")
        #expect(blocks.last?.endsWithNewline == false)
        #expect(blocks.count >= 3, "a 16-byte buffer hands the lines on in several blocks, growing for the long one")
    }
}
