#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct FileReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

public enum FileReading {
    /// What one input may cost: a file (or gzip content) larger than this is refused with a
    /// diagnostic instead of being read until memory runs out. 1 GiB unless the environment
    /// variable `DOCCONFORM_MAX_INPUT_BYTES` says otherwise.
    public static let maximumBytes: Int = {
        if let text = getenv("DOCCONFORM_MAX_INPUT_BYTES").map({ String(cString: $0) }), let n = Int(text), n > 0 { return n }
        return 1 << 30
    }()

    /// The file's bytes, or an error that says why it could not be read. Only regular files
    /// are read: a FIFO would block and a device (`/dev/zero`) never ends.
    public static func bytes(atPath path: String, limit: Int = maximumBytes) throws(FileReadError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        let fd = FileSystemPath.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(path: path, reason: openFailure(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, reason: "cannot stat file: \(lastError())") }
        if let kind = specialKind(info.st_mode) {
            throw FileReadError(path: path, reason: "not a regular file (\(kind)): not read")
        }
        guard Int(info.st_size) <= limit else { throw FileReadError(path: path, reason: tooLarge(Int(info.st_size), limit: limit)) }
        // Sized from fstat, one more byte asked for to notice a file that grew meanwhile; only
        // the bytes read are kept (the buffer is not zeroed first).
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size) + 1) { buffer, filled in
            guard let base = buffer.baseAddress else { return }
            while filled < buffer.count {
                let n = read(fd, base + filled, buffer.count - filled)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                if n == 0 { return }
                filled += n
            }
        }
        if failure != 0 { throw FileReadError(path: path, reason: "read failed: \(String(cString: strerror(failure)))") }
        if bytes.count > Int(info.st_size) { throw FileReadError(path: path, reason: "the file changed while it was read") }
        return bytes
    }

    /// The file's bytes, gunzipped when the content is gzip.
    public static func bytesDecompressing(atPath path: String) throws(FileReadError) -> [UInt8] {
        let raw = try bytes(atPath: path)
        guard Gzip.isGzip(raw) else { return raw }
        do { return try Gzip.decompress(raw) } catch { throw FileReadError(path: path, reason: error.description) }
    }

    /// What a file type that is no regular file or folder is called in messages (nil for those two).
    public static func specialKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    public static func tooLarge(_ size: Int, limit: Int) -> String {
        "\(size) bytes, more than the \(limit) bytes one input may have (DOCCONFORM_MAX_INPUT_BYTES): not read"
    }

    static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "cannot open file (permission denied)"
        case ELOOP: return "cannot open file (too many levels of symbolic links)"
        default: return "cannot open file: \(String(cString: strerror(code)))"
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
