/// Escaping for HTML text and attribute values, and small builders for repeated markup.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// An id fragment from arbitrary text: letters, digits and `-` only.
    static func id(_ parts: String...) -> String {
        parts.map { part in
            String(part.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) && $0.isASCII ? Character($0) : "-" })
        }.joined(separator: "--")
    }

    /// Escaped text whose `backticked` spans become <code> (README paragraphs).
    static func withInlineCode(_ s: String) -> String {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escape(s) }
        var out = ""
        for (i, part) in parts.enumerated() {
            // An unpaired last backtick leaves the rest as text.
            let unclosed = parts.count % 2 == 0 && i == parts.count - 1
            let isCode = i % 2 == 1 && !unclosed
            out += isCode ? "<code>\(escape(String(part)))</code>" : (unclosed ? "`" : "") + escape(String(part))
        }
        return out
    }

    static func badge(_ text: String, _ cls: String) -> String {
        "<span class=\"badge \(cls)\">\(escape(text))</span>"
    }

    /// 12,345
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The first sentence of a documentation text, at most `limit` characters.
    static func firstSentence(_ text: String, limit: Int = 220) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var end = flat.endIndex
        if let r = flat.range(of: ". ") { end = flat.index(after: r.lowerBound) }
        var s = String(flat[..<end])
        if s.count > limit { s = String(s.prefix(limit)) + "…" }
        return s
    }
}
