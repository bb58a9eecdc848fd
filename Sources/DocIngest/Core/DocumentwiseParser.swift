import APIModel

/// A parser whose documents are each read alone, then added one by one, in document order, to
/// the model. `Ingest` reads such a document in the task that read its bytes (so the bytes
/// are freed at once) and adds the readings of one batch of files while the next is read.
protocol DocumentwiseParser: FormatParser {
    associatedtype Assembly: DocumentAssembly
    func read(_ document: SourceDocument, options: IngestOptions) -> (Assembly.Reading, DiagnosticLog)
    func assembly(options: IngestOptions) -> Assembly
}

/// The model of a documentwise parser's readings, built as they come.
protocol DocumentAssembly {
    associatedtype Reading: Sendable
    /// Adds the next document's reading (whose own diagnostics the caller has appended to `log`).
    mutating func add(_ reading: Reading, log: inout DiagnosticLog)
    var model: Model { get }
}

extension DocumentwiseParser {
    /// `FormatParser.parse` for documents already in memory: read in parallel, then assembled.
    func parseEach(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        var assembly = assembly(options: options)
        for (reading, readingLog) in documents.parallelMap({ read($0, options: options) }) {
            log.append(contentsOf: readingLog)
            assembly.add(reading, log: &log)
        }
        return assembly.model
    }

    /// `read` for a caller that holds parsers of several formats (`Ingest`).
    func readAny(_ document: SourceDocument, options: IngestOptions) -> (any Sendable, DiagnosticLog) {
        let (reading, log) = read(document, options: options)
        return (reading, log)
    }

    func anyAssembly(options: IngestOptions) -> any DocumentAssembly { assembly(options: options) }
}

extension DocumentAssembly {
    /// `add` of a reading made by its parser's `readAny`.
    mutating func addAny(_ reading: any Sendable, log: inout DiagnosticLog) {
        add(reading as! Reading, log: &log)
    }
}
