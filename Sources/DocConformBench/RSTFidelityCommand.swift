import APIModel
import ArgumentParser
import DocIngest
import Foundation

struct RSTFidelityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rst-fidelity",
        abstract: "Compare boto3 RST pages with the botocore model they were generated from, in what the pages can state.",
        shouldDisplay: false
    )

    @Argument(help: "boto3 RST pages (files or folders of <service>/client/<method>.rst).")
    var pages: [String]

    @Option(parsing: .upToNextOption, help: "The botocore data folder (or service-2.json files) of the same release.")
    var botocore: [String]

    @Option(help: "How many mismatching operations to list.")
    var list = 20

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let started = Date()
        let parsed = Ingest.load(paths: pages)
        let parseSeconds = Date().timeIntervalSince(started)
        Console.report(parsed.log, quiet: console.quiet)
        let reference = Ingest.load(paths: botocore)
        guard parsed.anyInputUsable, reference.anyInputUsable else { throw ExitCode(2) }
        let report = RSTFidelity.compare(pages: parsed.model, reference: reference.model)
        for m in report.mismatches.prefix(list) { print("mismatch: \(m.service).\(m.operation): \(m.detail)") }
        if report.mismatches.count > list { print("... \(report.mismatches.count - list) more mismatches") }
        for name in report.notInReference.prefix(list) { print("not in the botocore model: \(name)") }
        for name in report.missingPages.prefix(list) { print("no page for: \(name)") }
        let warnings = parsed.log.warningCount + parsed.log.errorCount
        print(String(format: "pages: %d files, %d operations (%d partial), parsed in %.2f s, %d diagnostics",
                     parsed.filesRead, report.operations, report.partial, parseSeconds, warnings))
        print("botocore services without pages: \(report.servicesWithoutPages.count); operations without a page: \(report.missingPages.count) (+\(report.undocumentedByBoto3.count) with request event streams, which boto3 does not document); page operations not in botocore: \(report.notInReference.count)")
        print(String(format: "fidelity: %d / %d complete operations match (%.2f%%)", report.matched, report.complete, report.percentage))
        if !report.mismatches.isEmpty || !report.notInReference.isEmpty || !report.missingPages.isEmpty { throw ExitCode(1) }
    }
}

/// Parser throughput without disk and model writing: reads every page into memory first, then
/// times the boto3 RST parser alone (parallel across pages).
struct RSTBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rst-bench",
        abstract: "Time the boto3 RST parser alone on pages held in memory.",
        shouldDisplay: false
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
