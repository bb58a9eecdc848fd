import APIModel
import ArgumentParser
import Differ
import Foundation
import Reports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The main job on a docs corpus: parse every snapshot, validate the payloads, diff consecutive snapshots, write a browsable report.",
        discussion: """
        CORPUS holds snapshots/<name>/ (documents of one doc snapshot, any formats; names in version \
        order) and payloads/<set>/ (recorded payloads). Writes index.html (self-contained), junit.xml, \
        results.sarif, changes.md and model.json (the newest snapshot's model) to the output folder. \
        Exit status: 0 all fine; 1 a payload is invalid, or a change at or above --fail-on exists; \
        2 an input could not be read (the report is still written and shows the problem) or a usage error.
        """
    )

    @Option(help: "The corpus folder.")
    var corpus = "docs-corpus"

    @Option(name: .shortAndLong, help: "The output folder.")
    var output = "reports"

    @Option(help: "Also exit with status 1 (and fail the JUnit case) for changes at or above this level: breaking, dangerous or any.")
    var failOn: FailOnLevel?

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let threshold = failOn?.severity
        let report = ReportBuilder(progress: progress()).build(corpus: corpus)
        let failures = ReportFiles.write(report, to: output, failOn: threshold)
        for (path, reason) in failures { Console.printError("\(path): error: cannot write: \(reason)") }
        if !console.quiet {
            for d in report.allDiagnostics.prefix(50) { Console.printError(d.description) }
            if report.allDiagnostics.count > 50 { Console.printError("... \(report.allDiagnostics.count - 50) more diagnostics in \(output)/index.html") }
            let v = report.validation
            let changes = report.allChanges
            // Where the page is, only when it was written.
            let destination = failures.isEmpty ? "-> \(output)/index.html" : "some report files not written (see the errors above)"
            Console.printError(String(format: "docconform report: %d snapshot(s), %d services, %d operations; payloads %d pass, %d fail; changes %d breaking, %d dangerous, %d other; %d error(s), %d warning(s); %.1f s %@",
                                      report.snapshots.count, report.newest?.model.services.count ?? 0, report.newest?.model.operationCount ?? 0,
                                      v.valid, v.invalid, changes.filter { $0.severity == .breaking }.count,
                                      changes.filter { $0.severity == .dangerous }.count, changes.filter { $0.severity == .info }.count,
                                      report.errorCount, report.warningCount, report.seconds, destination))
            if failures.isEmpty && !report.incompleteness.isEmpty {
                Console.printError("docconform report: the report is incomplete: \(report.incompleteness.joined(separator: "; "))")
            }
        }
        if !failures.isEmpty { throw ExitCode(2) }
        let status = report.exitStatus(failOn: threshold)
        if status != 0 { throw ExitCode(status) }
    }

    /// One terminal progress line per stage (a snapshot's files, the payload files).
    private func progress() -> ReportBuilder.Progress? {
        var label = ""
        var reporter: ((Int, Int) -> Void)?
        guard Progress.reporter(label: "", quiet: console.quiet) != nil else { return nil }
        return { stage, done, total in
            if stage != label {
                label = stage
                reporter = Progress.reporter(label: stage, quiet: console.quiet)
            }
            reporter?(done, total)
        }
    }
}
