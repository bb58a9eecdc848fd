/// An operation's `requestUri` (`/{Bucket}/{Key+}?uploads`) matched against request paths:
/// labels take one path segment (`{Name}`, with literal text around it allowed), a greedy
/// label (`{Key+}`) one or more, and literal query keys (with or without a value) must be
/// present in the request.
struct URITemplate {
    enum Segment {
        case literal(String)
        case label(name: String, greedy: Bool, prefix: String, suffix: String)
    }

    let segments: [Segment]
    let literalQuery: [(key: String, value: String?)]
    /// How specific the template is: routes are tried most specific first.
    let rank: (query: Int, literals: Int, labels: Int)

    init(_ requestUri: String) {
        let parsed = RequestTarget(requestUri)
        var segments: [Segment] = []
        for part in Self.split(parsed.path) {
            if let open = part.firstIndex(of: "{"), let close = part.firstIndex(of: "}"), open < close {
                var name = String(part[part.index(after: open)..<close])
                let greedy = name.hasSuffix("+")
                if greedy { name.removeLast() }
                segments.append(.label(name: name, greedy: greedy, prefix: String(part[..<open]), suffix: String(part[part.index(after: close)...])))
            } else {
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
        literalQuery = parsed.query
        var literals = 0, labels = 0
        for s in segments {
            if case .literal = s { literals += 1 } else { labels += 1 }
        }
        rank = (parsed.query.count, literals, -labels)
    }

    /// Path segments without the leading `/` (percent-encoded, as sent); a trailing empty
    /// segment (`/a/`) is kept, since greedy labels keep it.
    static func split(_ path: String) -> [Substring] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "" { parts.removeFirst() }
        if parts == [""] { parts = [] }
        return parts
    }

    /// The decoded label values when `path` and `query` fit this template.
    func match(path: [Substring], query: [(key: String, value: String?)]) -> [String: String]? {
        for (key, value) in literalQuery {
            guard query.contains(where: { $0.key == key && (value == nil || $0.value == value) }) else { return nil }
        }
        var labels: [String: String] = [:]
        var path = path
        // A trailing `/` is not significant unless a greedy label ends the template.
        let endsGreedy: Bool = { if case let .label(_, greedy, _, _)? = segments.last { return greedy } else { return false } }()
        var template = segments[...]
        if !endsGreedy {
            if path.last == "" { path.removeLast() }
            if case let .literal(l)? = template.last, l.isEmpty { template.removeLast() }
        }
        return Self.match(template, path[...], &labels) ? labels : nil
    }

    private static func match(_ template: ArraySlice<Segment>, _ path: ArraySlice<Substring>, _ labels: inout [String: String]) -> Bool {
        guard let first = template.first else { return path.isEmpty }
        switch first {
        case let .literal(l):
            guard let p = path.first, RequestTarget.decode(p, plusIsSpace: false) == l else { return false }
            return match(template.dropFirst(), path.dropFirst(), &labels)
        case let .label(name, greedy, prefix, suffix):
            guard !path.isEmpty else { return false }
            if !greedy {
                let p = RequestTarget.decode(path.first!, plusIsSpace: false)
                guard p.hasPrefix(prefix), p.hasSuffix(suffix), p.count > prefix.count + suffix.count else { return false }
                labels[name] = String(p.dropFirst(prefix.count).dropLast(suffix.count))
                return match(template.dropFirst(), path.dropFirst(), &labels)
            }
            // Greedy: the longest run of segments that leaves a match for the rest.
            let rest = template.dropFirst()
            var take = path.count
            while take >= 1 {
                var tail = labels
                if match(rest, path.dropFirst(take), &tail) {
                    let joined = RequestTarget.decode(path.prefix(take).joined(separator: "/"), plusIsSpace: false)
                    guard joined.hasPrefix(prefix), joined.hasSuffix(suffix), joined.count > prefix.count + suffix.count else { return false }
                    labels = tail
                    labels[name] = String(joined.dropFirst(prefix.count).dropLast(suffix.count))
                    return true
                }
                take -= 1
            }
            return false
        }
    }

    /// Label names in the template (the members they fill).
    var labelNames: [String] {
        segments.compactMap { if case let .label(name, _, _, _) = $0 { return name } else { return nil } }
    }
}
