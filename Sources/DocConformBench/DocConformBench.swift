import APIModel
import ArgumentParser
import Foundation

/// Measurements for the benchmark and fidelity scripts (`scripts/bench/`, `scripts/ci/`): not
/// part of the user's `docconform` commands, whose interface `../shared/spec/cli.md` fixes.
@main
struct DocConformBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docconform-bench",
        abstract: "Measure docconform's readers: boto3 RST fidelity against botocore, RST and AWS API Reference parse speed.",
        subcommands: [RSTFidelityCommand.self, RSTBenchCommand.self, BenchReferenceCommand.self]
    )
}

/// Diagnostics on standard error, as `docconform` prints them.
enum BenchConsole {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ log: DiagnosticLog, quiet: Bool) {
        for line in log.standardErrorLines(quiet: quiet) { printError(line) }
    }
}
