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
        let text = String(decoding: head.prefix(headLength), as: UTF8.self)

        if lower.hasSuffix(".json") || lower.hasSuffix(".json.gz") {
            if text.contains("\"docconform.model/") { return .format(.modelJSON) }
            if text.contains("\"operations\"") && (text.contains("\"shapes\"") || text.contains("\"metadata\"")) { return .format(.botocoreJSON) }
            if lower.hasSuffix(".json.gz") { return .unknown("a gzip file that is not named service-2.json.gz") }
            return .unknown("JSON that is neither a docconform model nor a botocore service model")
        }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") {
            if lower.hasPrefix("api_") || text.containsBytes("main-col-body") || text.containsBytes("awsdocs") { return .format(.awsReferenceHTML) }
            return .format(.boto3HTML)
        }
        if lower.hasSuffix(".md") {
            if lower == "readme.md" { return .unknown("a README") }
            return .format(.awsReferenceMarkdown)
        }
        if lower.hasSuffix(".txt") || !lower.contains(".") {
            if looksLikeChangelog(text) { return .format(.changelogText) }
            if looksLikeBoto3Text(text) { return .format(.boto3HTMLText) }
            if looksLikeReferenceText(text) { return .format(.awsReferenceText) }
            return .unknown("text that matches no known documentation layout")
        }
        return .unknown("unrecognized file type")
    }

    /// `2017/04/21 - Amazon AppStream - 5 updated api methods` within the first lines.
    static func looksLikeChangelog(_ text: String) -> Bool {
        for line in text.split(separator: "\n", maxSplits: 8, omittingEmptySubsequences: true).prefix(6) {
            let u = Array(line.utf8)
            guard u.count > 13 else { continue }
            let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { u[$0] >= 0x30 && u[$0] <= 0x39 }
            if digits && u[4] == UInt8(ascii: "/") && u[7] == UInt8(ascii: "/") && line.contains(" api method") { return true }
        }
        return false
    }

    /// A Sphinx page rendered as text: a `method_name#` heading, and `Request Syntax` or the
    /// method's definition line (`AppStream.Client.get_waiter(waiter_name)#`: pages of
    /// methods that are no API operation have no syntax).
    static func looksLikeBoto3Text(_ text: String) -> Bool {
        let head = text.split(separator: "\n").prefix(60)
        let heading = head.contains { line in
            let t = line.trimmingTextSpace
            return t.hasSuffix("#") && t.dropLast().allSatisfy { $0 == "_" || $0.isLowercase || $0.isNumber } && t.count > 1
        }
        guard heading else { return false }
        if text.contains("Request Syntax") || text.contains("Response Syntax") { return true }
        return head.contains { line in
            let t = line.trimmingTextSpace
            return t.contains(".Client.") && (t.hasSuffix(")#") || t.hasSuffix(")¶"))
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
