import APIModel
import ArgumentParser
import Differ
import DocIngest
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two models or doc snapshots and list the API changes (docconform.diff/1 with --format json).",
        discussion: """
        OLD and NEW are docconform model files, documentation folders or botocore data folders; \
        both are read with the same pipeline. Exit status: 0 no failing changes, 1 changes at or above \
        --fail-on remain after --ignore, 2 usage or input error (nothing is written then).
        """
    )

    @Argument(help: "The old model, document folder or botocore data folder.")
    var old: String

    @Argument(help: "The new model, document folder or botocore data folder.")
    var new: String

    @Option(help: "Output format: text, json, markdown or changelog.")
    var format = DiffFormat.text

    @Option(help: "Exit with status 1 when a change at or above this level remains: breaking, dangerous or any.")
    var failOn: FailOnLevel?

    @Option(help: "File of accepted changes (KIND SERVICE OPERATION PATH lines with * wildcards, or a docconform.diff/1 baseline).")
    var ignore: String?

    @Option(name: .shortAndLong, help: "Write the result here instead of standard output.")
    var output: String?

    @Option(help: "Compare only what this documentation view can state (full, boto3, boto3-rst, boto3-html, aws-reference, ...; several joined by + for what a merge of them states).")
    var asSeenBy: String?

    @Option(help: "Service key for sources that name no boto3 client (AWS reference pages).")
    var service: String?

    @Flag(help: "Leave the changelog-style type summary out of member-added changes in JSON.")
    var noSummaries = false

    @OptionGroup var console: ConsoleOptions

    @Flag(help: .hidden)
    var timings = false

    func run() throws {
        let threshold = failOn?.severity
        var views: [FormatView]?
        if let name = asSeenBy {
            guard let named = FormatView.parse(name) else {
                throw inputError("unknown --as-seen-by view \"\(name)\": expected one of \(FormatView.named.keys.sorted().joined(separator: ", ")), or several joined by '+'")
            }
            // Shape names identify recursive structures on the walk; they are never reported.
            views = named.map { var view = $0; view.shapeNames = true; return view }
        }
        var ignoreList = IgnoreList()
        if let ignore {
            var log = DiagnosticLog()
            do {
                let bytes = try FileReading.bytes(atPath: ignore)
                ignoreList = try IgnoreList(parsing: bytes, source: ignore, log: &log)
            } catch let error as FileReadError {
                throw inputError("\(error.path): error: cannot read ignore file: \(error.reason)")
            } catch let error as DiffReadError {
                throw inputError("\(ignore):\(error.line ?? 1): error: \(error.message)")
            }
            Console.report(log, quiet: console.quiet)
        }

        let clock = ContinuousClock()
        let loadStart = clock.now
        var oldModel = try load(old)
        var newModel = ServiceIdentity.aligned(try load(new), to: oldModel)
        if let views {
            oldModel = oldModel.projected(onto: views)
            newModel = newModel.projected(onto: views)
            if views.contains(where: \.wireNames) { newModel = NameAlignment.align(newModel, to: oldModel) }
        }
        let loaded = clock.now
        let cpuBefore = processCPUSeconds()
        let all = ModelDiffer(includeSummaries: !noSummaries).diff(oldModel, newModel)
        let diffCPU = processCPUSeconds() - cpuBefore
        let diffed = clock.now
        for name in ModelDiffer.partiallyCompared(oldModel, newModel) {
            Console.printError("\(name): warning: shown only in part by one side (a section its source did not render); members missing there are not reported as added or removed")
        }
        let changes = ignoreList.filter(all)
        let bytes = format.renderer.render(changes, old: old, new: new)
        let rendered = clock.now
        try Output.write(bytes, to: output)

        if timings {
            Console.printError(String(format: "timings: load+project %.3fs, diff %.3fs (%.3fs CPU, %d changes), ignore+render %.3fs",
                                      seconds(loaded - loadStart), seconds(diffed - loaded), diffCPU, all.count, seconds(rendered - diffed)))
        }
        if !console.quiet {
            let accepted = all.count - changes.count
            let breaking = changes.filter { $0.severity == .breaking }.count
            let dangerous = changes.filter { $0.severity == .dangerous }.count
            Console.printError("docconform: \(changes.count) changes (\(breaking) breaking, \(dangerous) dangerous)"
                + (accepted > 0 ? ", \(accepted) accepted by \(ignore ?? "the ignore file")" : ""))
        }
        if let threshold, changes.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }

    /// Reads one side; a snapshot with a document that could not be read (see
    /// `Ingest.Result.incompleteness`) would show up as removals, so it stops the run with status 2.
    private func load(_ path: String) throws -> Model {
        let result = Ingest.load(paths: [path], options: IngestOptions(serviceName: service),
                                 progress: Progress.reporter(label: "files", quiet: console.quiet))
        Console.report(result.log, quiet: console.quiet)
        let problems = result.incompleteness
        if !problems.isEmpty {
            throw inputError("\(path): error: \(problems.joined(separator: ", ")); not comparing a partial snapshot")
        }
        if result.model.services.isEmpty {
            throw inputError("\(path): error: no API model found (no service could be read)")
        }
        ProcessLifetime.keep(result.model)
        return result.model
    }

    /// Prints the message, removes a stale output file (so nothing looks like this run's
    /// result) and exits with status 2.
    private func inputError(_ message: String) -> ExitCode {
        Console.printError(message.contains(": error: ") ? message : "docconform diff: error: \(message)")
        if let output, output != "-", FileManager.default.fileExists(atPath: output) {
            try? FileManager.default.removeItem(atPath: output)
        }
        return ExitCode(2)
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
