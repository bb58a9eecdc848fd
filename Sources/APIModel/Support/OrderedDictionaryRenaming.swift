import OrderedCollections

extension OrderedDictionary {
    /// Gives the entry under `old` the key `new` and `value`, in the same place.
    mutating func rename(_ old: Key, to new: Key, value: Value) {
        guard let index = index(forKey: old) else { return }
        removeValue(forKey: old)
        updateValue(value, forKey: new, insertingAt: index)
    }
}
