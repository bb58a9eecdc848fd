import APIModel
import Conformance

/// Results written as they come, in the forms `docconform validate` writes: `text` (each
/// invalid record's block), `json` (`docconform.results/1`, closed when the stream ends) or
/// `jsonl` (`docconform.result-lines/1`: a header line, one result a line, a summary line).
/// Every exchange's results reach the output before the next exchange is read.
public final class ResultStream {
    public enum Format: String, Sendable, CaseIterable { case text, json, jsonl }

    private let format: Format
    private let output: OutputFile
    private let json: ResultsJSON.Writer

    public init(format: Format, output: OutputFile) {
        self.format = format
        self.output = output
        json = ResultsJSON.Writer(layout: format == .jsonl ? .lines : .array)
        switch format {
        case .json: output.write(ResultsJSON.header())
        case .jsonl: output.write(ResultsJSON.linesHeader())
        case .text: break
        }
    }

    /// Writes the results of one exchange and hands them to the output at once.
    public func write(_ results: [RecordResult]) {
        switch format {
        case .json, .jsonl:
            for r in results { json.add(r) }
            json.drain { output.write(UnsafeRawBufferPointer($0)) }
        case .text:
            // Each invalid record's block as it comes, as `validate -` writes a stream.
            let blocks = results.flatMap(ResultsText.recordBlock)
            if !blocks.isEmpty { output.write(blocks) }
        }
    }

    /// The closing summary, then the output is committed (a file appears only now, whole).
    public func finish(summary: PayloadFiles.Summary, exchanges: Int, plan: ValidationPlan?) throws(OutputFile.Failure) {
        let unsupported = plan?.unsupportedPatterns ?? []
        let gaveUp = plan?.patternsGivenUp ?? []
        switch format {
        case .json: output.write(ResultsJSON.footer(summary: summary, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .jsonl: output.write(ResultsJSON.linesFooter(summary: summary, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp))
        case .text:
            // validate's footer, its first line counting exchanges instead of files.
            let footer = ResultsText.footer(summary: summary, byCode: summary.issuesByCode, unsupportedPatterns: unsupported, patternsGivenUp: gaveUp)
            let firstLineEnd = footer.dropFirst().firstIndex(of: 0x0A) ?? footer.endIndex
            output.write(Array("\n\(summary.records) records in \(exchanges) exchanges: \(summary.records - summary.invalid) valid, \(summary.invalid) invalid".utf8) + footer[firstLineEnd...])
        }
        try output.commit()
    }

    public func abandon() { output.abandon() }
}
