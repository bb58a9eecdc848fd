import APIModel
import Foundation

extension Ingest {
    /// The sources as a catalog whose services are read on first use, for commands that touch
    /// a few services of a large model (`validate`): botocore data folders and files (told by
    /// their names alone) and docconform model files are indexed, not read. Any other input
    /// (documentation pages, a mix, a path that cannot be listed, a model file off the plain
    /// format) gives nil, and the caller loads the sources whole with `load`, which reports
    /// what is wrong with them.
    public static func lazyCatalog(paths: [String], includeDocumentation: Bool = false) -> ServiceCatalog? {
        var ignored = DiagnosticLog()
        return lazyCatalog(paths: paths, includeDocumentation: includeDocumentation, indexCache: nil, log: &ignored)
    }

    /// The same, with model files' indexes kept in `indexCache` (`ModelIndexCache`: a model
    /// file unchanged since is not scanned again); what that cache says goes to `log`.
    public static func lazyCatalog(paths: [String], includeDocumentation: Bool = false, indexCache: String?, log: inout DiagnosticLog) -> ServiceCatalog? {
        guard !paths.isEmpty else { return nil }
        if let files = modelFiles(paths) {
            var indexes: [ServiceIndex] = []
            for file in files {
                guard let index = ModelFileIndex.index(path: file, includeDocumentation: includeDocumentation,
                                                       cacheFolder: indexCache, log: &log) else { return nil }
                indexes.append(index)
            }
            return nonEmpty(ServiceCatalog(indexes: indexes))
        }
        let listing = CorpusWalker.list(paths)
        guard listing.log.diagnostics.isEmpty,
              let index = BotocoreFolderIndex.index(files: listing.files, includeDocumentation: includeDocumentation) else { return nil }
        return nonEmpty(ServiceCatalog(indexes: [index]))
    }

    private static func nonEmpty(_ catalog: ServiceCatalog) -> ServiceCatalog? { catalog.entries.isEmpty ? nil : catalog }

    /// The paths when every one is a file whose head says it is a docconform model file.
    private static func modelFiles(_ paths: [String]) -> [String]? {
        for path in paths {
            // Regular files only (`FileReading.head`): a FIFO or device would block or be read up front.
            guard path.hasSuffix(".json"), let head = try? FileReading.head(atPath: path, count: 16_384).bytes,
                  FormatDetector.detect(path: path, head: head) == .format(.modelJSON) else { return nil }
        }
        return paths
    }
}
