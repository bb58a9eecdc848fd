/// Reads the report page the way the tests need: metric values and the opening tags of rows.
/// Scans UTF-8 bytes: the page is megabytes, and Foundation's `range(of:)` on substrings
/// would copy the rest of the page at every step.
struct PageReader {
    let html: String
    private let bytes: [UInt8]

    init(html: String) {
        self.html = html
        self.bytes = Array(html.utf8)
    }

    func metric(_ name: String) -> Int? {
        guard let at = find(Array("data-metric=\"\(name)\" data-value=\"".utf8), from: 0) else { return nil }
        return Int(String(decoding: bytes[at...].prefix { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self))
    }

    /// The opening tags of elements whose class list holds every one of `classes` (space-separated).
    func tags(withClass classes: String) -> [String] {
        let wanted = Set(classes.split(separator: " ").map(String.init))
        let marker = Array(" class=\"".utf8)
        var out: [String] = []
        var i = 0
        while let valueStart = find(marker, from: i) {
            var valueEnd = valueStart
            while valueEnd < bytes.count && bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
            var tagEnd = valueEnd
            while tagEnd < bytes.count && bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            if wanted.isSubset(of: value.split(separator: " ").map(String.init)) {
                var tagStart = valueStart
                while tagStart > 0 && bytes[tagStart] != UInt8(ascii: "<") { tagStart -= 1 }
                out.append(String(decoding: bytes[tagStart..<tagEnd], as: UTF8.self))
            }
            i = tagEnd
        }
        return out
    }

    /// The index just past the next occurrence of `needle` at or after `from`.
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= bytes.count - needle.count {
            if bytes[i] == first {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i + needle.count }
            }
            i += 1
        }
        return nil
    }
}
