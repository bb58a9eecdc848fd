import Dispatch

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores; results keep the input order.
    public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        self.withUnsafeBufferPointer { items in
            nonisolated(unsafe) let items = items
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }
}

extension UnsafeMutableBufferPointer {
    /// Mutates each element in place, spread over the machine's cores (each element by one
    /// thread: no copy-on-write copies, unlike mapping copies of the elements).
    public func parallelForEach(_ body: @Sendable (inout Element) -> Void) {
        if count < 2 { for i in indices { body(&self[i]) }; return }
        nonisolated(unsafe) let slots = self
        DispatchQueue.concurrentPerform(iterations: count) { i in body(&slots[i]) }
    }
}
