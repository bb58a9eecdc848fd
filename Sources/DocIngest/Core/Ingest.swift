import APIModel
import Foundation

/// The ingest pipeline: list files → detect each format → parse per format → merge the
/// partial models (most precise source first) into one model, with every diagnostic.
public enum Ingest {
    public struct Result: Sendable {
        public var model: Model
        public var log: DiagnosticLog
        /// Files read, per detected format.
        public var filesByFormat: [DocumentFormat: Int] = [:]
        public var filesRead = 0
        public var filesUnreadable = 0
        /// True when at least one input produced part of a model (or was a valid empty input).
        public var anyInputUsable: Bool { filesRead > filesUnreadable && (!model.services.isEmpty || log.errorCount == 0) }
    }

    public static func load(paths: [String], options: IngestOptions = IngestOptions(),
                            progress: ((Int, Int) -> Void)? = nil) -> Result {
        let listing = CorpusWalker.list(paths)
        var log = listing.log
        var byFormat: [DocumentFormat: [SourceDocument]] = [:]
        var result = Result(model: Model(), log: DiagnosticLog())
        // Files are read and classified in parallel, in batches so progress can be shown.
        let batchSize = 1024
        for start in stride(from: 0, to: listing.files.count, by: batchSize) {
            progress?(start, listing.files.count)
            let batch = Array(listing.files[start..<min(start + batchSize, listing.files.count)])
            for (path, outcome) in zip(batch, batch.parallelMap(classify)) {
                switch outcome {
                case let .document(format, bytes):
                    result.filesRead += 1
                    byFormat[format, default: []].append(SourceDocument(path: path, bytes: bytes))
                    result.filesByFormat[format, default: 0] += 1
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
        }
        progress?(max(listing.files.count - 1, 0), listing.files.count)
        // Most precise first, so merge conflicts keep its facts.
        let formats = byFormat.keys.sorted { ($0.precision, $0.rawValue) > ($1.precision, $1.rawValue) }
        var merger = ModelMerger(strict: options.strict)
        var merged: ModelMerger.Side?
        for format in formats {
            let documents = byFormat[format]!
            guard let parser = FormatRegistry.parser(for: format) else {
                for d in documents { log.warning(d.path, "skipped: no parser for \(format.rawValue) yet") }
                continue
            }
            let partial = parser.parse(documents, options: options, log: &log)
            let side = ModelMerger.Side(model: partial, label: format.rawValue, view: format.view, precision: format.precision)
            merged = merged.map { merger.merge($0, side) } ?? side
        }
        log.append(contentsOf: merger.log)
        result.model = merged?.model ?? Model()
        result.model.sortByName()
        result.log = log
        return result
    }

    enum FileOutcome: Sendable {
        case document(DocumentFormat, [UInt8])
        case companion(String)
        case unknown(String)
        case unreadable(String)
    }

    /// Reads one file (unless its name alone says it is a companion) and detects its format.
    @Sendable static func classify(_ path: String) -> FileOutcome {
        if case let .companion(kind)? = FormatDetector.detect(path: path) { return .companion(kind) }
        let bytes: [UInt8]
        do {
            bytes = try FileReading.bytes(atPath: path)
        } catch {
            return .unreadable(error.reason)
        }
        if case let .format(format)? = FormatDetector.detect(path: path) { return .document(format, bytes) }
        let head = Gzip.isGzip(bytes) ? Array((try? Gzip.decompress(bytes))?.prefix(16_384) ?? []) : Array(bytes.prefix(16_384))
        switch FormatDetector.detect(path: path, head: head) {
        case let .format(format): return .document(format, bytes)
        case let .companion(kind): return .companion(kind)
        case let .unknown(reason): return .unknown(reason)
        }
    }
}
