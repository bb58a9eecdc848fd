/// One value in manually allocated memory, for state several objects read and write through
/// a pointer (a plan's table views, the DFAs' shared budget). State one object owns is a
/// stored `@exclusivity(unchecked) var` instead: as fast, without the indirection.
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
