/// The shape types of `docconform.model/1`.
public enum ShapeType: String, Sendable, Hashable, CaseIterable, Comparable {
    case structure, union, list, map
    case string, integer, long, float, double, boolean, timestamp, blob, document

    public var isAggregate: Bool { self == .structure || self == .union || self == .list || self == .map }
    public var hasMembers: Bool { self == .structure || self == .union }
    public var isNumber: Bool { self == .integer || self == .long || self == .float || self == .double }

    /// The type as a boto3 page can tell it: integer/long and float/double read the same there.
    public var coarsenedForBoto3: ShapeType {
        switch self {
        case .long: return .integer
        case .double: return .float
        default: return self
        }
    }

    public static func < (lhs: ShapeType, rhs: ShapeType) -> Bool { lhs.rawValue < rhs.rawValue }
}
