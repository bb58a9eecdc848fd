import APIModel
import ArgumentParser
import DocIngest
import Foundation

/// Parser throughput without disk and model writing: reads every page into memory first, then
/// times the boto3 RST parser alone (parallel across pages).
struct RSTBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rst-bench",
        abstract: "Time the boto3 RST parser alone on pages held in memory."
    )

    @Argument(help: "Folders or files of boto3 RST pages.")
    var pages: [String]

    @Option(help: "Timed runs.")
    var runs = 3

    func run() throws {
        let files = CorpusWalker.list(pages).files.filter { $0.hasSuffix(".rst") }
        let documents = files.parallelMap { path -> SourceDocument in
            guard case let .document(_, bytes) = DocumentIntake.read(path) else { return SourceDocument(path: path, bytes: []) }
            return SourceDocument(path: path, bytes: bytes)
        }
        let bytes = documents.reduce(0) { $0 + $1.bytes.count }
        print(String(format: "pages in memory: %d files, %.1f MB", documents.count, Double(bytes) / 1e6))
        for run in 1...max(1, runs) {
            var log = DiagnosticLog()
            let started = Date()
            let model = Boto3RSTParser(includeDocumentation: true).parse(documents, options: IngestOptions(), log: &log)
            let seconds = Date().timeIntervalSince(started)
            print(String(format: "run %d: %d operations in %.2f s, %.1f MB/s, %d diagnostics", run, model.operationCount, seconds,
                         Double(bytes) / 1e6 / seconds, log.diagnostics.count))
        }
    }
}
