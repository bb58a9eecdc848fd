import APIModel
import Dispatch

/// The ingest pipeline: list files → read each through `DocumentIntake` (read, gunzip,
/// normalise, detect; a documentwise parser's document is parsed right there) → parse per format → check nesting → merge the partial models (most
/// precise source first) into one model, with every diagnostic.
public enum Ingest {
    public struct Result: Sendable {
        public var model: Model
        public var log: DiagnosticLog
        /// Files read, per detected format.
        public var filesByFormat: [DocumentFormat: Int] = [:]
        public var filesRead = 0
        public var filesUnreadable = 0
        /// The documents handed to a format's reader, by path.
        public var documents: [String: DocumentFormat] = [:]
        /// docconform model files read without an error (an empty model is still a model).
        var cleanModelFiles = 0

        /// Something was read: an operation, or a docconform model file (which may hold none).
        /// The one rule for every format: nothing readable is an input error.
        public var anyInputUsable: Bool { model.operationCount > 0 || cleanModelFiles > 0 }

        /// Why this snapshot is not safe to compare, empty when it is: a document that could
        /// not be read would show up as removed operations or members. An error while reading,
        /// a recognized document that yielded nothing but warnings, or a document that ends
        /// early (`Diagnostic.endsEarly`) each stop a comparison; quirks a reader works around
        /// (warnings on a document that still yielded its operations) and stray files of
        /// unknown formats do not.
        public var incompleteness: [String] {
            var problems: [String] = []
            if log.errorCount > 0 { problems.append("\(log.errorCount) error(s) while reading") }
            var used = Set<String>()
            for service in model.services.values {
                for op in service.operations.values { used.formUnion(op.sources) }
            }
            var unusable = Set<String>(), truncated = Set<String>()
            for d in log.diagnostics where d.severity == .warning {
                if d.endsEarly { truncated.insert(d.file) }
                if documents[d.file] != nil && !used.contains(d.file) && !d.documentUsed { unusable.insert(d.file) }
            }
            if !unusable.isEmpty { problems.append("\(unusable.count) document(s) could not be read") }
            if !truncated.isEmpty { problems.append("\(truncated.count) document(s) end early (truncated?)") }
            return problems
        }
    }

    public static func load(paths: [String], options: IngestOptions = IngestOptions(),
                            progress: ((Int, Int) -> Void)? = nil) -> Result {
        let listing = CorpusWalker.list(paths)
        var log = listing.log
        var byFormat: [DocumentFormat: [SourceDocument]] = [:]
        // Documents of a documentwise parser, read as soon as their bytes were in and added
        // to their format's model while the next batch of files is read.
        let assembling = BackgroundAssembly(options: options)
        var result = Result(model: Model(), log: DiagnosticLog())
        // Files are read and classified in parallel, in batches so progress can be shown.
        let batchSize = 1024
        for start in stride(from: 0, to: listing.files.count, by: batchSize) {
            progress?(start, listing.files.count)
            let batch = Array(listing.files[start..<min(start + batchSize, listing.files.count)])
            var readings: [(DocumentFormat, any Sendable, DiagnosticLog)] = []
            for (path, intake) in zip(batch, batch.parallelMap { Intake.take($0, options: options) }) {
                switch intake {
                case let .read(format, reading, readingLog):
                    result.filesRead += 1
                    readings.append((format, reading, readingLog))
                    result.filesByFormat[format, default: 0] += 1
                    result.documents[path] = format
                case let .document(format, bytes):
                    result.filesRead += 1
                    byFormat[format, default: []].append(SourceDocument(path: path, bytes: bytes))
                    result.filesByFormat[format, default: 0] += 1
                    result.documents[path] = format
                case let .companion(kind):
                    log.count("botocore companion files skipped (\(kind))")
                case let .unknown(reason):
                    result.filesRead += 1
                    log.warning(path, "skipped: \(reason)")
                case let .unreadable(reason):
                    result.filesRead += 1
                    result.filesUnreadable += 1
                    log.error(path, reason)
                }
            }
            assembling.add(readings)
        }
        let assembled = assembling.finish()
        progress?(max(listing.files.count - 1, 0), listing.files.count)
        // Most precise first, so merge conflicts keep its facts.
        let formats = Set(byFormat.keys).union(assembled.keys)
            .sorted { ($0.precision, $0.rawValue) > ($1.precision, $1.rawValue) }
        var merger = ModelMerger(strict: options.strict)
        var merged: ModelMerger.Side?
        for format in formats {
            let documents = byFormat[format] ?? []
            let parser = FormatRegistry.parser(for: format)
            let diagnosticsBefore = log.diagnostics.count
            var partial: Model
            if let (model, assemblyLog) = assembled[format] {
                log.append(contentsOf: assemblyLog)
                partial = model
            } else {
                partial = parser.parse(documents, options: options, log: &log)
            }
            if format == .modelJSON {
                // The model reader has checked its files' nesting and refs already.
                let failed = Set(log.diagnostics[diagnosticsBefore...].filter { $0.severity == .error }.map(\.file))
                result.cleanModelFiles += documents.filter { !failed.contains($0.path) }.count
            } else {
                // Every walk over these trees recurses per level: nothing deeper than the limit goes on.
                ShapeNesting.enforce(&partial, log: &log)
            }
            let side = ModelMerger.Side(model: partial, label: format.rawValue, view: format.view, precision: format.precision)
            merged = merged.map { merger.merge($0, side) } ?? side
        }
        log.append(contentsOf: merger.log)
        result.model = merged?.model ?? Model()
        if formats.count > 1 {
            // Merging joins `shapes` tables of several sources: check what refs now reach.
            ShapeNesting.enforce(&result.model, log: &log)
        }
        result.model.sortByName()
        result.log = log
        return result
    }
}

