import Foundation
import Testing
import TestSupport

/// `validate --plan-cache DIR`: the second run of the same model takes its plans from the folder
/// and writes the bytes the first wrote, on one thread and on several; a damaged cache file is a
/// warning, not a failure; a model parsed from documentation pages is not cached (a warning).
@Suite struct ValidatePlanCacheTests {
    static let data = "docs-corpus/fixtures/botocore-1.43.11/data"
    static let payloads = ["docs-corpus/fixtures/payloads/labelled-sample.jsonl", "docs-corpus/fixtures/payloads/paths.jsonl"]

    private func validate(_ model: String, cache: String?, _ extra: [String] = []) throws -> (ProcessRun, [UInt8]) {
        let out = try Fixtures.temporaryDirectory() + "/results.json"
        let run = try Run.docconform(["validate", "--model", model] + Self.payloads + ["--format", "json", "-o", out, "--stats"]
                                     + (cache.map { ["--plan-cache", $0] } ?? []) + extra,
                                     in: Fixtures.repositoryRoot)
        return (run, try Fixtures.bytes(atPath: out))
    }

    /// How many lookups `--stats` says the cache answered.
    private func answered(_ stderr: String) -> Int? {
        guard let range = stderr.range(of: #"plan cache: (\d+) operation lookups answered from it"#, options: .regularExpression) else { return nil }
        return Int(stderr[range].split(separator: " ")[2])
    }

    @Test(arguments: ["1", "3"])
    func theSecondRunTakesThePlansAndWritesTheSameResults(jobs: String) throws {
        let cache = try Fixtures.temporaryDirectory() + "/plans"
        let (plain, plainOut) = try validate(Self.data, cache: nil, ["--jobs", jobs])
        let (first, firstOut) = try validate(Self.data, cache: cache, ["--jobs", jobs])
        let (second, secondOut) = try validate(Self.data, cache: cache, ["--jobs", jobs])
        #expect(plain.status == 1 && first.status == 1 && second.status == 1, "\(second.stderr)")
        #expect(firstOut == plainOut && secondOut == plainOut)
        #expect(answered(first.stderr) == 0, "\(first.stderr)")
        #expect((answered(second.stderr) ?? 0) > 20, "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".dcplan") }.count == 1)
        #expect(!second.stderr.contains("warning"), "\(second.stderr)")
        // The first read its services ahead; the second reads none: every plan comes from the cache.
        #expect(first.stderr.contains("model: 6 of 6 services read, 6 of them ahead"), "\(first.stderr)")
        #expect(second.stderr.contains("model: 0 of 6 services read"), "\(second.stderr)")
    }

    /// A model file's index is kept beside the plans: the second run neither scans the file nor
    /// reads a service, and a file touched since is scanned again, with the same results.
    @Test func aModelFilesIndexIsKeptBesideThePlans() throws {
        let folder = try Fixtures.temporaryDirectory()
        let model = folder + "/model.json", cache = folder + "/plans"
        let parse = try Run.docconform(["parse", Self.data, "--no-docs", "--quiet", "-o", model], in: Fixtures.repositoryRoot)
        #expect(parse.status == 0, "\(parse.stderr)")
        let (plain, plainOut) = try validate(model, cache: nil)
        let (first, firstOut) = try validate(model, cache: cache)
        let (second, secondOut) = try validate(model, cache: cache)
        #expect(firstOut == plainOut && secondOut == plainOut && second.status == plain.status)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".dcindex") }.count == 1)
        #expect(!first.stderr.contains("warning") && !second.stderr.contains("warning"), "\(second.stderr)")
        #expect(second.stderr.contains("model: 0 of 6 services read"), "\(second.stderr)")
        let later = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: model)
        let (third, thirdOut) = try validate(model, cache: cache)
        #expect(thirdOut == plainOut && third.status == plain.status)
        #expect(!third.stderr.contains("warning"), "\(third.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".dcindex") }.count == 1)
    }

