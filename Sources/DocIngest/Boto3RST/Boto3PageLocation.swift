/// What a boto3 method page's location says, whatever its rendering (RST, HTML, text).
enum Boto3PageLocation {
    /// `.../<service>/client/<method>.<ext>` → (`service`, `method`).
    static func serviceAndMethod(_ path: String) -> (service: String?, method: String?) {
        let parts = lastParts(path, 3)
        guard parts.count == 3, parts[1] == "client" else { return (nil, nil) }
        var method = String(parts[0])
        if let dot = method.lastIndex(of: ".") { method = String(method[..<dot]) }
        return (String(parts[2]), method)
    }

    /// The last `n` non-empty parts of `path` between `/`s, the last first (fewer when it has
    /// fewer): only the end of a long path is read.
    private static func lastParts(_ path: String, _ n: Int) -> [Substring] {
        var parts: [Substring] = []
        var end = path.endIndex
        var i = end
        while i > path.startIndex, parts.count < n {
            let before = path.index(before: i)
            if path[before] == "/" {
                if i < end { parts.append(path[i..<end]) }
                end = before
            }
            i = before
        }
        if parts.count < n, path.startIndex < end { parts.append(path[path.startIndex..<end]) }
        return parts
    }

    /// The API version from the "AWS API Documentation" link's uid: `ec2-2016-11-15` → `2016-11-15`.
    static func apiVersion(uid: String?) -> String? {
        guard let uid, uid.utf8.count > 11 else { return nil }
        let version = String(uid.suffix(10))
        return CorpusWalker.isAPIVersion(Substring(version)) ? version : nil
    }
}
