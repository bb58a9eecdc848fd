import APIModel
import Foundation

/// Expands the command line's paths into the files to read, in a stable order.
///
/// In a botocore data folder only the newest API version of each service is read; older
/// version folders are counted and skipped.
public struct CorpusWalker {
    public struct Listing: Sendable {
        public var files: [String] = []
        public var log = DiagnosticLog()
    }

    public static func list(_ paths: [String]) -> Listing {
        var listing = Listing()
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                listing.log.error(path, "no such file or folder")
                continue
            }
            if !isDir.boolValue {
                listing.files.append(path)
                continue
            }
            var found: [String] = []
            walk(path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path, into: &found, log: &listing.log)
            found.sort()
            listing.files.append(contentsOf: newestBotocoreVersions(found, log: &listing.log))
        }
        return listing
    }

    /// Every file below `folder` (hidden entries skipped), read with `readdir`: a page corpus
    /// has tens of thousands of files and FileManager's enumerator costs a stat per entry.
    static func walk(_ folder: String, into files: inout [String], log: inout DiagnosticLog) {
        guard let dir = opendir(folder) else {
            log.error(folder, "cannot read folder: \(String(cString: strerror(errno)))")
            return
        }
        defer { closedir(dir) }
        var folders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            let full = folder + "/" + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): folders.append(full)
            case Int32(DT_REG): files.append(full)
            default:
                // Links and file systems without d_type: ask stat. A dangling link is kept, so
                // reading it reports the problem instead of hiding it.
                var info = stat()
                if stat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { folders.append(full) } else { files.append(full) }
            }
        }
        for sub in folders { walk(sub, into: &files, log: &log) }
    }

    /// Drops `service-2.json` files of older API versions when a newer one of the same
    /// service sits beside them (`ec2/2014-09-01` vs `ec2/2016-11-15`).
    static func newestBotocoreVersions(_ files: [String], log: inout DiagnosticLog) -> [String] {
        let locations = files.map(botocoreLocation)
        var newest: [String: String] = [:] // service folder → version
        for case let (serviceDir, version)? in locations {
            if let current = newest[serviceDir], current >= version { continue }
            newest[serviceDir] = version
        }
        var kept: [String] = []
        kept.reserveCapacity(files.count)
        for (file, location) in zip(files, locations) {
            guard let (serviceDir, version) = location, newest[serviceDir] != version else { kept.append(file); continue }
            if file.hasSuffix("service-2.json") || file.hasSuffix("service-2.json.gz") {
                log.count("older botocore API versions skipped")
            }
        }
        return kept
    }

    /// `(".../data/ec2", "2016-11-15")` for a file inside a dated API-version folder.
    static func botocoreLocation(_ file: String) -> (String, String)? {
        let u = file.utf8
        guard let last = u.lastIndex(of: UInt8(ascii: "/")), let previous = u[..<last].lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let version = file[u.index(after: previous)..<last]
        guard isAPIVersion(version) else { return nil }
        return (String(file[..<previous]), String(version))
    }

    /// `yyyy-mm-dd`.
    static func isAPIVersion(_ s: Substring) -> Bool {
        guard s.utf8.count == 10 else { return false }
        for (i, b) in s.utf8.enumerated() {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                guard b >= 0x30 && b <= 0x39 else { return false }
            }
        }
        return true
    }
}
