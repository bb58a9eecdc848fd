#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands command-line paths into the regular files to read, the one walker every command
/// uses (documents and payloads alike):
/// - a folder is walked recursively with `readdir` (a page corpus has tens of thousands of files,
///   and FileManager's enumerator costs a stat per entry); hidden entries are skipped; the files
///   found under each given folder come back sorted by path;
/// - only regular files are listed: a FIFO would block a read forever and a device such as
///   `/dev/zero` never ends; what is skipped is said (a warning in a folder, an error when named);
/// - links are followed, and a folder reached a second time (a link loop, or a link to a folder
///   already read) is read once;
/// - names that are not valid UTF-8 are kept losslessly (`FileSystemPath`).
public enum FileTree {
    public struct Listing: Sendable {
        public var files: [String] = []
        public var log = DiagnosticLog()
        public init() {}
    }

    /// - Parameter include: which file names found inside folders to list (files named on the
    ///   command line are always listed).
    public static func list(_ paths: [String], include: (String) -> Bool = { _ in true }) -> Listing {
        var listing = Listing()
        for path in paths {
            guard let info = FileSystemPath.status(path) else {
                listing.log.error(path, errno == ENOENT ? "no such file or folder" : "cannot read: \(String(cString: strerror(errno)))")
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var found: [String] = []
                walk(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path, include: include, into: &found, log: &listing.log)
                found.sort()
                listing.files.append(contentsOf: found)
            } else if let kind = FileReading.specialKind(info.st_mode) {
                listing.log.error(path, "not a regular file (\(kind)): not read")
            } else {
                listing.files.append(path)
            }
        }
        return listing
    }

    private struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Every regular file below `root`, iteratively (folder depth costs no call stack).
    private static func walk(_ root: String, include: (String) -> Bool, into files: inout [String], log: inout DiagnosticLog) {
        var visited = Set<FolderID>()
        var pending = [root]
        while let folder = pending.popLast() {
            guard let dir = FileSystemPath.withPlatformPath(folder, { opendir($0) }) else {
                log.error(folder, "cannot read folder: \(String(cString: strerror(errno)))")
                continue
            }
            defer { closedir(dir) }
            // The open folder's identity (a stat by path looked the path up a second time: a
            // folder of recordings is thousands of folders of one file each).
            var info = stat()
            guard fstat(dirfd(dir), &info) == 0 else { continue }
            guard visited.insert(FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
                log.warning(folder, "skipped: a link to a folder already read (a link loop?)")
                continue
            }
            var subfolders: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    let length = strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), bytes.count)
                    return FileSystemPath.string(fromBytes: UnsafeBufferPointer(rebasing: bytes[0..<length]))
                }
                if name.hasPrefix(".") { continue }
                let full = folder + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): subfolders.append(full)
                case Int32(DT_REG): if include(name) { files.append(full) }
                default:
                    // Links and file systems without d_type: ask stat (which follows links).
                    guard let target = FileSystemPath.status(full) else {
                        if include(name) { log.error(full, "cannot read: \(String(cString: strerror(errno)))") }
                        continue
                    }
                    if target.st_mode & S_IFMT == S_IFDIR {
                        subfolders.append(full)
                    } else if let kind = FileReading.specialKind(target.st_mode) {
                        log.warning(full, "skipped: not a regular file (\(kind))")
                    } else if include(name) {
                        files.append(full)
                    }
                }
            }
            // Reversed onto the stack, so folders are read in name order (files are sorted anyway).
            pending.append(contentsOf: subfolders.sorted().reversed())
        }
    }
}
