/// Where a boto3 RST page's client methods are, for both layouts boto3 has written:
/// - a method page (boto3 since 1.26): one `.. py:method:: EC2.Client.describe_images(**kwargs)`,
///   with a breadcrumb naming the service;
/// - a service page (boto3 before 1.26, `reference/services/ec2.rst`): every client method
///   indented under `.. py:class:: EC2.Client`, whose introduction shows
///   `client = boto3.client('ec2')`, followed by the paginators', waiters' and resources'
///   classes (no client methods, so not read here).
struct RSTClientMethods {
    /// Each method's lines (0-based, half-open), from its `.. py:method::` line.
    var methods: [Range<Int>] = []
    /// The page is a service page (`.. py:class:: X.Client`).
    var isServicePage = false
    /// The service name a service page's client example gives: `boto3.client('ec2')`.
    var clientService: String?
    /// `.. py:method::` lines inside the client class at another indentation than its methods' (not read).
    var misplaced: [Int] = []

    init(_ page: TextLines) {
        let n = page.count
        // One byte search over the page first: a method page has no class directive at all.
        let anyClass = page.find(".. py:class:: ", in: 0..<page.bytes.count)
        guard let first = anyClass.map(page.lineIndex(of:)),
              let classLine = (first..<n).first(where: { page.startsWith($0, ".. py:class:: ") && Self.isClientClass(page, $0) }) else {
            // A method page: the whole page is its method.
            methods = n > 0 ? [0..<n] : []
            return
        }
        isServicePage = true
        let classIndent = page.indent(classLine) ?? 0
        let methodIndent = classIndent + 2
        var i = classLine + 1
        var start: Int?
        while i < n {
            if let indent = page.indent(i) {
                // The class ends at the next class or section title. Not at any line indented
                // no deeper than its directive: examples' descriptions start at the margin.
                if indent <= classIndent, page.startsWith(i, ".. py:class:: ") || Self.isAdornment(page, i) { break }
                if page.startsWith(i, ".. py:method:: ") {
                    guard indent == methodIndent else { misplaced.append(i); i += 1; continue }
                    if let s = start { methods.append(s..<i) }
                    start = i
                } else if start == nil, clientService == nil, page.startsWith(i, "client = boto3.client('") {
                    clientService = Self.quoted(page, i)
                }
            }
            i += 1
        }
        if let s = start { methods.append(s..<i) }
    }

    /// `.. py:class:: EC2.Client` (not `EC2.Paginator.X`, `EC2.Waiter.X`, `EC2.ServiceResource`).
    private static func isClientClass(_ page: TextLines, _ i: Int) -> Bool {
        let r = page.range(i)
        var end = r.upperBound
        while end > r.lowerBound, page.bytes[end - 1] == 0x20 { end -= 1 }
        let suffix = StaticString(".Client")
        let k = suffix.utf8CodeUnitCount
        return end - k > page.contentStart(i) && page.hasPrefix(at: end - k, end: end, suffix)
    }

    /// A section title's over- or underline: `======`, `------`, `******`.
    private static func isAdornment(_ page: TextLines, _ i: Int) -> Bool {
        let r = page.contentStart(i)..<page.range(i).upperBound
        guard r.count >= 3 else { return false }
        let c = page.bytes[r.lowerBound]
        guard c == UInt8(ascii: "=") || c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "~") else { return false }
        return page.bytes[r].allSatisfy { $0 == c || $0 == 0x20 }
    }

    /// The text between the first pair of single quotes on line `i`.
    private static func quoted(_ page: TextLines, _ i: Int) -> String? {
        let r = page.range(i)
        guard let open = page.bytes[r].firstIndex(of: UInt8(ascii: "'")),
              let close = page.bytes[(open + 1)..<r.upperBound].firstIndex(of: UInt8(ascii: "'")), close > open + 1 else { return nil }
        return page.string((open + 1)..<close)
    }
}
