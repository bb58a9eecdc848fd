import APIModel

/// Direction-aware breaking-change rules. A change to what a client sends (input) breaks
/// callers when it rejects requests that used to be valid; a change to what it receives
/// (output) breaks callers when it yields responses their code cannot have expected.
/// README.md's breaking-change table is `SeverityRules.table` printed (ChangeKindFixtureTests
/// checks every row against a fixture pair).
public enum SeverityRules {
    public static func classify(_ change: Change) -> Severity {
        let input = change.direction != .output
        switch change.kind {
        case .serviceAdded, .operationAdded: return .info
        case .serviceRemoved, .operationRemoved: return .breaking
        case .operationDeprecated, .memberDeprecated: return .dangerous
        case .memberAdded:
            // A new required input member rejects every existing call.
            return input && change.required == true ? .breaking : .info
        case .memberRemoved:
            // Input: requests that still send it are rejected; output: readers lose data.
            return .breaking
        case .requiredAdded: return input ? .breaking : .info
        case .requiredRemoved: return input ? .info : .dangerous
        case .typeChanged: return .breaking
        case .enumValueAdded:
            // Output: exhaustive switches over the enum meet a value they do not know.
            return input ? .info : .dangerous
        case .enumValueRemoved: return input ? .breaking : .info
        case .constraintChanged:
            switch tightening(change) {
            case .tighter: return input ? .breaking : .info
            case .looser: return input ? .info : .dangerous
            case .unknown: return .dangerous
            }
        }
    }

    enum Tightening { case tighter, looser, unknown }

    /// Whether a constraint change accepts fewer values (tighter) or more (looser).
    static func tightening(_ change: Change) -> Tightening {
        switch change.constraint {
        case .min?:
            switch (change.from, change.to) {
            case (nil, _?): return .tighter
            case (_?, nil): return .looser
            case let (.number(a)?, .number(b)?): return b > a ? .tighter : .looser
            default: return .unknown
            }
        case .max?:
            switch (change.from, change.to) {
            case (nil, _?): return .tighter
            case (_?, nil): return .looser
            case let (.number(a)?, .number(b)?): return b < a ? .tighter : .looser
            default: return .unknown
            }
        case .pattern?:
            switch (change.from, change.to) {
            case (nil, _?): return .tighter
            case (_?, nil): return .looser
            default: return .unknown // two regular expressions cannot be ordered cheaply
            }
        case nil: return .unknown
        }
    }

    /// One row per kind (and variant): kind, variant, input severity, output severity.
    public static let table: [(kind: String, variant: String, input: Severity, output: Severity)] = {
        func row(_ kind: ChangeKind, _ variant: String, _ make: (Direction) -> Change) -> (String, String, Severity, Severity) {
            (kind.rawValue, variant, classify(make(.input)), classify(make(.output)))
        }
        func c(_ kind: ChangeKind, _ d: Direction?, required: Bool? = nil, constraint: ConstraintName? = nil,
               from: ChangeValue? = nil, to: ChangeValue? = nil) -> Change {
            Change(kind: kind, service: "s", operation: "o", direction: d, path: "p", required: required,
                   constraint: constraint, from: from, to: to)
        }
        let one = ChangeValue.number(.integer(1)), two = ChangeValue.number(.integer(2))
        let re = ChangeValue.text("^a"), re2 = ChangeValue.text("^b")
        return [
            row(.serviceAdded, "") { _ in c(.serviceAdded, nil) },
            row(.serviceRemoved, "") { _ in c(.serviceRemoved, nil) },
            row(.operationAdded, "") { _ in c(.operationAdded, nil) },
            row(.operationRemoved, "") { _ in c(.operationRemoved, nil) },
            row(.operationDeprecated, "") { _ in c(.operationDeprecated, nil) },
            row(.memberAdded, "optional") { c(.memberAdded, $0, required: false) },
            row(.memberAdded, "required") { c(.memberAdded, $0, required: true) },
            row(.memberRemoved, "") { c(.memberRemoved, $0) },
            row(.memberDeprecated, "") { c(.memberDeprecated, $0) },
            row(.requiredAdded, "") { c(.requiredAdded, $0) },
            row(.requiredRemoved, "") { c(.requiredRemoved, $0) },
            row(.typeChanged, "") { c(.typeChanged, $0, from: .text("integer"), to: .text("string")) },
            row(.enumValueAdded, "") { c(.enumValueAdded, $0) },
            row(.enumValueRemoved, "") { c(.enumValueRemoved, $0) },
            row(.constraintChanged, "min raised / added") { c(.constraintChanged, $0, constraint: .min, from: one, to: two) },
            row(.constraintChanged, "min lowered / removed") { c(.constraintChanged, $0, constraint: .min, from: two, to: one) },
            row(.constraintChanged, "max lowered / added") { c(.constraintChanged, $0, constraint: .max, from: two, to: one) },
            row(.constraintChanged, "max raised / removed") { c(.constraintChanged, $0, constraint: .max, from: one, to: two) },
            row(.constraintChanged, "pattern added") { c(.constraintChanged, $0, constraint: .pattern, from: nil, to: re) },
            row(.constraintChanged, "pattern removed") { c(.constraintChanged, $0, constraint: .pattern, from: re, to: nil) },
            row(.constraintChanged, "pattern changed") { c(.constraintChanged, $0, constraint: .pattern, from: re, to: re2) },
        ].map { (kind: $0.0, variant: $0.1, input: $0.2, output: $0.3) }
    }()
}
