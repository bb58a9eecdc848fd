import APIModel
import Foundation

/// botocore `service-2.json(.gz)` files indexed by their heads: botocore writes a service's
/// `metadata` object first, so its names (endpoint prefix, signing name, service id) are read
/// from the first few kilobytes, inflated only that far. A service is imported when first
/// asked for, without descriptions (a validator needs none).
public enum BotocoreFolderIndex {
    /// How much of a file is read for its metadata (botocore's is under 1 KB).
    static let headBytes = 16 << 10

    /// The index of these files (the newest API version of each service, as `CorpusWalker`
    /// lists them), or nil when one of them is not botocore's by its name.
    public static func index(files: [String], includeDocumentation: Bool) -> ServiceIndex? {
        var models: [String] = []
        for file in files {
            switch FormatDetector.detect(path: file) {
            case .format(.botocoreJSON)?: models.append(file)
            case .companion?: continue
            default: return nil
            }
        }
        guard !models.isEmpty else { return nil }
        var paths: [String: String] = [:]
        var entries: [ServiceEntry] = []
        for file in models {
            let name = BotocoreFormatParser.serviceName(for: file)
            paths[name] = file
            entries.append(entry(name, path: file))
        }
        let sourceFiles = files
        let files = paths
        // Every file listed, companions too: the entries read `sdk-extras` files.
        return ServiceIndex(entries: entries, sourceFiles: sourceFiles) { entry, log in
            guard let path = files[entry.name] else { return nil }
            let bytes: [UInt8]
            do throws(FileReadError) { bytes = try FileReading.bytes(atPath: path) } catch {
                log.error(path, error.reason)
                return nil
            }
            var service = BotocoreFormatParser.importDocument(SourceDocument(path: path, bytes: bytes), options: IngestOptions(),
                                                              includeDocumentation: includeDocumentation, log: &log)
            service?.sortByName()
            return service
        }
    }

    /// The service's names from its file's `metadata` (and its `sdk-extras`, which may add to
    /// them); only the name when the head cannot be read (importing it reports why).
    static func entry(_ name: String, path: String) -> ServiceEntry {
        guard var metadata = metadata(path: path) else { return ServiceEntry(name: name) }
        let extrasPath = (path as NSString).deletingLastPathComponent + "/service-2.sdk-extras.json"
        if FileManager.default.fileExists(atPath: extrasPath), let extras = try? JSONParser.parse(FileReading.bytes(atPath: extrasPath)) {
            metadata = BotocoreMetadata.merged(metadata, extras: extras)
        }
        return BotocoreMetadata.entry(name: name, metadata: metadata)
    }

    /// The `metadata` object: from the file's head when it comes first, else from the whole file.
    static func metadata(path: String) -> JSONValue? {
        guard let raw = try? FileReading.head(atPath: path, count: headBytes).bytes else { return nil }
        // Inflated a little first (botocore's metadata is under 1 KB), more only if needed.
        for limit in Gzip.isGzip(raw) ? [4 << 10, headBytes * 4] : [raw.count] {
            let head = limit == raw.count ? raw : Gzip.prefix(raw, count: limit) ?? []
            if let found = head.withUnsafeBufferPointer({ BotocoreMetadata.leading($0) }) { return found }
        }
        guard let whole = try? FileReading.bytesDecompressing(atPath: path), let root = try? JSONParser.parse(whole) else { return nil }
        return root["metadata"]
    }
}