/// What reading one file gave: `DocumentIntake`'s outcome, or, for a document whose parser
/// reads documents one by one, that reading (the bytes are dropped once read).
private enum Intake: Sendable {
    case read(DocumentFormat, any Sendable, DiagnosticLog)
    case document(DocumentFormat, [UInt8])
    case companion(String)
    case unknown(String)
    case unreadable(String)

    static func take(_ path: String, options: IngestOptions) -> Intake {
        switch DocumentIntake.read(path) {
        case let .document(format, bytes):
            guard let parser = FormatRegistry.parser(for: format) as? any DocumentwiseParser else { return .document(format, bytes) }
            let (reading, log) = parser.readAny(SourceDocument(path: path, bytes: bytes), options: options)
            return .read(format, reading, log)
        case let .companion(kind): return .companion(kind)
        case let .unknown(reason): return .unknown(reason)
        case let .unreadable(reason): return .unreadable(reason)
        }
    }
}

/// The models of documentwise formats, built on a serial queue beside the reading: each
/// batch's readings are added in file order while the next batch is read.
private final class BackgroundAssembly: @unchecked Sendable {
    private let queue = DispatchQueue(label: "docconform.ingest.assembly")
    private let options: IngestOptions
    // Touched only on `queue` until `finish`.
    private var assemblies: [DocumentFormat: any DocumentAssembly] = [:]
    private var logs: [DocumentFormat: DiagnosticLog] = [:]

    init(options: IngestOptions) { self.options = options }

    func add(_ readings: [(DocumentFormat, any Sendable, DiagnosticLog)]) {
        guard !readings.isEmpty else { return }
        queue.async { [self] in
            for (format, reading, readingLog) in readings {
                if assemblies[format] == nil, let parser = FormatRegistry.parser(for: format) as? any DocumentwiseParser {
                    assemblies[format] = parser.anyAssembly(options: options)
                }
                logs[format, default: DiagnosticLog()].append(contentsOf: readingLog)
                assemblies[format]?.addAny(reading, log: &logs[format, default: DiagnosticLog()])
            }
        }
    }

    /// Each format's model and diagnostics, once every batch added so far is in.
    func finish() -> [DocumentFormat: (Model, DiagnosticLog)] {
        queue.sync {
            var models: [DocumentFormat: (Model, DiagnosticLog)] = [:]
            for (format, assembly) in assemblies { models[format] = (assembly.model, logs[format] ?? DiagnosticLog()) }
            return models
        }
    }
}
