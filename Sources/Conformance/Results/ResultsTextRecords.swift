extension ResultsText {
    /// Text results for records that arrive over time (standard input, a FIFO): each invalid
    /// record's block as soon as it is checked, since grouping would hold every issue until the
    /// input ends. The counts close the report as for files.
    public static func recordBlock(_ r: RecordResult) -> [UInt8] {
        guard !r.valid else { return [] }
        var out = "\(r.file):\(r.line): "
        if let id = r.id { out += "[\(id)] " }
        out += "\(r.service ?? "?").\(r.operation ?? "?") \(r.direction?.rawValue ?? "?"): "
        out += "\(r.issues.count) error\(r.issues.count == 1 ? "" : "s")\n"
        for issue in r.issues {
            out += "  \(issue.path.isEmpty ? "(root)" : issue.path): \(issue.code.rawValue): \(issue.message)\n"
        }
        return Array(out.utf8)
    }
}
