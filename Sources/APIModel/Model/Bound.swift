/// A `min`/`max` value: integral for lengths, counts and integer ranges, possibly
/// fractional for float/double ranges. Integers are kept exact (a `long` max of
/// 9223372036854775807 must not round through Double).
public enum Bound: Sendable, Hashable, CustomStringConvertible, Comparable {
    case integer(Int64)
    case real(Double)

    public init?(literal: String) {
        if let i = Int64(literal) { self = .integer(i); return }
        guard let d = Double(literal), d.isFinite else { return nil }
        if d == d.rounded(), abs(d) < 9.0e15 { self = .integer(Int64(d)) } else { self = .real(d) }
    }

    public var doubleValue: Double {
        switch self {
        case let .integer(i): return Double(i)
        case let .real(d): return d
        }
    }

    /// The JSON literal: integers without a fraction, reals in Swift's shortest round-trip form.
    public var literal: String {
        switch self {
        case let .integer(i): return String(i)
        case let .real(d): return "\(d)"
        }
    }

    public var description: String { literal }

    public static func < (lhs: Bound, rhs: Bound) -> Bool {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)): return a < b
        default: return lhs.doubleValue < rhs.doubleValue
        }
    }
}
