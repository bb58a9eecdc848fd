import APIModel

/// Which node of a member's type each of its fact lines is about. A type may nest
/// collections (`Array of arrays of strings`, `String to string to string map map`), and a
/// page lists each level's facts in turn, outer level first: a count (`Array Members`,
/// `Map Entries`) or a `Key ...` fact given again belongs to the next level down that can
/// take it. Scalar facts (length, range, pattern, valid values, a map's `Value ...` facts)
/// are about the innermost value; given again there with another value, they contradict each
/// other, and the first is kept.
struct FactPlacement: Sendable {
    private enum Level: Equatable, Sendable { case list, map }

    /// The collections from the member down to its innermost value (a list's items, a map's
    /// values), each one's count and key facts, and the innermost value's facts.
    private var levels: [Level] = []
    private var counts: [(min: Bound?, max: Bound?)?] = []
    private var keyFacts: [[Fact]] = []
    /// The facts about the innermost value; nil when they are the entry's facts as read.
    private(set) var leafFacts: [(fact: Fact, line: Int)]?
    /// Facts that contradict one given before, or that no node of the type can take.
    private(set) var conflicts: [(line: Int, message: String)] = []
    /// A fact no node of the type could take: the model lacks it.
    private(set) var lost = false

    /// Whether an entry's facts need placing: not for the usual entry (no fact given twice,
    /// none about a map key, each count for a collection the type has), whose facts are read as
    /// they are: each count by the first collection of its kind, the rest by the innermost value.
    static func needed(for phrase: TypePhrase, _ facts: [(fact: Fact, line: Int)]) -> Bool {
        var node = phrase
        var hasList = false, hasMap = false
        spine: while true {
            switch node {
            case let .list(item): hasList = true; node = item
            case let .map(_, value): hasMap = true; node = value
            default: break spine
            }
        }
        var leafIsStructure = false
        if case .structure = node { leafIsStructure = true }
        return repeatsOrKeys(facts, hasList: hasList, hasMap: hasMap, leafIsStructure: leafIsStructure)
    }

    init(_ phrase: TypePhrase, _ facts: [(fact: Fact, line: Int)]) {
        var node = phrase
        spine: while true {
            switch node {
            case let .list(item): levels.append(.list); node = item
            case let .map(_, value): levels.append(.map); node = value
            default: break spine
            }
        }
        var leafIsStructure = false
        if case .structure = node { leafIsStructure = true }
        counts = Array(repeating: nil, count: levels.count)
        keyFacts = Array(repeating: [], count: levels.count)
        var leaf: [(fact: Fact, line: Int)] = []
        // The level that last took each kind of fact (by `slot(of:)`), and the leaf's first fact of each slot.
        var lastList = -1, lastMap = -1
        var lastKey = SIMD4<Int>(repeating: -1)
        var leafSeen = SIMD4<Int>(repeating: -1)
        for (fact, line) in facts {
            switch fact {
            case .type, .required, .httpStatus:
                continue
            case let .count(min, max, isMap):
                let kind: Level = isMap ? .map : .list
                let last = isMap ? lastMap : lastList
                if let level = levels.indices.first(where: { $0 > last && levels[$0] == kind }) {
                    counts[level] = (min, max)
                    if isMap { lastMap = level } else { lastList = level }
                } else if last >= 0 {
                    if counts[last]!.min != min || counts[last]!.max != max {
                        conflicts.append((line, "\(Self.describe(fact)) contradicts the line before it about the same \(isMap ? "map" : "array"); the first is read"))
                    }
                } else if leafIsStructure {
                    // A structure whose page is missing may turn out a list or map (read from the syntax).
                    leaf.append((fact, line))
                } else {
                    conflicts.append((line, "\(Self.describe(fact)) for a member whose type has no \(isMap ? "map" : "array"); not read"))
                    lost = true
                }
            default:
                let slot = Self.slot(of: fact)
                if fact.target == .key {
                    if let level = levels.indices.first(where: { $0 > lastKey[slot] && levels[$0] == .map }) {
                        keyFacts[level].append(fact)
                        lastKey[slot] = level
                    } else if lastKey[slot] >= 0 {
                        let level = lastKey[slot]
                        if keyFacts[level].last(where: { Self.slot(of: $0) == slot }) != fact {
                            conflicts.append((line, "\(Self.describe(fact)) contradicts the line before it about the same map key; the first is read"))
                        }
                    } else {
                        conflicts.append((line, "\(Self.describe(fact)) for a member whose type has no map; not read"))
                        lost = true
                    }
                } else if leafSeen[slot] >= 0 {
                    if leaf[leafSeen[slot]].fact != fact.retargeted(.own) {
                        conflicts.append((line, "\(Self.describe(fact)) contradicts the line before it about the same value; the first is read"))
                    }
                } else {
                    leafSeen[slot] = leaf.count
                    leaf.append((fact.retargeted(.own), line))
                }
            }
        }
        leafFacts = leaf
    }

    /// Whether the entry is not the usual one (see `plain`).
    private static func repeatsOrKeys(_ facts: [(fact: Fact, line: Int)], hasList: Bool, hasMap: Bool, leafIsStructure: Bool) -> Bool {
        var seen = SIMD8<Int>(repeating: 0)
        for (fact, _) in facts {
            switch fact {
            case .type, .required, .httpStatus: continue
            case let .count(_, _, isMap):
                seen[isMap ? 5 : 4] += 1
                if !(isMap ? hasMap : hasList), !leafIsStructure { return true }
            default:
                if fact.target == .key { return true }
                seen[slot(of: fact)] += 1
            }
        }
        return seen.max() > 1
    }

    /// The count of collection `level` (nil for none, or a level the type does not have).
    func count(at level: Int) -> (min: Bound?, max: Bound?)? {
        counts.indices.contains(level) ? counts[level] : nil
    }

    /// The `Key ...` facts of the map at `level`.
    func keyFacts(at level: Int) -> [Fact] {
        keyFacts.indices.contains(level) ? keyFacts[level] : []
    }

    /// The node a fact sets: length, range, pattern or values (a map's key and its value apart).
    private static func slot(of fact: Fact) -> Int {
        switch fact {
        case .length: return 0
        case .range: return 1
        case .pattern: return 2
        case .validValues: return 3
        case .count, .type, .required, .httpStatus: return 0
        }
    }

    private static func describe(_ fact: Fact) -> String {
        switch fact {
        case let .count(_, _, isMap): return isMap ? "Map Entries" : "Array Members"
        case let .length(_, _, t): return t == .key ? "Key Length Constraints" : t == .value ? "Value Length Constraints" : "Length Constraints"
        case let .range(_, _, t): return t == .key ? "Key Valid Range" : t == .value ? "Value Valid Range" : "Valid Range"
        case let .pattern(_, t): return t == .key ? "Key Pattern" : t == .value ? "Value Pattern" : "Pattern"
        case let .validValues(_, t): return t == .key ? "Key Valid Values" : t == .value ? "Value Valid Values" : "Valid Values"
        case .type: return "Type"
        case .required: return "Required"
        case .httpStatus: return "HTTP Status Code"
        }
    }
}
