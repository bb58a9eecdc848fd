/// Tells a file's format from its name and its first bytes.
public enum FormatDetector {
    public enum Verdict: Sendable, Equatable {
        case format(DocumentFormat)
        /// A botocore companion file (paginators, waiters, ...): recognized, not an API model.
        case companion(String)
        case unknown(String)
    }

    /// How much of a file's start content detection looks at.
    public static let headLength = 16_384

    /// botocore files that sit beside `service-2.json` and describe no API shapes.
    static let companionPrefixes = [
        "paginators-1", "waiters-2", "examples-1", "endpoint-rule-set-1", "endpoints", "partitions",
        "_retry", "sdk-default-configuration", "service-2.sdk-extras", "smoke", "index",
    ]

    /// The verdict the file name alone gives, so companions are skipped without being read.
    public static func detect(path: String) -> Verdict? {
        let lower = fileName(path).lowercased()
        // boto3 RST pages are told by their extension alone (the bulk of a page corpus).
        if lower.hasSuffix(".rst") { return .format(.boto3RST) }
        guard lower.hasSuffix(".json") || lower.hasSuffix(".json.gz") else { return nil }
        if lower.hasPrefix("service-2.json") { return .format(.botocoreJSON) }
        if let companion = companionPrefixes.first(where: { lower.hasPrefix($0) }) { return .companion(companion) }
        return nil
    }

    /// What follows the last `/` (found from the end: splitting whole paths was a fifth of
    /// reading a page corpus).
    static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    public static func detect(path: String, head: [UInt8]) -> Verdict {
        if let verdict = detect(path: path) { return verdict }
        let lower = fileName(path).lowercased()
        let head = Array(head.prefix(headLength))
        let text = { String(decoding: head, as: UTF8.self) }

        if lower.hasSuffix(".json") || lower.hasSuffix(".json.gz") {
            let text = text()
            if text.contains("\"docconform.model/") { return .format(.modelJSON) }
            if text.contains("\"operations\"") && (text.contains("\"shapes\"") || text.contains("\"metadata\"")) { return .format(.botocoreJSON) }
            if lower.hasSuffix(".json.gz") { return .unknown("a gzip file that is not named service-2.json.gz") }
            return .unknown("JSON that is neither a docconform model nor a botocore service model")
        }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
            let text = text()
            if lower.hasPrefix("api_") || text.containsBytes("main-col-body") || text.containsBytes("awsdocs") { return .format(.awsReferenceHTML) }
            return .format(.boto3HTML)
        }
        if lower.hasSuffix(".md") {
            if lower == "readme.md" { return .unknown("a README") }
            return .format(.awsReferenceMarkdown)
        }
        if lower.hasSuffix(".txt") || !lower.contains(".") {
            // Text pages are told by their first lines, read as bytes (a text corpus is
            // thousands of pages).
            let lines = TextLines(head)
            if looksLikeChangelog(lines) { return .format(.changelogText) }
            if looksLikeBoto3Text(lines) { return .format(.boto3HTMLText) }
            if looksLikeReferenceText(text()) { return .format(.awsReferenceText) }
            return .unknown("text that matches no known documentation layout")
        }
        return .unknown("unrecognized file type")
    }

    /// The first `limit` lines that are not empty.
    private static func firstLines(_ lines: TextLines, _ limit: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < lines.count, out.count < limit {
            let r = lines.range(i)
            if !r.isEmpty { out.append(r) }
            i += 1
        }
        return out
    }

    /// `2017/04/21 - Amazon AppStream - 5 updated api methods` within the first lines.
    static func looksLikeChangelog(_ lines: TextLines) -> Bool {
        let u = lines.bytes
        for r in firstLines(lines, 6) where r.count > 13 {
            let s = r.lowerBound
            let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { u[s + $0] >= 0x30 && u[s + $0] <= 0x39 }
            if digits && u[s + 4] == UInt8(ascii: "/") && u[s + 7] == UInt8(ascii: "/") && lines.find(" api method", in: r) != nil { return true }
        }
        return false
    }

    /// A Sphinx page rendered as text: a `method_name#` heading, and `Request Syntax` or the
    /// method's definition line (`AppStream.Client.get_waiter(waiter_name)#`: pages of
    /// methods that are no API operation have no syntax).
    static func looksLikeBoto3Text(_ lines: TextLines) -> Bool {
        let u = lines.bytes
        let head = firstLines(lines, 60).map { TextSpace.trim(u, $0) }
        let heading = head.contains { t in
            guard t.count > 1, u[t.upperBound - 1] == UInt8(ascii: "#") else { return false }
            let name = t.lowerBound..<t.upperBound - 1
            if u[name].contains(where: { $0 >= 0x80 }) {
                return lines.string(name).allSatisfy { $0 == "_" || $0.isLowercase || $0.isNumber }
            }
            return u[name].allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
        }
        guard heading else { return false }
        let all = 0..<u.count
        if lines.find("Request Syntax", in: all) != nil || lines.find("Response Syntax", in: all) != nil { return true }
        return head.contains { t in
            lines.find(".Client.", in: t) != nil && (lines.hasSuffix(t, ")#") || lines.hasSuffix(t, ")¶"))
        }
    }

    /// An AWS API Reference page as text: a section heading line (`Request Syntax`,
    /// `Request Parameters`, `Response Elements`, `Errors`, `Contents`; query-protocol pages
    /// have no syntax) with fact lines (`Type:`, `Required:`, `HTTP Status Code:`).
    static func looksLikeReferenceText(_ text: String) -> Bool {
        let headings = ["\nRequest Syntax\n", "\nRequest Parameters\n", "\nResponse Elements\n", "\nErrors\n", "\nContents\n",
                        "\nSee Also\n", "\nRequest Body\n", "\nResponse Syntax\n"]
        let found = headings.filter { text.containsBytes($0) }.count
        let facts = text.containsBytes("Type: ") || text.containsBytes("Required: ") || text.containsBytes("HTTP Status Code: ")
        return found >= 2 || (found == 1 && facts)
    }
}
