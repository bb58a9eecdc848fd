import APIModel
import ChangeRecords

/// Accepted changes, so a team can acknowledge a known break. Two file forms:
///
/// - `IgnoreRules` lines of `KIND SERVICE OPERATION PATH` (the format `validate --ignore`
///   shares, with issue codes first):
///
///       member-removed  ec2  DescribeInstances  Reservations[].Instances[].Foo
///       enum-value-added  *  *  *
///
/// - a `docconform.diff/1` file: exactly the changes it lists (same kind, service,
///   operation, direction, path and value) are accepted, a baseline.
public struct IgnoreList: Sendable {
    public typealias Rule = IgnoreRules.Rule

    struct Key: Hashable {
        var kind: ChangeKind, service: String, operation: String?, direction: Direction?, path: String?, value: String?, constraint: ConstraintName?
        init(_ c: Change) {
            kind = c.kind; service = c.service; operation = c.operation; direction = c.direction
            path = c.path; value = c.value; constraint = c.constraint
        }
    }

    private var ruleFile = IgnoreRules()
    private var baseline: Set<Key> = []

    public var rules: [Rule] { ruleFile.rules }

    public init() {}

    public init(parsing bytes: [UInt8], source: String, log: inout DiagnosticLog) throws(DiffReadError) {
        if IgnoreRules.isJSONDocument(bytes) {
            let doc = try DiffReader.read(bytes)
            baseline = Set(doc.changes.map(Key.init))
            return
        }
        do {
            ruleFile = try IgnoreRules(parsing: bytes, source: source, firstField: "KIND",
                                       kinds: Set(ChangeKind.allCases.map(\.rawValue)), log: &log)
        } catch {
            throw DiffReadError(message: error.message, line: error.line)
        }
    }

    public func accepts(_ change: Change) -> Bool {
        if !baseline.isEmpty && baseline.contains(Key(change)) { return true }
        return ruleFile.firstMatch(kind: change.kind.rawValue, service: change.service,
                                   operation: change.operation ?? "", path: change.path ?? "") != nil
    }

    /// The changes no rule accepts.
    public func filter(_ changes: [Change]) -> [Change] {
        if ruleFile.isEmpty && baseline.isEmpty { return changes }
        return changes.filter { !accepts($0) }
    }
}
