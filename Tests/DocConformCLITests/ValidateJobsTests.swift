import Foundation
import Testing
import TestSupport

/// `validate --jobs N`: a large `.jsonl` file checked on several threads writes, in every
/// format, the bytes one thread writes; `--stats` says how many threads ran.
@Suite struct ValidateJobsTests {
    let model = Fixtures.path("botocore-1.43.11/data")

    /// About 2 MB of the labelled sample's records, each round rotated so that operations
    /// interleave across the threads' stretches.
    private func corpus() throws -> String {
        let lines = try Fixtures.bytes(atPath: Fixtures.path("payloads/labelled-sample.jsonl")).split(separator: 0x0A)
        var out: [UInt8] = []
        var round = 0
        while out.count < 2_000_000 {
            for k in lines.indices { out += lines[(k + round * 5) % lines.count]; out.append(0x0A) }
            round += 1
        }
        let path = try Fixtures.temporaryDirectory() + "/records.jsonl"
        try Data(out).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: ["json", "jsonl", "text", "junit", "sarif"])
    func severalThreadsWriteWhatOneWrites(format: String) throws {
        let records = try corpus()
        let one = try Run.docconform(["validate", "--model", model, records, "--format", format, "--jobs", "1", "--quiet"])
        let three = try Run.docconform(["validate", "--model", model, records, "--format", format, "--jobs", "3", "--quiet", "--stats"])
        #expect(one.status == 1, "the labelled sample has invalid records: \(one.stderr)")
        #expect(three.status == one.status)
        #expect(one.stdout.utf8.count > 50_000)
        #expect(three.stdout == one.stdout, "\(format) output differs between one and three threads")
        #expect(three.stderr.contains("on 3 threads: "), "\(three.stderr)")
    }

    /// A folder of placebo recordings (the fixture recordings eight times over, in folders of
    /// their own), checked file by file on three threads, in every format: the bytes and the
    /// warnings of one thread.
    @Test(arguments: ["json", "jsonl", "text", "junit", "sarif"])
    func aFolderOfRecordingsOnSeveralThreadsWritesWhatOneWrites(format: String) throws {
        let source = Fixtures.path("placebo/recordings")
        let folder = try Fixtures.temporaryDirectory()
        for round in 0..<8 {
            try FileManager.default.copyItem(atPath: source, toPath: "\(folder)/round-\(round)")
        }
        let model = Fixtures.path("placebo/botocore-1.43.11/data")
        let one = try Run.docconform(["validate", "--model", model, "--model", self.model, folder, "--format", format, "--jobs", "1"])
        let three = try Run.docconform(["validate", "--model", model, "--model", self.model, folder, "--format", format, "--jobs", "3"])
        #expect(one.status == 1, "one EFS recording has a real pattern issue: \(one.stderr)")
        #expect(three.status == one.status)
        #expect(one.stdout.utf8.count > 1_000)
        #expect(three.stdout == one.stdout, "\(format) output differs between one and three threads")
        #expect(three.stderr == one.stderr)
        #expect(one.stderr.contains("elb and elbv2 both have this operation"), "\(one.stderr)")
    }

    @Test(arguments: ["0", "1025", "100000"])
    func aThreadCountOutOfRangeIsAUsageError(jobs: String) throws {
        let run = try Run.docconform(["validate", "--model", model, Fixtures.path("payloads/paths.jsonl"), "--jobs", jobs])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--jobs must be from 1 to 1024"), "\(run.stderr)")
    }

    /// Threads are made for what a file can give them (a lane per 512 KB at most): a small
    /// file with a large --jobs runs as one thread would.
    @Test func aSmallFileWithManyJobsRunsOnOneThread() throws {
        let run = try Run.docconform(["validate", "--model", model, Fixtures.path("payloads/paths.jsonl"), "--jobs", "1024", "--quiet", "--format", "json"])
        let one = try Run.docconform(["validate", "--model", model, Fixtures.path("payloads/paths.jsonl"), "--jobs", "1", "--quiet", "--format", "json"])
        #expect(run.status == one.status)
        #expect(run.stdout == one.stdout)
    }
}
