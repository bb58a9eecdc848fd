/// A path's last component and extension, as `NSString.lastPathComponent` and `pathExtension`
/// give them, read on the UTF-8 bytes: Foundation's versions build a copy with its slashes
/// fixed first, which was a tenth of the CPU of a run over a folder of placebo recordings
/// (asked for every file, by the run and by the services' read-ahead).
extension FileSystemPath {
    /// The last component: trailing slashes dropped, "/" for a path of slashes only, "" for "".
    public static func lastComponent(_ path: String) -> Substring {
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        if end == bytes.startIndex { return path.isEmpty ? "" : "/" }
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        return path[start..<end]
    }

    /// The last component's extension, without its dot: "" when it has none, when its only dot
    /// starts it (`.hidden`) or when it ends with a dot.
    public static func fileExtension(_ path: String) -> Substring {
        let name = lastComponent(path)
        let bytes = name.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != bytes.startIndex else { return "" }
        return name[bytes.index(after: dot)...]
    }
}
