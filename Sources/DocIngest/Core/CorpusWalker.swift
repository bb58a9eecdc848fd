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

    /// `(".../data/ec2", "2016-11-15")` for a file inside a dated API-version folder.
    static func botocoreLocation(_ file: String) -> (String, String)? {
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let version = parts[parts.count - 2]
        guard isAPIVersion(version) else { return nil }
        return (parts[..<(parts.count - 2)].joined(separator: "/"), String(version))
    }

    static func isAPIVersion(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { u[$0] >= 0x30 && u[$0] <= 0x39 }
    }
}
