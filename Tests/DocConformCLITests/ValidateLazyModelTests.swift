import Foundation
import Testing
import TestSupport

/// `validate` against a botocore data folder or a model file reads only the services records
/// name, and its results are those of the model loaded whole.
@Suite struct ValidateLazyModelTests {
    static let data = "docs-corpus/fixtures/botocore-1.43.11/data"
    static let payloads = ["docs-corpus/fixtures/payloads/labelled-sample.jsonl", "docs-corpus/fixtures/payloads/paths.jsonl"]

    private func validate(_ model: [String], _ payloads: [String], _ extra: [String] = []) throws -> (ProcessRun, [UInt8]) {
        let out = try Fixtures.temporaryDirectory() + "/results.json"
        let run = try Run.docconform(["validate"] + model.flatMap { ["--model", $0] } + payloads + ["--format", "json", "-o", out] + extra,
                                     in: Fixtures.repositoryRoot)
        return (run, try Fixtures.bytes(atPath: out))
    }

    @Test func resultsEqualThoseOfTheWholeModel() throws {
        let dir = try Fixtures.temporaryDirectory()
        let modelFile = dir + "/model.json"
        let parse = try Run.docconform(["parse", Self.data, "-o", modelFile, "--quiet"], in: Fixtures.repositoryRoot)
        #expect(parse.status == 0, "\(parse.stderr)")
        // A README beside the data makes the sources a mix: the model is loaded whole.
        let mixed = dir + "/mixed"
        try FileManager.default.createDirectory(atPath: mixed, withIntermediateDirectories: true)
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: mixed + "/README.md"))
        let (whole, wholeOut) = try validate([Self.data, mixed], Self.payloads)
        #expect(whole.status == 1)
        let (folder, folderOut) = try validate([Self.data], Self.payloads, ["--stats"])
        let (file, fileOut) = try validate([modelFile], Self.payloads, ["--stats"])
        #expect(folder.status == 1 && file.status == 1)
        #expect(folderOut == wholeOut)
        #expect(fileOut == wholeOut)
        #expect(folder.stderr.contains("model: 6 of 6 services read"), "\(folder.stderr)")
    }

    @Test func oneServiceOfSixIsReadForItsRecords() throws {
        let (run, _) = try validate([Self.data], ["docs-corpus/fixtures/payloads/appstream.DescribeImageBuilders_1.json"], ["--stats"])
        #expect(run.status == 0 || run.status == 1)
        #expect(run.stderr.contains("model: 1 of 6 services read"), "\(run.stderr)")
    }

    @Test func aBrokenServiceIsReportedWhenARecordNeedsIt() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Data(#"{"service":"notjson","operation":"X","direction":"request","payload":{}}"#.utf8 + [0x0A])
            .write(to: URL(fileURLWithPath: dir + "/r.jsonl"))
        let (run, bytes) = try validate([Fixtures.path("bad-botocore")], [dir + "/r.jsonl"])
        // A model that could not be read where a record needed it is an input error.
        #expect(run.status == 2)
        #expect(run.stderr.contains("notjson/2020-01-01/service-2.json"), "\(run.stderr)")
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"service \"notjson\" is not in the model"#))
    }
}
