/// One value in manually allocated memory. Hot mutable state of the scanner and matchers
/// lives in cells behind computed properties: an access through a pointer needs none of the
/// dynamic exclusivity checks Swift puts on every access to a class's stored `var`.
struct UncheckedCell<Value> {
    let pointer: UnsafeMutablePointer<Value>

    init(_ value: Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }

    /// Call once, from the owner's deinit.
    func free() {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
