import APIModel
import OrderedCollections

/// A structure's members collected in page order, then handed to its `OrderedDictionary` at
/// once. Inserting them one by one copied every member shape (`updateValue` borrows its value)
/// and destroyed the original: a retain and a release per member, and a copy of its facts at
/// its next change.
/// A key given again keeps its place and takes the later shape, as `updateValue` does.
struct MemberList {
    private var keys: [String] = []
    private var values: [Shape] = []
    /// Positions by key, made only for long lists (short ones are searched).
    private var positions: [String: Int]?
    init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var isEmpty: Bool { keys.isEmpty }

    /// Adds `value` under `key`; true when the key was there already (its shape is replaced).
    @discardableResult
    mutating func add(_ value: consuming Shape, forKey key: String) -> Bool {
        if let i = position(of: key) {
            values[i] = value
            return true
        }
        positions?[key] = keys.count
        keys.append(key)
        values.append(value)
        if positions == nil, keys.count > 16 {
            positions = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }
        return false
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }

    /// The members, in order.
    consuming func dictionary() -> OrderedDictionary<String, Shape> {
        OrderedDictionary(uncheckedUniqueKeys: keys, values: values)
    }
}
