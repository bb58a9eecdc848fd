/// A finding about an input: printed as `path:line: severity: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case info, warning, error

        private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var file: String
    /// 1-based; nil when the finding concerns the whole file.
    public var line: Int?
    public var message: String
    /// The document stops before its end (a truncated download, a cut page): what was read
    /// is right, but a comparison would take what is missing for removed.
    public var endsEarly = false
    /// The document was read into the model, though no operation names it as its source (an
    /// AWS reference data-type page): a finding about a fact in it, not about a document that
    /// yielded nothing.
    public var documentUsed = false

    public init(_ severity: Severity, file: String, line: Int? = nil, _ message: String, endsEarly: Bool = false) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
        self.endsEarly = endsEarly
    }

    public var description: String {
        "\(file):\(line ?? 1): \(severity.rawValue): \(message)"
    }
}

/// Collects diagnostics; info findings of one kind are counted rather than listed, so a
/// corpus of 20,000 pages does not print 20,000 "skipped" lines.
public struct DiagnosticLog: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Info counts by category (`"non-operation boto3 pages skipped"`: 412).
    public private(set) var infoCounts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public mutating func error(_ file: String, line: Int? = nil, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file, line: line, message))
    }

    public mutating func warning(_ file: String, line: Int? = nil, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, message))
    }

    /// A warning that the document ends before something it should contain.
    public mutating func endsEarly(_ file: String, line: Int? = nil, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, message, endsEarly: true))
    }

    public mutating func count(_ category: String, by n: Int = 1) { infoCounts[category, default: 0] += n }

    /// Marks the findings about these documents as findings about documents read into the model.
    public mutating func markUsed(_ files: Set<String>) {
        guard !files.isEmpty else { return }
        for i in diagnostics.indices where files.contains(diagnostics[i].file) { diagnostics[i].documentUsed = true }
    }

    public mutating func append(contentsOf other: DiagnosticLog) {
        diagnostics.append(contentsOf: other.diagnostics)
        for (k, v) in other.infoCounts { infoCounts[k, default: 0] += v }
    }

    /// What a command prints on standard error: every diagnostic, then (unless `quiet`) each
    /// info count once.
    public func standardErrorLines(quiet: Bool) -> [String] {
        var lines = diagnostics.map(\.description)
        if !quiet {
            for (category, n) in infoCounts.sorted(by: { $0.key < $1.key }) { lines.append("info: \(n) \(category)") }
        }
        return lines
    }

    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.lazy.filter { $0.severity == .warning }.count }
}
