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
        let (fd, size) = try openRegularFile(path, limit: limit)
        defer { close(fd) }
        var failure: Int32 = 0
        let bytes = [UInt8](writingUpTo: size + 1) { buffer, filled in
            guard let base = buffer.baseAddress else { return }
            (filled, failure) = readAll(fd, into: UnsafeMutableRawPointer(base), capacity: buffer.count)
        }
        try checkRead(path, filled: bytes.count, size: size, failure: failure)
        return bytes
    }

    /// `bytes`, in memory aligned to 16 bytes (tables of any element read in place), which the
    /// caller deallocates.
    public static func alignedBytes(atPath path: String, limit: Int = maximumBytes) throws(FileReadError) -> UnsafeMutableRawBufferPointer {
        let (fd, size) = try openRegularFile(path, limit: limit)
        defer { close(fd) }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: size + 1, alignment: 16)
        let (filled, failure) = readAll(fd, into: memory, capacity: size + 1)
        do throws(FileReadError) { try checkRead(path, filled: filled, size: size, failure: failure) } catch {
            memory.deallocate()
            throw error
        }
        return UnsafeMutableRawBufferPointer(start: memory, count: filled)
    }

    /// The first `count` bytes of a regular file (fewer when it is shorter), with the file's size.
    public static func head(atPath path: String, count: Int) throws(FileReadError) -> (bytes: [UInt8], fileSize: Int) {
        let (fd, size) = try openRegularFile(path, limit: .max)
        defer { close(fd) }
        var failure: Int32 = 0
        let bytes = [UInt8](writingUpTo: min(count, size)) { buffer, filled in
            guard let base = buffer.baseAddress else { return }
            (filled, failure) = readAll(fd, into: UnsafeMutableRawPointer(base), capacity: buffer.count)
        }
        try checkRead(path, filled: bytes.count, size: size, failure: failure)
        return (bytes, size)
    }

    /// The open file and its size: a regular file no larger than `limit`.
    private static func openRegularFile(_ path: String, limit: Int) throws(FileReadError) -> (fd: Int32, size: Int) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        let fd = FileSystemPath.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(path: path, reason: openFailure(errno)) }
        var info = stat()
        var refusal: String?
        if fstat(fd, &info) != 0 {
            refusal = "cannot stat file: \(lastError())"
        } else if let kind = specialKind(info.st_mode) {
            refusal = "not a regular file (\(kind)): not read"
        } else if Int(info.st_size) > limit {
            refusal = tooLarge(Int(info.st_size), limit: limit)
        }
        if let refusal {
            close(fd)
            throw FileReadError(path: path, reason: refusal)
        }
        return (fd, Int(info.st_size))
    }

    /// Reads until end of file or `capacity` bytes: (bytes read, errno of a failed read or 0).
    /// Sized from fstat with one more byte asked for, a file that grew meanwhile is noticed.
    private static func readAll(_ fd: Int32, into base: UnsafeMutableRawPointer, capacity: Int) -> (Int, Int32) {
        var filled = 0
        while filled < capacity {
            let n = read(fd, base + filled, capacity - filled)
            if n < 0 { if errno == EINTR { continue }; return (filled, errno) }
            if n == 0 { break }
            filled += n
        }
        return (filled, 0)
    }

    private static func checkRead(_ path: String, filled: Int, size: Int, failure: Int32) throws(FileReadError) {
        if failure != 0 { throw FileReadError(path: path, reason: "read failed: \(String(cString: strerror(failure)))") }
        if filled > size { throw FileReadError(path: path, reason: "the file changed while it was read") }
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
