/// A growable stack of trivial values in manually managed memory: push/pop without the
/// uniqueness checks and bounds checks of Array, for the scanner's per-value bookkeeping.
struct ScratchStack<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func release() { base.deallocate() }

    @inline(__always) mutating func push(_ e: Element) {
        if count == capacity { grow() }
        base[count] = e
        count += 1
    }

    mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
        for e in elements { push(e) }
    }

    /// Appends a buffer with one copy.
    mutating func append(buffer: UnsafeBufferPointer<Element>) {
        reserve(buffer.count)
        if let source = buffer.baseAddress { (base + count).initialize(from: source, count: buffer.count) }
        count += buffer.count
    }

    @inline(__always) mutating func pop(_ n: Int = 1) { count -= n }

    @inline(__always) mutating func removeAll() { count = 0 }

    @inline(__always) subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// Room for `n` more elements.
    @inline(__always) mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(toFit: n) }
    }

    private mutating func grow(toFit n: Int) {
        while count + n > capacity { grow() }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
