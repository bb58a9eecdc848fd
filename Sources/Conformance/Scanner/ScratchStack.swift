#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable stack of trivial values in manually managed memory: push/pop without the
/// uniqueness checks and bounds checks of Array, for the scanner's per-value bookkeeping.
/// The memory is malloc's, grown with `realloc`: a large block is moved by remapping its pages,
/// not copied into fresh ones (each fresh page is a fault, ~1.5 µs on this machine's VM).
struct ScratchStack<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        // malloc aligns to 16 bytes, enough for every element kept here.
        assert(MemoryLayout<Element>.alignment <= 16)
        self.capacity = max(capacity, 1)
        base = malloc(self.capacity * MemoryLayout<Element>.stride)!.bindMemory(to: Element.self, capacity: self.capacity)
    }

    func release() { free(base) }

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
        guard let bigger = realloc(base, capacity * 2 * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        base = bigger.bindMemory(to: Element.self, capacity: capacity * 2)
        capacity *= 2
    }
}
