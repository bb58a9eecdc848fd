import APIModel
import Foundation

/// botocore `service-2.json(.gz)` files: the service key is the data folder name
/// (`.../data/<service>/<version>/service-2.json`), which is the boto3 client name.
public struct BotocoreFormatParser: FormatParser {
    public init() {}

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        let results = documents.parallelMap { document -> (Service?, DiagnosticLog) in
            var local = DiagnosticLog()
            let service = Self.importDocument(document, options: options, includeDocumentation: true, log: &local)
            return (service, local)
        }
        var model = Model()
        for (service, local) in results {
            log.append(contentsOf: local)
            guard let service else { continue }
            if model.services[service.name] != nil {
                log.warning(service.operations.values.first?.sources.first ?? service.name,
                            "service \(service.name) given twice; the later file replaces the earlier")
            }
            model.services[service.name] = service
        }
        return model
    }

    /// Descriptions are kept in a parse even without `--no-docs`' output: merges pair members by
    /// them. Only a model read for validation (`BotocoreFolderIndex`) goes without.
    static func importDocument(_ document: SourceDocument, options: IngestOptions, includeDocumentation: Bool,
                               log: inout DiagnosticLog) -> Service? {
        var bytes = document.bytes
        if Gzip.isGzip(bytes) {
            do { bytes = try Gzip.decompress(bytes) } catch {
                log.error(document.path, error.description)
                return nil
            }
        }
        let extrasPath = (document.path as NSString).deletingLastPathComponent + "/service-2.sdk-extras.json"
        let extras = FileManager.default.fileExists(atPath: extrasPath) ? try? FileReading.bytes(atPath: extrasPath) : nil
        let name = options.serviceName ?? serviceName(for: document.path)
        return BotocoreImporter.importService(serviceName: name, bytes: bytes, extras: extras, source: document.path,
                                              includeDocumentation: includeDocumentation, log: &log)
    }

    /// The data folder name: the parent of the API-version folder, or the file's folder.
    static func serviceName(for path: String) -> String {
        let parts = path.split(separator: "/").map(String.init)
        if parts.count >= 3, CorpusWalker.isAPIVersion(Substring(parts[parts.count - 2])) { return parts[parts.count - 3] }
        if parts.count >= 2 { return parts[parts.count - 2] }
        let stem = path.split(separator: ".").first.map(String.init) ?? path
        return stem
    }
}

/// docconform model files, read back as they were written.
public struct ModelFileParser: FormatParser {
    public init() {}

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        var merged = Model()
        for document in documents {
            do {
                var bytes = document.bytes
                if Gzip.isGzip(bytes) {
                    do { bytes = try Gzip.decompress(bytes) } catch {
                        log.error(document.path, error.description)
                        continue
                    }
                }
                let model = try ModelReader.read(bytes)
                for (k, v) in model.services { merged.services[k] = v }
            } catch {
                log.error(document.path, line: error.line, error.message)
            }
        }
        return merged
    }
}
