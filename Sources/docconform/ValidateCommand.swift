import APIModel
import ArgumentParser
import Conformance
import DocIngest
import Foundation
import Reports

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate payload records (.json, .jsonl, placebo recordings, folders) against a model.",
        discussion: """
        Exit status: 0 every payload valid, 1 some payload invalid, 2 usage or input error \
        (unreadable model, unreadable payload file, no payloads readable).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit, sarif }
    enum PatternMatch: String, ExpressibleByArgument, CaseIterable { case search, full }

    @Option(name: .long, help: "A model JSON file, or documents to parse into the model (repeatable).")
    var model: [String]

    @Argument(help: "Payload files (.json, .jsonl, placebo recordings) or folders of them.")
    var payloads: [String]

    @Option(help: "Output format: text, json (docconform.results/1), junit, sarif.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the results here instead of standard output.")
    var output: String?

    @Option(help: "search: a pattern must match somewhere in the value (Smithy semantics); full: the whole value.")
    var patternMatch: PatternMatch = .search

    @Flag(help: "Count a value whose pattern check reached its work bound as valid instead of as an 'unchecked' issue (such values are still listed in the summary).")
    var allowUnchecked = false

    @Flag(help: "Print record counts and validation throughput on standard error.")
    var stats = false

    @Flag(help: "No progress or summary on standard error.")
    var quiet = false

    func run() throws {
        let model = try ModelSource.load(model, quiet: quiet)
        let plan = ValidationPlan(model: model, wholeValuePatterns: patternMatch == .full, allowUnchecked: allowUnchecked)
        let files = PayloadFiles(validator: RecordValidator(plan: plan))
        let sink = try OutputStream(path: output)
        var collected: [RecordResult] = []
        if format == .json { sink.write(ResultsJSON.header()) }
        let start = DispatchTime.now()
        let cpuStart = Self.threadCPUSeconds()
        let jsonWriter = ResultsJSON.Writer()
        let textWriter = ResultsText.Writer()
        let format = self.format  // read once: the option wrapper's getter is slow per record
        files.run(paths: payloads) { r in
            switch format {
            case .json:
                jsonWriter.add(r)
                if jsonWriter.pendingCount >= 1 << 20 { jsonWriter.drain { sink.write($0) } }
            case .text:
                if !r.valid { sink.append { textWriter.append(r, to: &$0) } }
            case .junit, .sarif:
                collected.append(r)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let cpuSeconds = Self.threadCPUSeconds() - cpuStart
        let summary = files.summary
        let unsupported = plan.unsupportedPatterns
        let gaveUp = plan.patternsGivenUp
        jsonWriter.drain { sink.write($0) }
        switch format {
        case .json: sink.write(ResultsJSON.footer(summary: summary, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .text: sink.write(ResultsText.footer(summary: summary, byCode: summary.issuesByCode, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .junit: sink.write(JUnitWriter.xml(suites: JUnitValidationResults.suites(collected), name: "docconform validate"))
        case .sarif: sink.write(SARIFWriter.log(rules: SARIFValidationResults.rules, results: SARIFValidationResults.results(collected)))
        }
        try sink.finish()
        Console.report(summary.log, quiet: quiet)
        if !quiet && format != .text {
            for u in unsupported { Console.printError("warning: unsupported pattern on \(u.shape), not checked: \(u.pattern) (\(u.reason))") }
            for g in gaveUp { Console.printError("warning: pattern not checked on \(g.values) value(s), work bound reached: \(g.pattern)") }
        }
        if stats {
            let mb = Double(summary.bytes) / 1e6
            // CPU time of this thread: on a shared machine, wall time also counts other processes.
            // Compiling each operation's plan on first use is part of the run; shown apart too,
            // since other validators' figures exclude compiling their schemas.
            let validating = max(cpuSeconds - plan.compileSeconds, 1e-9)
            Console.printError(String(format: "validate: %d records, %.1f MB in %.3f s CPU (%.3f s wall): %.1f MB/s, %.0f records/s; %d invalid; plans compiled on first use: %.3f s CPU; without it %.1f MB/s, %.0f records/s",
                                      summary.records, mb, cpuSeconds, seconds, mb / max(cpuSeconds, 1e-9),
                                      Double(summary.records) / max(cpuSeconds, 1e-9), summary.invalid,
                                      plan.compileSeconds, mb / validating, Double(summary.records) / validating))
        }
        if summary.unreadable > 0 || summary.log.errorCount > 0 { throw ExitCode(2) }
        if summary.records == 0 {
            Console.printError("docconform: error: no payload records found")
            throw ExitCode(2)
        }
        if summary.invalid > 0 { throw ExitCode(1) }
    }
}

extension ValidateCommand {
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// `--model SRC...`: a docconform model file or any documents `parse` reads.
enum ModelSource {
    static func load(_ paths: [String], quiet: Bool) throws -> Model {
        guard !paths.isEmpty else {
            Console.printError("docconform: error: --model is required")
            throw ExitCode(2)
        }
        let result = Ingest.load(paths: paths, progress: Progress.reporter(label: "model files", quiet: quiet))
        if result.log.errorCount > 0 || !result.anyInputUsable { Console.report(result.log, quiet: quiet) }
        guard result.anyInputUsable, !result.model.services.isEmpty else {
            Console.printError("docconform: error: no usable model in \(paths.joined(separator: ", "))")
            throw ExitCode(2)
        }
        ProcessLifetime.keep(result.model)
        return result.model
    }
}

/// The results output (`OutputFile`), buffered in 1 MB blocks.
final class OutputStream {
    private let file: OutputFile
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        do {
            file = try OutputFile.open(path)
        } catch {
            Console.printError("\(error.path): error: cannot write output: \(error.reason)")
            throw ExitCode(2)
        }
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Large blocks go to the file without passing through the buffer.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 1 << 16 else { buffer.append(contentsOf: bytes); return }
        flush()
        file.write(UnsafeRawBufferPointer(bytes))
    }

    private func flush() {
        file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        flush()
        do {
            try file.commit()
        } catch {
            Console.printError("\(error.path): error: cannot write output: \(error.reason)")
            throw ExitCode(2)
        }
    }
}
