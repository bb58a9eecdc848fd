import APIModel
import ChangeRecords
import Conformance
import Differ

/// Everything `docconform report` found in one corpus: the parsed snapshots, the payload
/// results against the newest one, the changes between consecutive ones, and every problem
/// met on the way. The writers (HTML, JUnit, SARIF, Markdown) only read this.
public struct CorpusReport: Sendable {
    public struct Snapshot: Sendable {
        public var name: String
        public var path: String
        public var model: Model
        public var log: DiagnosticLog
        public var filesRead: Int
        public var filesByFormat: [String: Int]
        /// Why the snapshot is not safe to compare (`Ingest.Result.incompleteness`), empty when it is.
        public var incompleteness: [String] = []
    }

    public struct PayloadSet: Sendable {
        public var name: String
        public var path: String
        /// The first paragraph of the set's README, if it has one.
        public var about: String?
        public var records = 0
        public var invalid = 0
        /// The payload files of the set.
        public var files: [String] = []
    }

    public struct Validation: Sendable {
        /// The snapshot the payloads were checked against (the newest).
        public var snapshot: String?
        public var results: [RecordResult] = []
        public var sets: [PayloadSet] = []
        public var records = 0
        public var invalid = 0
        public var bytes = 0
        public var unreadableFiles = 0
        public var log = DiagnosticLog()
        public var valid: Int { records - invalid }
        public var issueCount: Int { results.reduce(0) { $0 + $1.issues.count } }
    }

    public struct ChangeSet: Sendable {
        public var old: String
        public var new: String
        /// In the order of `docconform diff` (service, operation, walk order).
        public var changes: [Change]
        public func count(_ severity: Severity) -> Int { changes.lazy.filter { $0.severity == severity }.count }
    }

    public var corpus: String
    public var snapshots: [Snapshot] = []
    public var validation = Validation()
    public var changeSets: [ChangeSet] = []
    /// Problems with the corpus as a whole (no snapshots, a snapshot that could not be compared).
    public var problems = DiagnosticLog()
    public var seconds: Double = 0

    public init(corpus: String) { self.corpus = corpus }

    public var newest: Snapshot? { snapshots.last }

    /// Every diagnostic: corpus problems, each snapshot's, the payload files'.
    public var allDiagnostics: [Diagnostic] {
        problems.diagnostics + snapshots.flatMap(\.log.diagnostics) + validation.log.diagnostics
    }

    public var errorCount: Int { allDiagnostics.lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { allDiagnostics.lazy.filter { $0.severity == .warning }.count }

    public var allChanges: [Change] { changeSets.flatMap(\.changes) }

    /// Why the report does not cover the whole corpus (inputs that could not be read), empty
    /// when it does: the page and changes.md say so at the top, and the CLI exits with 2.
    public var incompleteness: [String] {
        var reasons: [String] = []
        if errorCount > 0 { reasons.append("\(errorCount) error(s) while reading the corpus (listed under Problems)") }
        if validation.unreadableFiles > 0 { reasons.append("\(validation.unreadableFiles) payload file(s) could not be read") }
        if let newest, !newest.incompleteness.isEmpty {
            reasons.append("the newest snapshot \(newest.name) is incomplete (\(newest.incompleteness.joined(separator: ", "))): model.json is not written")
        }
        return reasons
    }

    /// The CLI contract: 2 when an input could not be read (the report is still written),
    /// 1 when a payload is invalid or a change at or above `failOn` exists, else 0.
    public func exitStatus(failOn: Severity?) -> Int32 {
        if errorCount > 0 || validation.unreadableFiles > 0 { return 2 }
        if validation.invalid > 0 { return 1 }
        if let failOn, allChanges.contains(where: { $0.severity >= failOn }) { return 1 }
        return 0
    }
}
