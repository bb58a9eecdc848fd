import APIModel

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
        for path in paths {
            let found = FileTree.list([path])
            listing.log.append(contentsOf: found.log)
            listing.files.append(contentsOf: newestBotocoreVersions(found.files, log: &listing.log))
        }
        return listing
    }

    /// Drops `service-2.json` files of older API versions when a newer one of the same
    /// service sits beside them (`ec2/2014-09-01` vs `ec2/2016-11-15`).
    static func newestBotocoreVersions(_ files: [String], log: inout DiagnosticLog) -> [String] {
        var newest: [String: String] = [:] // service folder → version
        for file in files {
            guard let (serviceDir, version) = botocoreLocation(file) else { continue }
            if let current = newest[serviceDir], current >= version { continue }
            newest[serviceDir] = version
        }
        return files.filter { file in
            guard let (serviceDir, version) = botocoreLocation(file) else { return true }
            if newest[serviceDir] == version { return true }
            if file.hasSuffix("service-2.json") || file.hasSuffix("service-2.json.gz") {
                log.count("older botocore API versions skipped")
            }
            return false
        }
    }

    /// `(".../data/ec2", "2016-11-15")` for a file inside a dated API-version folder (its last
    /// two `/` found from the end: splitting every path whole cost a tenth of reading pages).
    static func botocoreLocation(_ file: String) -> (String, String)? {
        guard let nameSlash = file.utf8.lastIndex(of: UInt8(ascii: "/")),
              let versionSlash = file[..<nameSlash].utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let version = file[file.utf8.index(after: versionSlash)..<nameSlash]
        guard isAPIVersion(version) else { return nil }
        return (String(file[..<versionSlash]), String(version))
    }

    static func isAPIVersion(_ s: Substring) -> Bool {
        guard s.utf8.count == 10 else { return false }
        for (k, b) in s.utf8.enumerated() {
            if k == 4 || k == 7 { if b != UInt8(ascii: "-") { return false } } else if b < 0x30 || b > 0x39 { return false }
        }
        return true
    }
}
