/// The HTTP part of a request or response syntax block: `PUT /DistributeImage?x=X HTTP/1.1`
/// or `HTTP/1.1 200`, then `Header-Name: Member` lines, then the body skeleton.
struct HTTPSyntax: Sendable {
    var method: String?
    var path: String?
    /// Query string pairs: wire name → member name (`Qualifier=Qualifier`).
    var query: [(wire: String, member: String)] = []
    /// Header lines: header name → member name (`X-Amz-Target: Target`).
    var headers: [(wire: String, member: String)] = []
    var status: Int?
    /// The lines after the HTTP head: the JSON (or XML) skeleton of the body (a slice of the
    /// block's lines, not a copy of them).
    var body: ArraySlice<ReferenceLine> = []

    init(_ lines: [ReferenceLine]) {
        var i = 0
        while i < lines.count, lines[i].text.trimmingTextSpace.isEmpty { i += 1 }
        guard i < lines.count else { return }
        let first = lines[i].text.trimmingTextSpace
        let words = first.fastSplit(" ")
        if words.count >= 2, words[0].utf8.starts(with: "HTTP/".utf8) {
            status = Int(words[1])
            i += 1
        } else if words.count >= 3, words.last!.utf8.starts(with: "HTTP/".utf8), words[0].allSatisfy({ $0.isUppercase }) {
            method = String(words[0])
            // Usually one word: joining a slice of substrings goes the slow generic way.
            let target = words.count == 3 ? String(words[1]) : words[1..<(words.count - 1)].joined(separator: " ")
            if let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
                path = String(target[..<q])
                for pair in target[target.index(after: q)...].fastSplit("&") {
                    let parts = pair.fastSplit("=", maxSplits: 1)
                    if parts.count == 2 { query.append((String(parts[0]), String(parts[1]))) }
                }
            } else {
                path = target
            }
            i += 1
        } else {
            body = lines[i...]
            return
        }
        // Header lines until a blank line or the start of the body.
        while i < lines.count {
            let t = lines[i].text.trimmingTextSpace
            if t.isEmpty { i += 1; break }
            // Byte tests: Character-wise searches here cost more than the rest of the page.
            if let first = t.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "<") || first == UInt8(ascii: "[")
                || first == UInt8(ascii: "\"") { break }
            guard let colon = t.utf8.firstIndex(of: UInt8(ascii: ":")) else { break }
            let name = String(t[..<colon])
            guard !name.isEmpty, !name.utf8.contains(0x20) else { break }
            headers.append((name, String(t[t.index(after: colon)...].trimmingTextSpace)))
            i += 1
        }
        body = lines[i...]
    }

    /// Path segments that are member placeholders: `Name` (or `Name+`, greedy) → the label.
    func pathLabels(members: Set<String>) -> [String: String] {
        var labels: [String: String] = [:]
        for segment in (path ?? "").fastSplit("/") {
            var s = String(segment)
            if s.hasPrefix("{") && s.hasSuffix("}") { s = String(s.dropFirst().dropLast()) }
            let greedy = s.hasSuffix("+")
            let name = greedy ? String(s.dropLast()) : s
            if members.contains(name) { labels[name] = greedy ? name + "+" : name }
        }
        return labels
    }

    /// The request URI with placeholders braced as botocore writes them (`/functions/{FunctionName}`).
    func requestURI(uriMembers: Set<String>) -> String? {
        guard let path else { return nil }
        var out = path.fastSplit("/", omittingEmptySubsequences: false).map { segment -> String in
            var s = String(segment)
            if s.hasPrefix("{") { return s }
            let greedy = s.hasSuffix("+")
            let name = greedy ? String(s.dropLast()) : s
            if uriMembers.contains(name) { s = "{\(s)}" }
            return s
        }.joined(separator: "/")
        if out.isEmpty { out = "/" }
        return out
    }
}

extension StringProtocol {
    /// `split(separator:maxSplits:omittingEmptySubsequences:)` for an ASCII separator, cutting
    /// an ASCII text on its bytes: the Character-wise split of one request line cost more than
    /// interpreting the rest of its page. Non-ASCII text is split the Character-wise way.
    func fastSplit(_ separator: Character, maxSplits: Int = Int.max, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        let u = utf8
        // Cut offsets found on the contiguous bytes, then made indices (O(1) on native UTF-8).
        let cuts: [Range<Int>]? = separator.asciiValue.flatMap { sep in
            u.withContiguousStorageIfAvailable { b -> [Range<Int>]? in
                var cuts: [Range<Int>] = []
                var start = 0
                for i in 0..<b.count {
                    if b[i] >= 0x80 { return nil }
                    if b[i] == sep, cuts.count < maxSplits {
                        if !(omittingEmptySubsequences && start == i) { cuts.append(start..<i) }
                        start = i + 1
                    }
                }
                if !(omittingEmptySubsequences && start == b.count) { cuts.append(start..<b.count) }
                return cuts
            } ?? nil
        }
        guard let cuts else {
            return split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        let base = u.startIndex
        return cuts.map { self[u.index(base, offsetBy: $0.lowerBound)..<u.index(base, offsetBy: $0.upperBound)] }
    }
}
