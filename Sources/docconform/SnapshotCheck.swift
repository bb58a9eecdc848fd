import APIModel
import DocIngest
import Foundation

/// Decides whether a loaded snapshot is complete enough to compare. A document that could
/// not be read would show up as removed operations or members, so `diff` refuses (status 2)
/// when a side has an error, a recognized document that yielded nothing, or a page that
/// ends early. Quirks a parser works around (warnings on a page that still parsed) and
/// stray files of unknown formats do not stop it.
enum SnapshotCheck {
    static func problems(in result: Ingest.Result) -> [String] {
        var problems: [String] = []
        if result.log.errorCount > 0 { problems.append("\(result.log.errorCount) error(s) while reading") }
        var used = Set<String>()
        for service in result.model.services.values {
            for op in service.operations.values { used.formUnion(op.sources) }
        }
        var unusable = Set<String>(), truncated = Set<String>()
        for d in result.log.diagnostics where d.severity == .warning {
            if d.endsEarly { truncated.insert(d.file) }
            if !used.contains(d.file) && !d.documentUsed && isParseableDocument(d.file) { unusable.insert(d.file) }
        }
        if !unusable.isEmpty { problems.append("\(unusable.count) document(s) could not be read") }
        if !truncated.isEmpty { problems.append("\(truncated.count) document(s) end early (truncated?)") }
        return problems
    }

    /// A file of a format docconform has a parser for (not a stray README or companion file).
    private static func isParseableDocument(_ path: String) -> Bool {
        guard let bytes = try? FileReading.bytes(atPath: path) else { return false }
        let head = Gzip.isGzip(bytes) ? Array((try? Gzip.decompress(bytes))?.prefix(16_384) ?? []) : Array(bytes.prefix(16_384))
        guard case let .format(format) = FormatDetector.detect(path: path, head: head) else { return false }
        return FormatRegistry.parser(for: format) != nil
    }
}
