import APIModel

/// A parser whose documents are each read alone, then assembled into one model. `Ingest`
/// reads such a document in the same task that read its bytes, so the bytes are freed as soon
/// as they are read instead of all being held until every file is in.
protocol DocumentwiseParser: FormatParser {
    associatedtype Reading: Sendable
    func read(_ document: SourceDocument, options: IngestOptions) -> (Reading, DiagnosticLog)
    /// The model of the readings, in document order; their diagnostics are appended in that order.
    func assemble(_ readings: [(Reading, DiagnosticLog)], options: IngestOptions, log: inout DiagnosticLog) -> Model
}

extension DocumentwiseParser {
    /// `FormatParser.parse` for documents already in memory: read in parallel, then assembled.
    func parseEach(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        assemble(documents.parallelMap { read($0, options: options) }, options: options, log: &log)
    }

    /// `read` for a caller that holds parsers of several formats (`Ingest`).
    func readAny(_ document: SourceDocument, options: IngestOptions) -> (any Sendable, DiagnosticLog) {
        let (reading, log) = read(document, options: options)
        return (reading, log)
    }

    /// `assemble` of readings made by this parser's `readAny`.
    func assembleAny(_ readings: [(any Sendable, DiagnosticLog)], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        assemble(readings.map { ($0.0 as! Reading, $0.1) }, options: options, log: &log)
    }
}