    /// A `--plan-cache` naming a regular file, not a folder: nothing is kept, which warnings say,
    /// and the results are those of a run without it.
    @Test func aCacheFolderThatIsAFileIsSaidAndChangesNothing() throws {
        let folder = try Fixtures.temporaryDirectory()
        let model = folder + "/model.json", notAFolder = folder + "/plans"
        let parse = try Run.docconform(["parse", Self.data, "--no-docs", "--quiet", "-o", model], in: Fixtures.repositoryRoot)
        #expect(parse.status == 0, "\(parse.stderr)")
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: notAFolder))
        let (plain, plainOut) = try validate(model, cache: nil)
        let (run, out) = try validate(model, cache: notAFolder)
        #expect(out == plainOut && run.status == plain.status)
        #expect(run.stderr.contains("model index not kept: cannot make its folder"), "\(run.stderr)")
        #expect(run.stderr.contains("plan cache not written: cannot make its folder"), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "warning").count == 3, "one warning for each file not kept: \(run.stderr)")
        #expect(try String(contentsOfFile: notAFolder, encoding: .utf8) == "not a folder")
    }

    /// A cache that holds some of the plans: the services of the others are read as their records
    /// come (none ahead), the results are those of a run without the cache, and the file then
    /// holds them all.
    @Test func servicesTheCacheLacksAreReadWhenTheirRecordsCome() throws {
        let cache = try Fixtures.temporaryDirectory() + "/plans"
        let out = try Fixtures.temporaryDirectory() + "/results.json"
        let first = try Run.docconform(["validate", "--model", Self.data, "docs-corpus/fixtures/payloads/paths.jsonl", "--format", "json",
                                        "-o", out, "--stats", "--plan-cache", cache], in: Fixtures.repositoryRoot)
        #expect(first.stderr.contains("model: 1 of 6 services read"), "\(first.stderr)")
        let (plain, plainOut) = try validate(Self.data, cache: nil)
        let (second, secondOut) = try validate(Self.data, cache: cache)
        #expect(secondOut == plainOut && second.status == plain.status)
        // appstream's other operations too: every service is read, none ahead.
        #expect(second.stderr.contains("model: 6 of 6 services read, 0 of them ahead"), "\(second.stderr)")
        let (third, thirdOut) = try validate(Self.data, cache: cache)
        #expect(thirdOut == plainOut)
        #expect(third.stderr.contains("model: 0 of 6 services read"), "\(third.stderr)")
    }

    @Test func aDamagedCacheFileIsAWarningAndTheRunGoesOn() throws {
        let cache = try Fixtures.temporaryDirectory() + "/plans"
        let (first, firstOut) = try validate(Self.data, cache: cache)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { $0.hasSuffix(".dcplan") })
        var bytes = try Fixtures.bytes(atPath: cache + "/" + file)
        bytes[bytes.count / 3] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: cache + "/" + file))
        let (second, secondOut) = try validate(Self.data, cache: cache)
        #expect(second.status == first.status)
        #expect(secondOut == firstOut)
        #expect(second.stderr.contains("plan cache ignored: checksum mismatch"), "\(second.stderr)")
        #expect(answered(second.stderr) == 0)
        // Written back whole by the run that refused it.
        let (third, thirdOut) = try validate(Self.data, cache: cache)
        #expect(thirdOut == firstOut)
        #expect((answered(third.stderr) ?? 0) > 0 && !third.stderr.contains("warning"), "\(third.stderr)")
    }

    @Test func aModelParsedFromPagesIsNotCached() throws {
        let cache = try Fixtures.temporaryDirectory() + "/plans"
        let pages = "docs-corpus/fixtures/boto3-rst"
        let out = try Fixtures.temporaryDirectory() + "/results.json"
        let run = try Run.docconform(["validate", "--model", pages, "docs-corpus/fixtures/payloads/paths.jsonl", "--format", "json", "-o", out,
                                      "--plan-cache", cache], in: Fixtures.repositoryRoot)
        #expect(run.status == 1 || run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("--plan-cache: the model is not read from model or botocore files alone"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cache))
    }
}
