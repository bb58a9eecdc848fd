#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What the cache files of a folder (`validate --plan-cache DIR`: compiled plans, model file
/// indexes) share: how a file they depend on is named in a key, and how the folder is kept small.
public enum CacheFolder {
    /// A file's absolute path and identity (the file a link leads to): device, inode, size,
    /// modification time and, with `changeTime`, change time; a file that cannot be found is
    /// stamped as such. One `stat` per file: a botocore data folder is ~1,750 files (resolving
    /// each path's links as well took ~20 ms).
    public static func stamp(_ path: String, in directory: String = FileManager.default.currentDirectoryPath, changeTime: Bool) -> String {
        let absolute = absolutePath(path, in: directory)
        var st = stat()
        guard stat(absolute, &st) == 0 else { return absolute + " (missing)" }
        return stamp(absolute: absolute, st, changeTime: changeTime)
    }

    /// The stamp of a file whose status the caller has already read (`st`, of `absolute`).
    public static func stamp(absolute: String, _ st: stat, changeTime: Bool) -> String {
        var stamp = "\(absolute) \(st.st_dev) \(st.st_ino) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        if changeTime { stamp += " \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)" }
        return stamp
    }

    /// `path` made absolute against `directory` (the working directory by default), as keys name files.
    public static func absolutePath(_ path: String, in directory: String = FileManager.default.currentDirectoryPath) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }

    /// The path in `directory` of the cache file `prefix<hash of key><suffix>`.
    public static func path(in directory: String, prefix: String, key: String, suffix: String) -> String {
        let h = key.withUTF8InPlace { ByteChecksum.of(UnsafeRawBufferPointer($0)) }
        return (directory as NSString).appendingPathComponent(prefix + String(h, radix: 16) + suffix)
    }

    /// Writes a cache file (under a temporary name, renamed into place), making its folder
    /// first; nil, or why it was not written. `OutputFile` writes into an existing FIFO or device
    /// in place (a FIFO without a reader would block the run): a cache file is a regular file or
    /// nothing.
    public static func write(_ bytes: [UInt8], to path: String) -> String? {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            return "cannot make its folder (\(error.localizedDescription))"
        }
        var st = stat()
        if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG { return "not a regular file" }
        do throws(OutputFile.Failure) { try OutputFile.write([bytes], to: path) } catch { return error.reason }
        return nil
    }

    /// Marks a cache file as used now (its modification time), for `prune`.
    public static func markUsed(_ path: String) { _ = utimes(path, nil) }

    /// Removes the folder's `prefix*suffix` files beyond the `keep` used last (another run may be
    /// reading one: it has it open, and a removed file stays readable to it).
    public static func prune(_ directory: String, prefix: String, suffix: String, keep: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        var files: [(path: String, used: Double)] = []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            let file = (directory as NSString).appendingPathComponent(name)
            var st = stat()
            guard stat(file, &st) == 0 else { continue }
            files.append((file, Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9))
        }
        for old in files.sorted(by: { $0.used > $1.used }).dropFirst(keep) { unlink(old.path) }
    }
}
