import APIModel

/// Accepted changes, so a team can acknowledge a known break. Two file forms:
///
/// - lines of `KIND SERVICE OPERATION PATH` separated by whitespace, `*` matching any run
///   of characters, missing trailing fields meaning `*`, `#` starting a comment:
///
///       member-removed  ec2  DescribeInstances  Reservations[].Instances[].Foo
///       enum-value-added  *  *  *
///
/// - a `docconform.diff/1` file: exactly the changes it lists (same kind, service,
///   operation, direction, path and value) are accepted, a baseline.
public struct IgnoreList: Sendable {
    public struct Rule: Sendable, Hashable {
        public var kind: String
        public var service: String
        public var operation: String
        public var path: String
        public var line: Int

        func matches(_ c: Change) -> Bool {
            Glob.matches(kind, c.kind.rawValue) && Glob.matches(service, c.service)
                && Glob.matches(operation, c.operation ?? "") && Glob.matches(path, c.path ?? "")
        }
    }

    struct Key: Hashable {
        var kind: ChangeKind, service: String, operation: String?, direction: Direction?, path: String?, value: String?, constraint: ConstraintName?
        init(_ c: Change) {
            kind = c.kind; service = c.service; operation = c.operation; direction = c.direction
            path = c.path; value = c.value; constraint = c.constraint
        }
    }

    public private(set) var rules: [Rule] = []
    private var baseline: Set<Key> = []

    public init() {}

    public init(parsing bytes: [UInt8], source: String, log: inout DiagnosticLog) throws(DiffReadError) {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            let doc = try DiffReader.read(bytes)
            baseline = Set(doc.changes.map(Key.init))
            return
        }
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if fields.isEmpty { continue }
            if fields.count > 4 {
                throw DiffReadError(message: "\(source):\(i + 1): expected at most 4 fields (KIND SERVICE OPERATION PATH), found \(fields.count)", line: i + 1)
            }
            let kind = fields[0]
            if !kind.contains("*") && ChangeKind(rawValue: kind) == nil {
                log.warning(source, line: i + 1, "unknown change kind \"\(kind)\": the rule matches nothing")
            }
            func field(_ n: Int) -> String { n < fields.count ? fields[n] : "*" }
            rules.append(Rule(kind: kind, service: field(1), operation: field(2), path: field(3), line: i + 1))
        }
    }

    public func accepts(_ change: Change) -> Bool {
        if !baseline.isEmpty && baseline.contains(Key(change)) { return true }
        return rules.contains { $0.matches(change) }
    }

    /// The changes no rule accepts.
    public func filter(_ changes: [Change]) -> [Change] {
        if rules.isEmpty && baseline.isEmpty { return changes }
        return changes.filter { !accepts($0) }
    }
}

/// `*` matches any run of characters (including none); everything else matches itself.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        if pattern == "*" { return true }
        if !pattern.contains("*") { return pattern == text }
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && p[pi] != UInt8(ascii: "*") && p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
