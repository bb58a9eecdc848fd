import APIModel

/// `docconform.results/1` written record by record (one result per line), so a run over
/// millions of records never holds them all.
public enum ResultsJSON {
    public static func header() -> [UInt8] {
        Array("{\"format\": \"docconform.results/1\",\n\"results\": [\n".utf8)
    }

    public static func result(_ r: RecordResult, first: Bool) -> [UInt8] {
        var w = JSONWriter(pretty: false, reserve: 256)
        w.beginObject()
        if let id = r.id { w.key("id"); w.string(id) }
        if let s = r.service { w.key("service"); w.string(s) }
        if let o = r.operation { w.key("operation"); w.string(o) }
        if let d = r.direction { w.key("direction"); w.string(d.rawValue) }
        w.key("valid"); w.bool(r.valid)
        w.key("errors")
        w.beginArray()
        for issue in r.issues {
            w.beginObject()
            w.key("path"); w.string(issue.path)
            w.key("code"); w.string(issue.code.rawValue)
            w.key("message"); w.string(issue.message)
            w.endObject()
        }
        w.endArray()
        w.key("file"); w.string(r.file)
        w.key("line"); w.int(r.line)
        w.endObject()
        return (first ? [] : Array(",\n".utf8)) + w.bytes
    }

    public static func footer(summary: PayloadFiles.Summary, unsupportedPatterns: [(pattern: String, shape: String, reason: String)],
                              patternsGivenUp: [(pattern: String, values: Int)]) -> [UInt8] {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.key("records"); w.int(summary.records)
        w.key("invalid"); w.int(summary.invalid)
        w.key("files"); w.int(summary.files)
        w.key("unsupportedPatterns")
        w.beginArray()
        for u in unsupportedPatterns {
            w.beginObject(); w.key("pattern"); w.string(u.pattern); w.key("shape"); w.string(u.shape); w.key("reason"); w.string(u.reason); w.endObject()
        }
        w.endArray()
        w.key("patternsNotChecked")
        w.beginArray()
        for g in patternsGivenUp {
            w.beginObject(); w.key("pattern"); w.string(g.pattern); w.key("values"); w.int(g.values); w.endObject()
        }
        w.endArray()
        w.endObject()
        return Array("\n],\n\"summary\": ".utf8) + w.bytes + Array("}\n".utf8)
    }
}

/// Human-readable results: each invalid record with its issues (values cut short in the
/// messages), then counts by error code.
public enum ResultsText {
    public static func result(_ r: RecordResult) -> [UInt8] {
        guard !r.valid else { return [] }
        var out = "\(r.file):\(r.line): "
        if let id = r.id { out += "[\(id)] " }
        out += "\(r.service ?? "?").\(r.operation ?? "?") \(r.direction?.rawValue ?? "?"): \(r.issues.count) error\(r.issues.count == 1 ? "" : "s")\n"
        for i in r.issues {
            out += "  \(i.path.isEmpty ? "(root)" : i.path): \(i.code.rawValue): \(i.message)\n"
        }
        return Array(out.utf8)
    }

    public static func footer(summary: PayloadFiles.Summary, byCode: [IssueCode: Int],
                              unsupportedPatterns: [(pattern: String, shape: String, reason: String)],
                              patternsGivenUp: [(pattern: String, values: Int)]) -> [UInt8] {
        var out = "\n\(summary.records) records in \(summary.files) files: \(summary.records - summary.invalid) valid, \(summary.invalid) invalid\n"
        for code in IssueCode.allCases where byCode[code, default: 0] > 0 {
            out += "  \(code.rawValue): \(byCode[code]!)\n"
        }
        for u in unsupportedPatterns {
            out += "unsupported pattern (not checked) on \(u.shape): \(u.pattern) — \(u.reason)\n"
        }
        for g in patternsGivenUp {
            out += "pattern not checked on \(g.values) value(s) (work bound reached): \(g.pattern)\n"
        }
        return Array(out.utf8)
    }
}
