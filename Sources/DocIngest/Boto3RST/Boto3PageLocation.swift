/// What a boto3 method page's location says, whatever its rendering (RST, HTML, text).
enum Boto3PageLocation {
    /// `.../<service>/client/<method>.<ext>` → (`service`, `method`).
    static func serviceAndMethod(_ path: String) -> (service: String?, method: String?) {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 2] == "client" else { return (nil, nil) }
        var method = String(parts[parts.count - 1])
        if let dot = method.lastIndex(of: ".") { method = String(method[..<dot]) }
        return (String(parts[parts.count - 3]), method)
    }

    /// The API version from the "AWS API Documentation" link's uid: `ec2-2016-11-15` → `2016-11-15`.
    static func apiVersion(uid: String?) -> String? {
        guard let uid, uid.utf8.count > 11 else { return nil }
        let version = String(uid.suffix(10))
        return CorpusWalker.isAPIVersion(Substring(version)) ? version : nil
    }
}
