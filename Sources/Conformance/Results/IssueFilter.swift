import APIModel

/// Known issues, accepted once so that only new ones fail a run: `IgnoreRules` lines of
/// `CODE SERVICE OPERATION PATH` (`validate --ignore`, the format `diff --ignore` reads), and
/// earlier `docconform.results/1` files (`--baseline`, or given to `--ignore`) whose issues are
/// accepted exactly: same service, operation, direction, code, path and message.
public struct IssueFilter: Sendable {
    struct Key: Hashable {
        var service: String?
        var operation: String?
        var direction: Direction?
        var code: IssueCode
        var path: String
        var message: String
    }

    private var rules = IgnoreRules()
    private var baseline: Set<Key> = []

    public init() {}

    /// The filter of `validate --ignore FILE --baseline RESULTS`: each file read whole, its
    /// problems thrown with the file and line.
    public static func load(ignore: String?, baseline: String?, log: inout DiagnosticLog) throws(IgnoreFileError) -> IssueFilter {
        var filter = IssueFilter()
        for (path, isBaseline) in [(ignore, false), (baseline, true)] {
            guard let path else { continue }
            do {
                let bytes = try FileReading.bytes(atPath: path)
                if isBaseline { try filter.addBaseline(parsing: bytes) } else { try filter.add(parsing: bytes, source: path, log: &log) }
            } catch let error as FileReadError {
                throw IgnoreFileError(message: "cannot read \(isBaseline ? "baseline" : "ignore file"): \(error.reason)", file: path)
            } catch let error as IgnoreFileError {
                var located = error
                located.file = path
                throw located
            } catch {
                throw IgnoreFileError(message: "\(error)", file: path)
            }
        }
        return filter
    }

    public var isEmpty: Bool { rules.isEmpty && baseline.isEmpty }

    /// Adds a rule file, or a results file (it starts with `{`) as a baseline.
    public mutating func add(parsing bytes: [UInt8], source: String, log: inout DiagnosticLog) throws(IgnoreFileError) {
        if IgnoreRules.isJSONDocument(bytes) { return try addBaseline(parsing: bytes) }
        let more = try IgnoreRules(parsing: bytes, source: source, firstField: "CODE",
                                   kinds: Set(IssueCode.allCases.map(\.rawValue)), log: &log)
        rules.append(more)
    }

    /// Every issue of an earlier `docconform.results/1` file, reported or accepted then.
    public mutating func addBaseline(parsing bytes: [UInt8]) throws(IgnoreFileError) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw IgnoreFileError(message: "not a docconform.results/1 file: \(error.message)", line: error.line)
        }
        guard root["format"]?.stringValue == "docconform.results/1", let results = root["results"]?.arrayValue else {
            throw IgnoreFileError(message: "not a docconform.results/1 file (no \"format\": \"docconform.results/1\" with \"results\")")
        }
        for result in results {
            let direction = result["direction"]?.stringValue.flatMap(Direction.init(rawValue:))
            for list in ["errors", "accepted"] {
                for issue in result[list]?.arrayValue ?? [] {
                    guard let code = issue["code"]?.stringValue.flatMap(IssueCode.init(rawValue:)) else { continue }
                    baseline.insert(Key(service: result["service"]?.stringValue, operation: result["operation"]?.stringValue,
                                        direction: direction, code: code, path: issue["path"]?.stringValue ?? "",
                                        message: issue["message"]?.stringValue ?? ""))
                }
            }
        }
    }

    /// Moves the record's accepted issues from `issues` to `accepted`.
    public func apply(to record: inout RecordResult) {
        guard !record.issues.isEmpty else { return }
        var kept: [ValidationIssue] = []
        for issue in record.issues {
            if accepts(issue, record) { record.accepted.append(issue) } else { kept.append(issue) }
        }
        if kept.count != record.issues.count { record.issues = kept }
    }

    private func accepts(_ issue: ValidationIssue, _ r: RecordResult) -> Bool {
        if !baseline.isEmpty, baseline.contains(Key(service: r.service, operation: r.operation, direction: r.direction,
                                                    code: issue.code, path: issue.path, message: issue.message)) { return true }
        return rules.firstMatch(kind: issue.code.rawValue, service: r.service ?? "", operation: r.operation ?? "", path: issue.path) != nil
    }
}
