import APIModel
import Foundation

/// Parse speed of reference pages on one core (thread CPU time), per rendering: files are read into memory
/// first (not timed), then read into sections and entries, then interpreted into the model.
/// Writing the model is not part of it (its cost grows with the expanded model, not the pages).
public enum ReferenceBenchmark {
    public struct Figures: Sendable {
        public var rendering: String
        public var files: Int
        public var bytes: Int
        /// Best of the runs, in seconds.
        public var readSeconds: Double
        public var totalSeconds: Double
        public var operations: Int

        public var readMBps: Double { Double(bytes) / 1e6 / readSeconds }
        public var totalMBps: Double { Double(bytes) / 1e6 / totalSeconds }
    }

    public static func measure(paths: [String], service: String?, runs: Int) -> [Figures] {
        var groups: [(DocumentFormat, ReferenceFormatParser.Rendering)] = [
            (.awsReferenceHTML, .html), (.awsReferenceText, .text), (.awsReferenceMarkdown, .markdown),
        ]
        var documents: [DocumentFormat: [SourceDocument]] = [:]
        for path in CorpusWalker.list(paths).files {
            guard case let .document(format, bytes) = DocumentIntake.read(path) else { continue }
            documents[format, default: []].append(SourceDocument(path: path, bytes: bytes))
        }
        groups = groups.filter { documents[$0.0] != nil }
        let options = IngestOptions(serviceName: service)
        return groups.map { format, rendering in
            let docs = documents[format]!
            var best = (read: Double.infinity, total: Double.infinity)
            var operations = 0
            for _ in 0..<max(1, runs) {
                let start = threadCPUSeconds()
                var log = DiagnosticLog()
                let pages = docs.map { ReferenceFormatParser.read($0, rendering: rendering, log: &log) }
                let read = threadCPUSeconds()
                let model = ReferenceFormatParser.interpret(pages, options: options, log: &log)
                let end = threadCPUSeconds()
                // Freeing the pages, the log and the model is no part of parsing: keep them past the clock.
                withExtendedLifetime((pages, log, model)) {}
                operations = model.operationCount
                best.read = min(best.read, read - start)
                best.total = min(best.total, end - start)
            }
            return Figures(rendering: format.rawValue, files: docs.count, bytes: docs.reduce(0) { $0 + $1.bytes.count },
                           readSeconds: best.read, totalSeconds: best.total, operations: operations)
        }
    }
}
