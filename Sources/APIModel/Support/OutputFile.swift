import Foundation

/// An output destination written so that a failed run never leaves a file that looks complete:
/// a regular file (or a new path) is written under a temporary name beside it and renamed over
/// it on `commit`. Anything else that already exists (a device such as `/dev/null`, a FIFO, a
/// socket) is written in place: renaming over it would replace the device with a file.
/// A symbolic link is followed, so the link stays and its target is replaced.
/// Every write error is kept and reported by `commit`: output is never lost silently.
public final class OutputFile {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write output: \(reason)" }
    }

    public let path: String
    private let fd: Int32
    private let temporaryPath: String?
    private var failure: String?
    private var finished = false

    /// Standard output for nil or "-"; otherwise the path, as described above.
    public static func open(_ path: String?) throws(Failure) -> OutputFile {
        guard let path, path != "-" else {
            widenPipe(STDOUT_FILENO)
            return OutputFile(path: "<stdout>", fd: STDOUT_FILENO, temporaryPath: nil)
        }
        let target = resolvedTarget(path)
        var st = stat()
        if stat(target, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            let fd = Foundation.open(target, O_WRONLY)
            guard fd >= 0 else { throw Failure(path: path, reason: lastError()) }
            widenPipe(fd)
            return OutputFile(path: path, fd: fd, temporaryPath: nil)
        }
        let temporary = target + ".partial-\(getpid())"
        // Registered before it exists: a run stopped by a signal from here on leaves no partial file.
        let cleanupSlot = SignalCleanup.removeOnSignal(temporary)
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            let reason = lastError()
            if let cleanupSlot { SignalCleanup.forget(cleanupSlot) }
            throw Failure(path: path, reason: reason)
        }
        return OutputFile(path: path, fd: fd, temporaryPath: temporary, cleanupSlot: cleanupSlot)
    }

    /// The temporary file's slot in `SignalCleanup`, let go once it is renamed or removed.
    private let cleanupSlot: Int?

    private init(path: String, fd: Int32, temporaryPath: String?, cleanupSlot: Int? = nil) {
        self.path = path
        self.fd = fd
        self.temporaryPath = temporaryPath
        self.cleanupSlot = cleanupSlot
    }

    deinit { if !finished { abandon() } }

    /// Writes all the bytes (retrying short writes); after the first error, writes are dropped
    /// and `commit` reports it.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = Self.lastError()
                return
            }
            offset += n
        }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Closes the output and, for a temporary file, renames it into place.
    public func commit() throws(Failure) {
        guard !finished else { return }
        finished = true
        if fd != STDOUT_FILENO, close(fd) != 0, failure == nil { failure = Self.lastError() }
        if let temporaryPath {
            if failure == nil, !Self.move(temporaryPath, over: Self.resolvedTarget(path)) { failure = Self.lastError() }
            if failure != nil { unlink(temporaryPath) }
        }
        if let cleanupSlot { SignalCleanup.forget(cleanupSlot) }
        if let failure { throw Failure(path: path, reason: failure) }
    }

    /// Drops the output: a temporary file is removed, the destination is left as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if fd != STDOUT_FILENO { close(fd) }
        if let temporaryPath { unlink(temporaryPath) }
        if let cleanupSlot { SignalCleanup.forget(cleanupSlot) }
    }

    /// Writes the chunks to the path in one go.
    public static func write(_ chunks: [[UInt8]], to path: String?) throws(Failure) {
        try write(to: path) { file in
            for chunk in chunks { file.write(chunk) }
        }
    }

    /// Opens the output, lets `body` write to it, and commits it.
    public static func write(to path: String?, _ body: (OutputFile) -> Void) throws(Failure) {
        let file = try open(path)
        body(file)
        try file.commit()
    }

    /// A pipe's buffer raised to 1 MB (Linux's limit for unprivileged processes): at the default
    /// 64 KB every block of results written waits for the reader to take the block before.
    private static func widenPipe(_ fd: Int32) {
        #if os(Linux)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFIFO else { return }
        _ = fcntl(fd, 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))
        #endif
    }

    /// Puts the finished temporary file at `target`. A regular file there is swapped with it in
    /// one step (readers see the old file or the new one, as with a rename) and then removed:
    /// renamed over, ext4 starts writing the new file back at once (its guard against empty
    /// files after a crash; nothing here asks for more than any write does), and the next run
    /// removing that file while the write was still going waited for it, ~10 ms per 15 MB of
    /// results. Where swapping is not supported, a rename.
    private static func move(_ temporary: String, over target: String) -> Bool {
        #if os(Linux)
        var st = stat()
        if lstat(target, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, let exchange = renameExchange,
           exchange(AT_FDCWD, temporary, AT_FDCWD, target, 2 /* RENAME_EXCHANGE */) == 0 {
            // The temporary name now holds the previous file.
            unlink(temporary)
            return true
        }
        #endif
        return rename(temporary, target) == 0
    }

    #if os(Linux)
    /// glibc's `renameat2` (declared only under _GNU_SOURCE, which the Glibc module leaves out).
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameExchange: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    #endif

    private static func resolvedTarget(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
