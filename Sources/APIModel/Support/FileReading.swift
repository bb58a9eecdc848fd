import Foundation

public struct FileReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

public enum FileReading {
    /// The file's bytes, or an error that says why it could not be read.
    public static func bytes(atPath path: String) throws(FileReadError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw FileReadError(path: path, reason: exists ? "cannot open file (permission denied?)" : "no such file")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw FileReadError(path: path, reason: "read failed: \(error.localizedDescription)")
        }
    }

    /// The file's bytes, gunzipped when the content is gzip.
    public static func bytesDecompressing(atPath path: String) throws(FileReadError) -> [UInt8] {
        let raw = try bytes(atPath: path)
        guard Gzip.isGzip(raw) else { return raw }
        do { return try Gzip.decompress(raw) } catch { throw FileReadError(path: path, reason: error.description) }
    }
}
