extension Array {
    /// An array of at most `capacity` elements written in place by `initializer`, which sets how
    /// many it wrote; with no room (`capacity` 0) the empty array, `initializer` not called.
    ///
    /// Why not `init(unsafeUninitializedCapacity:initializingWith:)` itself: given 0 it stores the
    /// count into the one empty array every thread shares, a write ThreadSanitizer rightly reports
    /// as a race with any thread reading an empty array at the time.
    @inlinable
    public init(
        writingUpTo capacity: Int,
        _ initializer: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void
    ) rethrows {
        if capacity == 0 {
            self = []
            return
        }
        try self.init(unsafeUninitializedCapacity: capacity, initializingWith: initializer)
    }
}
