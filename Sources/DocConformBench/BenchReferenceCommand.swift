import ArgumentParser
import DocIngest
import Foundation

struct BenchReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-reference",
        abstract: "Measure AWS API Reference page parsing speed (one core, per rendering) and print MB/s."
    )

    @Argument(help: "Files or folders of reference pages.")
    var paths: [String]

    @Option(help: "Service key for pages that name none.")
    var service: String?

    @Option(help: "Runs per rendering; the best is reported.")
    var runs = 3

    func run() throws {
        let figures = ReferenceBenchmark.measure(paths: paths, service: service, runs: runs)
        guard !figures.isEmpty else {
            BenchConsole.printError("docconform-bench: no AWS API Reference pages found")
            throw ExitCode(2)
        }
        print("rendering                 files       MB    ops  read MB/s  read+model MB/s  (one core, CPU time)")
        for f in figures {
            let name = f.rendering.padding(toLength: 24, withPad: " ", startingAt: 0)
            print(name + String(format: " %6d %8.2f %6d %10.1f %16.1f", f.files, Double(f.bytes) / 1e6, f.operations, f.readMBps, f.totalMBps))
        }
    }
}
