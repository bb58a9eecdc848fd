import APIModel
import ChangeRecords

/// The changes a set of changelog pages state, oldest day first: a folder of pages becomes
/// a machine-readable change history.
public enum ChangelogHistory {
    public struct Result: Sendable {
        public var pages: [ChangelogPage] = []
        public var log = DiagnosticLog()
        public var filesUnreadable = 0
        /// Files that were no changelog page (reported and skipped).
        public var filesSkipped = 0

        /// Every page's changes, oldest page first.
        public var changes: [Change] { pages.flatMap(\.changes) }
        /// The span of days the pages cover, for the renderers' labels.
        public var firstDate: String? { pages.compactMap(\.date).min() }
        public var lastDate: String? { pages.compactMap(\.date).max() }
    }

    public static func load(paths: [String], options: IngestOptions = IngestOptions()) -> Result {
        let listing = CorpusWalker.list(paths)
        var result = Result()
        result.log = listing.log
        var documents: [SourceDocument] = []
        for path in listing.files {
            switch DocumentIntake.read(path) {
            case let .document(.changelogText, bytes):
                documents.append(SourceDocument(path: path, bytes: bytes))
            case let .unreadable(reason):
                result.log.error(path, reason)
                result.filesUnreadable += 1
            default:
                result.log.warning(path, "skipped: not a changelog page (no 'YYYY/MM/DD - Service - N updated api methods' heading)")
                result.filesSkipped += 1
            }
        }
        let reader = ChangelogReader(includeDocumentation: false)
        let pages = documents.parallelMap { document -> (ChangelogPage, DiagnosticLog) in
            var local = DiagnosticLog()
            return (reader.read(document, options: options, log: &local), local)
        }
        for (page, local) in pages.enumerated().sorted(by: { ($0.element.0.date ?? "", $0.offset) < ($1.element.0.date ?? "", $1.offset) }).map(\.element) {
            result.log.append(contentsOf: local)
            result.pages.append(page)
        }
        return result
    }
}
