extension Array where Element: Equatable {
    /// The elements without repeats, each where it first came. Compared pairwise: the lists it
    /// serves (a pattern's few code points or strings) are short, and a `Set` of a generic type
    /// the run meets first costs the Swift runtime more than these compares do.
    func distinctInOrder() -> [Element] {
        var distinct: [Element] = []
        for e in self where !distinct.contains(e) { distinct.append(e) }
        return distinct
    }
}
