/// Known findings accepted once, by name: the rule-file format `diff --ignore` (the first field
/// a change kind) and `validate --ignore` (an issue code) share. One rule per line, four fields
/// separated by spaces or tabs, `*` in a field matching any run of characters, `#` at the start
/// of a line or after a space starting a comment:
///
///     # KIND/CODE       SERVICE  OPERATION          PATH
///     enum-value-added  ec2      *                  *NetworkInterface*.Status
///     enum              ec2      DescribeVpcEndpoints  VpcEndpoints[*].State
///
/// Every field must be written (`*` for any): a shorter line is an error at its line, never a
/// silent wildcard. Line endings may be LF or CRLF; a UTF-8 byte order mark is dropped.
public struct IgnoreRules: Sendable {
    public struct Rule: Sendable, Hashable {
        public var kind: String
        public var service: String
        public var operation: String
        public var path: String
        public var line: Int

        public func matches(kind: String, service: String, operation: String, path: String) -> Bool {
            Glob.matches(self.kind, kind) && Glob.matches(self.service, service)
                && Glob.matches(self.operation, operation) && Glob.matches(self.path, path)
        }
    }

    public private(set) var rules: [Rule] = []

    public init() {}

    /// - Parameters:
    ///   - firstField: what the first field names, for messages (`KIND`, `CODE`).
    ///   - kinds: the values the first field can match; another name without `*` is warned
    ///     about at its line (the rule can match nothing).
    public init(parsing bytes: [UInt8], source: String, firstField: String, kinds: Set<String>,
                log: inout DiagnosticLog) throws(IgnoreFileError) {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Split on the byte: "\r\n" is one Character in Swift, so splitting on "\n" keeps CRLF lines whole.
        for (i, raw) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            let fields = Self.fields(of: line)
            if fields.isEmpty { continue }
            guard fields.count == 4 else {
                throw IgnoreFileError(message: "expected 4 fields (\(firstField) SERVICE OPERATION PATH, `*` for any), found \(fields.count)", line: i + 1)
            }
            if !fields[0].contains("*") && !kinds.contains(fields[0]) {
                log.warning(source, line: i + 1, "unknown \(firstField.lowercased()) \"\(fields[0])\": the rule matches nothing")
            }
            rules.append(Rule(kind: fields[0], service: fields[1], operation: fields[2], path: fields[3], line: i + 1))
        }
    }

    /// The fields before a comment: a `#` that starts a field starts the comment.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        for field in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if field.hasPrefix("#") { break }
            fields.append(String(field))
        }
        return fields
    }

    public var isEmpty: Bool { rules.isEmpty }

    /// The rules of another file after these.
    public mutating func append(_ other: IgnoreRules) { rules += other.rules }

    /// The first rule that accepts this finding.
    public func firstMatch(kind: String, service: String, operation: String, path: String) -> Rule? {
        rules.first { $0.matches(kind: kind, service: service, operation: operation, path: path) }
    }

    /// A file that is a JSON document (a baseline of earlier results) rather than rule lines.
    public static func isJSONDocument(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }
}

/// A rule file that cannot be used, with the 1-based line where that shows.
public struct IgnoreFileError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    /// The file, where the reader knows it.
    public var file: String?

    public init(message: String, line: Int? = nil, file: String? = nil) {
        self.message = message
        self.line = line
        self.file = file
    }

    /// `file:line: error: message`, as every diagnostic is printed.
    public var description: String { "\(file ?? "-"):\(line ?? 1): error: \(message)" }
}

/// `*` matches any run of characters (including none); everything else matches itself.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
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
