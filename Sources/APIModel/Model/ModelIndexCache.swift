#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A model file's index (`ModelFileIndex`) kept in a cache folder between runs (`validate
/// --plan-cache DIR`): a run whose model file is the one indexed (the same absolute path,
/// device, inode, size, modification and change times) takes the index instead of scanning the
/// whole file (all of botocore as one model file is 113 MB: ~60 ms, most of a warm run of a few
/// records). The index is written after a scan during which the file did not change. An index
/// of another state of the file is passed over in silence (the file is scanned and the index
/// written again); a damaged one, or one that cannot be written, with a warning.
enum ModelIndexCache {
    static let magic = Array("DCINDEX\u{0}\u{1}".utf8)
    /// Index files a folder keeps: those of the model files used last.
    static let keep = 8

    /// The index file of the model file at `model` in `folder` (one per model file path).
    static func file(for model: String, in folder: String) -> String {
        CacheFolder.path(in: folder, prefix: "index-", key: CacheFolder.absolutePath(model), suffix: ".dcindex")
    }

    /// The model file's services as its kept index has them, with its stamp now; nil when there
    /// is no index of the file as it is (or a damaged one: a warning in `log`).
    static func read(model: String, folder: String, log: inout DiagnosticLog) -> (services: [ModelFileScanner.Found], stamp: ModelFileIndex.Stamp)? {
        let path = file(for: model, in: folder)
        if access(path, F_OK) != 0 { return nil }
        // One look at the model file: for the index's identity and for the stamp its reads check.
        let absolute = CacheFolder.absolutePath(model)
        var st = stat()
        guard stat(absolute, &st) == 0 else { return nil }
        let identity = CacheFolder.stamp(absolute: absolute, st, changeTime: true)
        let bytes: [UInt8]
        do throws(FileReadError) { bytes = try FileReading.bytes(atPath: path) } catch {
            log.warning(path, "model index ignored: \(error.reason); the model file is scanned")
            return nil
        }
        let decoded = bytes.withUnsafeBytes { raw in
            Result { () throws(ByteDecodingError) in try decode(raw, identity: identity, fileSize: Int(st.st_size)) }
        }
        switch decoded {
        case let .success(services?):
            CacheFolder.markUsed(path)
            return (services, ModelFileIndex.Stamp(st))
        case .success(nil):
            return nil
        case let .failure(error):
            log.warning(path, "model index ignored: \(error.reason); the model file is scanned")
            return nil
        }
    }

    /// The services the index holds, or nil when it is the index of another state of the file.
    private static func decode(_ bytes: UnsafeRawBufferPointer, identity: String, fileSize: Int) throws(ByteDecodingError) -> [ModelFileScanner.Found]? {
        var r = try ByteReader.checked(bytes, magic: magic, kind: "model index")
        guard try r.string() == identity else { return nil }
        var services: [ModelFileScanner.Found] = []
        for _ in 0..<(try r.count()) {
            var entry = ServiceEntry(name: try r.string())
            func optional() throws(ByteDecodingError) -> String? { try r.int() == 0 ? nil : try r.string() }
            entry.title = try optional()
            entry.apiVersion = try optional()
            entry.protocolName = try optional()
            entry.endpointPrefix = try optional()
            entry.signingName = try optional()
            entry.serviceId = try optional()
            let start = try r.int(), end = try r.int()
            guard !entry.name.isEmpty, start >= 0, start < end, end <= fileSize else {
                throw ByteDecodingError(reason: "a service's byte range is outside the model file")
            }
            services.append(.init(entry: entry, start: start, end: end))
        }
        guard r.atEnd else { throw ByteDecodingError(reason: "bytes after the services") }
        return services
    }

    /// Keeps the index of the model file as it was identified before its scan (`identity`),
    /// unless the file changed during the scan.
    static func write(_ services: [ModelFileScanner.Found], model: String, identity: String, folder: String, log: inout DiagnosticLog) {
        guard CacheFolder.stamp(model, changeTime: true) == identity else { return }
        var out = ByteWriter()
        out.bytes(magic)
        out.string(identity)
        out.int(services.count)
        for found in services {
            let e = found.entry
            out.string(e.name)
            for field in [e.title, e.apiVersion, e.protocolName, e.endpointPrefix, e.signingName, e.serviceId] {
                if let field { out.int(1); out.string(field) } else { out.int(0) }
            }
            out.int(found.start)
            out.int(found.end)
        }
        out.finish()
        let path = file(for: model, in: folder)
        if let reason = CacheFolder.write(out.buffer, to: path) {
            log.warning(path, "model index not kept: \(reason)")
            return
        }
        CacheFolder.prune(folder, prefix: "index-", suffix: ".dcindex", keep: keep)
    }
}
