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

    /// `(".../data/ec2", "2016-11-15")` for a file inside a dated API-version folder (its last
    /// two `/` found from the end: splitting every path whole cost a tenth of reading pages).
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
