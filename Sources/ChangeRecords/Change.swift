import APIModel

/// The change kinds of `docconform.diff/1` (spec/formats.md §2).
public enum ChangeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case serviceAdded = "service-added"
    case serviceRemoved = "service-removed"
    case operationAdded = "operation-added"
    case operationRemoved = "operation-removed"
    case operationDeprecated = "operation-deprecated"
    case memberAdded = "member-added"
    case memberRemoved = "member-removed"
    case memberDeprecated = "member-deprecated"
    case requiredAdded = "required-added"
    case requiredRemoved = "required-removed"
    case typeChanged = "type-changed"
    case enumValueAdded = "enum-value-added"
    case enumValueRemoved = "enum-value-removed"
    case constraintChanged = "constraint-changed"

    /// Declaration order: used to order changes that share a path.
    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: ChangeKind, b: ChangeKind) -> Bool { a.rank < b.rank }
}

/// `input` (the request) or `output` (the response).
public enum Direction: String, Sendable, Hashable, Comparable {
    case input, output
    public static func < (a: Direction, b: Direction) -> Bool { a == .input && b == .output }
}

/// The tool's judgement of a change; ordered info < dangerous < breaking.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case info, dangerous, breaking
    private var rank: Int { self == .info ? 0 : self == .dangerous ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// `constraint-changed`'s `constraint` field.
public enum ConstraintName: String, Sendable, Hashable {
    case min, max, pattern
}

/// `from`/`to` of a type or constraint change: a type name or pattern, or a bound.
public enum ChangeValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case number(Bound)

    public var description: String {
        switch self {
        case let .text(s): return s
        case let .number(b): return b.literal
        }
    }
}

/// One change between two models, with the fields §2 gives its kind.
public struct Change: Sendable, Hashable {
    public var kind: ChangeKind
    public var service: String
    /// nil for service-level kinds.
    public var operation: String?
    public var direction: Direction?
    /// Member path from the input/output root (`Reservations[].Instances[].State`); "" is the root.
    public var path: String?
    /// member-added: whether the new member is required.
    public var required: Bool?
    /// enum-value-added/removed: the value.
    public var value: String?
    public var constraint: ConstraintName?
    public var from: ChangeValue?
    public var to: ChangeValue?
    /// member-added: the new member's type as a changelog shows it.
    public var summary: TypeSummary?
    public var severity: Severity

    public var breaking: Bool { severity == .breaking }

    public init(kind: ChangeKind, service: String, operation: String? = nil, direction: Direction? = nil,
                path: String? = nil, required: Bool? = nil, value: String? = nil, constraint: ConstraintName? = nil,
                from: ChangeValue? = nil, to: ChangeValue? = nil, summary: TypeSummary? = nil, severity: Severity? = nil) {
        self.kind = kind
        self.service = service
        self.operation = operation
        self.direction = direction
        self.path = path
        self.required = required
        self.value = value
        self.constraint = constraint
        self.from = from
        self.to = to
        self.summary = summary
        self.severity = .info
        self.severity = severity ?? SeverityRules.classify(self)
    }

    /// A one-line description without service/operation (renderers add those as headings).
    public var detail: String {
        let at = path.map { $0.isEmpty ? "(root)" : $0 } ?? ""
        switch kind {
        case .serviceAdded: return "service added"
        case .serviceRemoved: return "service removed"
        case .operationAdded: return "operation added"
        case .operationRemoved: return "operation removed"
        case .operationDeprecated: return "operation deprecated"
        case .memberAdded:
            let type = summary.map { ": " + $0.pythonLiteral } ?? ""
            return "\(required == true ? "required " : "")member added \(at)\(type)"
        case .memberRemoved: return "member removed \(at)"
        case .memberDeprecated: return "member deprecated \(at)"
        case .requiredAdded: return "\(at) became required"
        case .requiredRemoved: return "\(at) is no longer required"
        case .typeChanged: return "\(at) type changed \(from?.description ?? "?") → \(to?.description ?? "?")"
        case .enumValueAdded: return "\(at) enum value added \"\(value ?? "")\""
        case .enumValueRemoved: return "\(at) enum value removed \"\(value ?? "")\""
        case .constraintChanged:
            let name = constraint?.rawValue ?? "constraint"
            return "\(at) \(name) \(from?.description ?? "none") → \(to?.description ?? "none")"
        }
    }
}

extension Change {
    /// The order every renderer and the JSON output use: by service, operation, direction,
    /// then the differ's walk order (kept by a stable sort).
    public static func stableSorted(_ changes: [Change]) -> [Change] {
        let indexed = changes.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { a, b in
            let (x, y) = (a.1, b.1)
            if x.service != y.service { return x.service < y.service }
            if x.operation != y.operation { return (x.operation ?? "") < (y.operation ?? "") }
            let dx = x.direction.map { $0 == .input ? 1 : 2 } ?? 0
            let dy = y.direction.map { $0 == .input ? 1 : 2 } ?? 0
            if dx != dy { return dx < dy }
            return a.0 < b.0
        }.map(\.1)
    }
}
