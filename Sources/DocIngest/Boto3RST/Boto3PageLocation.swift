/// What a boto3 method page's location says, whatever its rendering (RST, HTML, text).
enum Boto3PageLocation {
    /// `.../<service>/client/<method>.<ext>` → (`service`, `method`).
    static func serviceAndMethod(_ path: String) -> (service: String?, method: String?) {
        let parts = lastComponents(of: path, count: 3)
        guard parts.count == 3, parts[1] == "client" else { return (nil, nil) }
        var method = parts[0]
        if let dot = method.lastIndex(of: ".") { method = method[..<dot] }
        return (String(parts[2]), String(method))
    }

    /// The last `count` non-empty `/`-separated components of `path`, last first (found from
    /// the end, without splitting the whole path: this runs for every page).
    static func lastComponents(of path: String, count: Int) -> [Substring] {
        var parts: [Substring] = []
        parts.reserveCapacity(count)
        var rest = Substring(path)
        while parts.count < count, !rest.isEmpty {
            let slash = rest.utf8.lastIndex(of: UInt8(ascii: "/"))
            let part = slash.map { rest[rest.utf8.index(after: $0)...] } ?? rest
            if !part.isEmpty { parts.append(part) }
            rest = slash.map { rest[..<$0] } ?? ""
        }
        return parts
    }

    /// The API version from the "AWS API Documentation" link's uid: `ec2-2016-11-15` → `2016-11-15`.
    static func apiVersion(uid: String?) -> String? {
        guard let uid, uid.utf8.count > 11 else { return nil }
        let version = String(uid.suffix(10))
        return CorpusWalker.isAPIVersion(Substring(version)) ? version : nil
    }
}
