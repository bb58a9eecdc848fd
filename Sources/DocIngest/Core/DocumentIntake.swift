import APIModel

/// The one door every input document passes, whichever command reads it (`parse`, `diff`,
/// `validate --model`, `report`, `changes`, the benchmarks): the file is read (regular files
/// only, size-bounded: `FileReading`), its transport encoding normalised (`TransportEncoding`:
/// BOM, UTF-16, line ends; gzip content is looked into, and inflated here when it needs that)
/// and its format detected (`FormatDetector`).
/// One sniff, so all commands agree on what a file is.
public enum DocumentIntake {
    public enum Outcome: Sendable {
        /// A document of a known format, its bytes ready for the format's reader.
        case document(DocumentFormat, [UInt8])
        /// A botocore companion file (paginators, waiters, ...): recognized, not an API model.
        case companion(String)
        /// Readable, but no format docconform knows (the reason says what it looked like).
        case unknown(String)
        /// Could not be read (missing, not a regular file, too large, corrupt gzip, an
        /// encoding docconform does not read).
        case unreadable(String)
    }

    @Sendable public static func read(_ path: String) -> Outcome {
        // Companions are told by their name alone and never read.
        if case let .companion(kind)? = FormatDetector.detect(path: path) { return .companion(kind) }
        var bytes: [UInt8]
        do {
            bytes = try FileReading.bytes(atPath: path)
        } catch {
            return .unreadable(error.reason)
        }
        if Gzip.isGzip(bytes) {
            // Only `.json.gz` is read, and JSON's whitespace includes `\r`: when the content
            // starts as plain UTF-8, the document keeps its compressed bytes and its reader
            // inflates it (holding a whole botocore release inflated at once cost 120 MB).
            guard let head = Gzip.prefix(bytes, count: FormatDetector.headLength) else { return .unreadable("corrupt gzip data") }
            if TransportEncoding.isPlainUTF8(head: head) {
                if case let .format(format)? = FormatDetector.detect(path: path) { return .document(format, bytes) }
                switch FormatDetector.detect(path: path, head: head) {
                case let .format(format): return .document(format, bytes)
                case let .companion(kind): return .companion(kind)
                case let .unknown(reason): return .unknown(reason)
                }
            }
            do { bytes = try Gzip.decompress(bytes) } catch { return .unreadable(error.description) }
        }
        switch TransportEncoding.normalise(bytes) {
        case let .text(text): bytes = text
        case let .unsupported(reason): return .unreadable(reason)
        }
        if case let .format(format)? = FormatDetector.detect(path: path) { return .document(format, bytes) }
        switch FormatDetector.detect(path: path, head: Array(bytes.prefix(FormatDetector.headLength))) {
        case let .format(format): return .document(format, bytes)
        case let .companion(kind): return .companion(kind)
        case let .unknown(reason): return .unknown(reason)
        }
    }
}
