import APIModel
import ArgumentParser
import DocIngest
import Foundation

struct RSTFidelityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rst-fidelity",
        abstract: "Compare boto3 RST pages with the botocore model they were generated from, in what the pages can state."
    )

    @Argument(help: "boto3 RST pages (files or folders of <service>/client/<method>.rst).")
    var pages: [String]

    @Option(parsing: .upToNextOption, help: "The botocore data folder (or service-2.json files) of the same release.")
    var botocore: [String]

    @Option(help: "How many mismatching operations to list.")
    var list = 20

    @Flag(help: "No diagnostics summary on standard error.")
    var quiet = false

    func run() throws {
        let started = Date()
        let parsed = Ingest.load(paths: pages)
        let parseSeconds = Date().timeIntervalSince(started)
        BenchConsole.report(parsed.log, quiet: quiet)
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
