import APIModel
import ArgumentParser
import Conformance
import DocIngest
import Foundation
import Reports
import Wire

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate payload records (.json, .jsonl, placebo recordings, .har captures, folders, - for standard input) against a model.",
        discussion: """
        `-` reads JSON Lines records from standard input, one result per record as it is checked \
        (`--format jsonl` for docconform.result-lines/1, one result a line). \
        Exit status: 0 every payload valid (issues accepted by --ignore/--baseline do not count), \
        1 some payload invalid, 2 usage or input error (unreadable model, unreadable payload file, \
        unreadable or malformed ignore file or baseline, no payloads readable).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl, junit, sarif }
    enum PatternMatch: String, ExpressibleByArgument, CaseIterable { case search, full }

    @Option(name: .long, help: "A model JSON file, or documents to parse into the model (repeatable).")
    var model: [String]

    @Argument(help: "Payload files (.json, .jsonl, placebo recordings, .har HTTP captures) or folders of them; - reads JSON Lines from standard input.")
    var payloads: [String]

    @Option(help: "Output format: text, json (docconform.results/1), jsonl (docconform.result-lines/1: a result a line), junit, sarif.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the results here instead of standard output.")
    var output: String?

    @Option(help: "search: a pattern must match somewhere in the value (Smithy semantics); full: the whole value.")
    var patternMatch: PatternMatch = .search

    @Option(help: "File of accepted issues: CODE SERVICE OPERATION PATH lines with * wildcards (the format of diff --ignore), or a docconform.results/1 baseline.")
    var ignore: String?

    @Option(help: "A previous docconform.results/1 file: its issues are accepted, only new ones make a record invalid.")
    var baseline: String?

    @Flag(help: "Count a value whose pattern check reached its work bound as valid instead of as an 'unchecked' issue (such values are still listed in the summary).")
    var allowUnchecked = false

    @Option(help: "Threads (1 to 1024) that check a large .jsonl file's records, or a folder of .json files (placebo recordings), side by side (default: one per core the process may use); results come out in input order either way.")
    var jobs: Int = usableCoreCount()

    @Option(help: ArgumentHelp("Keep compiled validation plans in this folder between runs: a run of the same model (files unchanged), build and --pattern-match takes them instead of compiling, and a model file's index instead of scanning it; results are the same either way.", valueName: "dir"))
    var planCache: String?

    @Flag(help: "Print record counts and validation throughput, and issue counts by code, service and operation, on standard error.")
    var stats = false

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        // A usage error, said before the model is read.
        guard (1...1024).contains(jobs) else {
            Console.printError("docconform: error: --jobs must be from 1 to 1024")
            throw ExitCode(2)
        }
        var filterLog = DiagnosticLog()
        let filter: IssueFilter
        do {
            filter = try IssueFilter.load(ignore: ignore, baseline: baseline, log: &filterLog)
        } catch {
            Console.printError(error.description)
            throw ExitCode(2)
        }
        Console.report(filterLog, quiet: console.quiet)
        // Listed once: for the services read ahead and for the run.
        var listing = DiagnosticLog()
        let payloadFiles = PayloadFiles.list(payloads, extensions: [HARPayloads.fileExtension], log: &listing)
        var cacheLog = DiagnosticLog()
        // The plan cache's folder also keeps model files' indexes.
        let (catalog, lazy) = try ModelSource.catalog(model, quiet: console.quiet, indexCache: planCache, log: &cacheLog)
        let cache = planCache.flatMap { PlanCache(directory: $0, catalog: catalog, wholeValuePatterns: patternMatch == .full, log: &cacheLog) }
        if lazy { ModelSource.readAhead(catalog, payloadFiles: payloadFiles.files, cache: cache) }
        Console.report(cacheLog, quiet: console.quiet)
        let plan = ValidationPlan(catalog: catalog, wholeValuePatterns: patternMatch == .full, allowUnchecked: allowUnchecked, cache: cache)
        let files = PayloadFiles(validator: RecordValidator(plan: plan), threads: jobs)
        // Its lanes' plans and validators are freed with the process: freed one by one on the
        // way out, they cost a run of 64,000 records ~2 ms after its results were written.
        ProcessLifetime.keep(files)
        files.filter = filter
        files.readers[HARPayloads.fileExtension] = HARPayloads.reader(model: { catalog.model() }, plan: plan)
        let sink = try OutputStream(path: output)
        var collected: [RecordResult] = []
        if format == .json { sink.write(ResultsJSON.header()) }
        if format == .jsonl { sink.write(ResultsJSON.linesHeader()) }
        let start = DispatchTime.now()
        func secondsSinceStart() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        let cpuStart = threadCPUSeconds()
        let jsonWriter = ResultsJSON.Writer(layout: format == .jsonl ? .lines : .array)
        let textGroups = ResultsText.Grouper()
        // Records that arrive over time are reported as they come: grouping would wait for the end.
        let streamed = !payloadFiles.streams.isEmpty
        let format = self.format  // read once: the option wrapper's getter is slow per record
        // Standard input may wait for its producer: what is written so far goes out first.
        files.beforeWaiting = {
            jsonWriter.drain { sink.write($0) }
            sink.flush()
        }
        let rendering: PayloadFiles.Rendering? = switch format {
        case .json, .jsonl: .json(writer: jsonWriter, write: { sink.write($0) })
        case .text: streamed ? nil : .grouped(textGroups)
        case .junit, .sarif: nil
        }
        files.run(files: payloadFiles, listing: listing, rendering: rendering) { r in
            switch format {
            case .json, .jsonl:
                jsonWriter.add(r)
                // Handed on while still in cache (128 KB: above the sink's 64 KB direct-write size).
                if jsonWriter.pendingCount >= 1 << 17 { jsonWriter.drain { sink.write($0) } }
            case .text:
                if streamed { sink.write(ResultsText.recordBlock(r)) } else { textGroups.add(r) }
            case .junit, .sarif:
                collected.append(r)
            }
        }
        // The grouped text is written before the clock stops: it is the text format's share of the work.
        if format == .text { textGroups.render { sink.write($0) } }
        let seconds = secondsSinceStart()
        // Read now: services read after the records (for the facts of a run with cached plans)
        // are not in its time.
        let loadSeconds = catalog.loadSeconds
        // Services read on first use are model loading, which the figures leave out (as they
        // did when the whole model was loaded before the first record).
        let cpuSeconds = threadCPUSeconds() - cpuStart + files.sideBySideCPUSeconds - loadSeconds
        let summary = files.summary
        let unsupported = ValidationPlan.unsupportedPatterns(of: files.plans)
        let gaveUp = ValidationPlan.patternsGivenUp(of: files.plans)
        jsonWriter.drain { sink.write($0) }
        switch format {
        case .json: sink.write(ResultsJSON.footer(summary: summary, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .jsonl: sink.write(ResultsJSON.linesFooter(summary: summary, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .text:
            sink.write(ResultsText.footer(summary: summary, byCode: summary.issuesByCode, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .junit: sink.write(JUnitWriter.xml(suites: JUnitValidationResults.suites(collected), name: "docconform validate"))
        case .sarif: sink.write(SARIFWriter.log(rules: SARIFValidationResults.rules, results: SARIFValidationResults.results(collected)))
        }
        try sink.finish()
        // Up to the output's last byte in place: the summary written and the file committed.
        let committedSeconds = secondsSinceStart()
        // After the results: writing the cache is for the next run.
        if let cache {
            cache.store(files.plans)
            Console.report(cache.takeWarnings(), quiet: console.quiet)
        }
        // Services read on first use report their problems here, as a source read whole does
        // on loading: when something could not be read.
        if catalog.log.errorCount > 0 { Console.report(catalog.log, quiet: console.quiet) }
        Console.report(summary.log, quiet: console.quiet)
        if !console.quiet && format != .text {
            for u in unsupported { Console.printError("warning: unsupported pattern on \(u.shape), not checked: \(u.pattern) (\(u.reason))") }
            for g in gaveUp { Console.printError("warning: pattern not checked on \(g.values) value(s), work bound reached: \(g.pattern)") }
        }
        if stats {
            let mb = Double(summary.bytes) / 1e6
            // CPU time of the run's threads: on a shared machine, wall time also counts other
            // processes. Compiling each operation's plan on first use is part of the run; shown
            // apart too, since other validators' figures exclude compiling their schemas (timed
            // on the monotonic clock: a compile is microseconds, the thread's CPU clock a system
            // call of ~0.5 µs).
            let compileSeconds = files.compileSeconds
            let validating = max(cpuSeconds - compileSeconds, 1e-9)
            // Wall time, services read as records came left out: what the threads gave together.
            let wall = max(seconds - loadSeconds, 1e-9)
            Console.printError(String(format: "validate: %d records, %.1f MB in %.3f s CPU (%.3f s wall): %.1f MB/s, %.0f records/s; %d invalid; plans compiled on first use: %.3f s elapsed; without it %.1f MB/s, %.0f records/s",
                                      summary.records, mb, cpuSeconds, seconds, mb / max(cpuSeconds, 1e-9),
                                      Double(summary.records) / max(cpuSeconds, 1e-9), summary.invalid,
                                      compileSeconds, mb / validating, Double(summary.records) / validating)
                               + String(format: "; model: %d of %d services read, %d of them ahead of their records; %.3f s CPU reading services as records came",
                                        catalog.loadedCount, catalog.entries.count, catalog.prefetchedCount, loadSeconds)
                               + String(format: "; on %d thread%@: %.1f MB/s of wall time, plans compiled on first use included",
                                        jobs, jobs == 1 ? "" : "s", mb / wall)
                               + String(format: "; %.1f MB/s of wall time to the results' summary written and the output committed",
                                        mb / max(committedSeconds - loadSeconds, 1e-9))
                               + (cache == nil ? "" : String(format: "; plan cache: %d operation lookups answered from it, %d compiled",
                                                                files.plans.reduce(0) { $0 + $1.restoredOperationCount },
                                                                files.plans.reduce(0) { $0 + $1.compiledOperations.count })))
            for line in ResultsText.counts(summary) { Console.printError(line) }
        }
        // A model that could not be read where a record needed it is an input error, as a model
        // read whole and refused before the first record is.
        if summary.unreadable > 0 || summary.log.errorCount > 0 || catalog.log.errorCount > 0 { throw ExitCode(2) }
        if summary.records == 0 {
            Console.printError("docconform: error: no payload records found")
            throw ExitCode(2)
        }
        if summary.invalid > 0 { throw ExitCode(1) }
    }
}

/// `--model SRC...`: a docconform model file or any documents `parse` reads.
enum ModelSource {
    /// The sources for validation: botocore data and model files indexed, their services read
    /// when a record first needs them, without descriptions (see `readAhead`); anything else
    /// loaded whole (`lazy` false).
    static func catalog(_ paths: [String], quiet: Bool, indexCache: String?,
                        log: inout DiagnosticLog) throws -> (catalog: ServiceCatalog, lazy: Bool) {
        if let lazy = Ingest.lazyCatalog(paths: paths, indexCache: indexCache, log: &log) {
            ProcessLifetime.keep(lazy)
            return (lazy, true)
        }
        return (ServiceCatalog(model: try load(paths, quiet: quiet)), false)
    }

    /// Reads the services the payload files name ahead, side by side; none when the plan cache
    /// holds plans of this model: they come from its file, and a service it lacks is read when
    /// a record first needs it (and its plans are kept in the file for the next run). Reading
    /// them ahead cost a warm run most of its time, and looking through the payload files for
    /// their names a tenth.
    static func readAhead(_ catalog: ServiceCatalog, payloadFiles: [String], cache: PlanCache?) {
        if cache?.holdsPlans == true { return }
        catalog.prefetch(ServiceHints.names(files: payloadFiles, entries: catalog.entries.values))
    }

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
        guard bytes.count >= 1 << 16 else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { flush() }
            return
        }
        flush()
        file.write(UnsafeRawBufferPointer(bytes))
    }

    func flush() {
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
