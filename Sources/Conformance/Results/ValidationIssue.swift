/// The error codes of `docconform.results/1` (spec/formats.md §4), plus the codes for
/// records that could not be checked at all (malformed JSON, a broken record envelope).
public enum IssueCode: String, Sendable, Hashable, CaseIterable {
    case required, unknown, type, `enum`, length, range, pattern, union, operation
    /// The record is not valid JSON (syntax, invalid UTF-8, NaN/Infinity literals) or nests
    /// deeper than the validator follows; the message carries the byte offset.
    case malformed
    /// An object names the same key twice.
    case duplicate
    /// The record envelope lacks `service`/`operation`/`direction` or has a bad direction.
    case record
    /// An error response whose `Error.Code` is neither among the operation's documented errors
    /// nor one of AWS's common errors (`CommonErrors`).
    case undocumentedError = "undocumented-error"
    /// A value whose pattern could not be decided within the work bound (a pattern only ICU
    /// runs, backtracking on this value): not known to be valid (`--allow-unchecked` passes it).
    case unchecked

    /// The raw value as a static literal (written without a String).
    var literal: StaticString {
        switch self {
        case .required: "required"
        case .unknown: "unknown"
        case .type: "type"
        case .enum: "enum"
        case .length: "length"
        case .range: "range"
        case .pattern: "pattern"
        case .union: "union"
        case .operation: "operation"
        case .malformed: "malformed"
        case .duplicate: "duplicate"
        case .record: "record"
        case .undocumentedError: "undocumented-error"
        case .unchecked: "unchecked"
        }
    }

    /// The position in `allCases`.
    var ordinal: Int {
        switch self {
        case .required: 0
        case .unknown: 1
        case .type: 2
        case .enum: 3
        case .length: 4
        case .range: 5
        case .pattern: 6
        case .union: 7
        case .operation: 8
        case .malformed: 9
        case .duplicate: 10
        case .record: 11
        case .undocumentedError: 12
        case .unchecked: 13
        }
    }
}

/// One violation in one payload record.
public struct ValidationIssue: Sendable, Hashable {
    public var path: String
    public var code: IssueCode
    public var message: String

    public init(path: String, code: IssueCode, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }
}

/// What a record holds: a request (checked against the operation's input), a response (its
/// output) or an error response (`{"Error": {"Code": ...}, ...}` as botocore parses one,
/// checked against the operation's documented errors).
public enum Direction: String, Sendable, Hashable {
    case request, response, error
}

/// The outcome for one payload record, in input order.
public struct RecordResult: Sendable {
    public var id: String?
    public var service: String?
    public var operation: String?
    public var direction: Direction?
    /// Where the record came from: the file and, for `.jsonl`, its 1-based line.
    public var file: String
    public var line: Int
    public var issues: [ValidationIssue]
    /// Issues accepted by `--ignore`/`--baseline`: reported apart, they do not make the record invalid.
    public var accepted: [ValidationIssue] = []
    /// Payload bytes checked (for throughput figures).
    public var byteCount: Int
    /// The interned service/operation pair these names came from (-1: none), so writers can
    /// reuse what they wrote for it without comparing the strings again.
    var nameToken: Int32 = -1

    public var valid: Bool { issues.isEmpty }

    public init(id: String? = nil, service: String? = nil, operation: String? = nil, direction: Direction? = nil,
                file: String, line: Int, issues: [ValidationIssue] = [], byteCount: Int = 0) {
        self.id = id
        self.service = service
        self.operation = operation
        self.direction = direction
        self.file = file
        self.line = line
        self.issues = issues
        self.byteCount = byteCount
    }
}
