/// Raw views of a plan's tables, valid until the plan compiles more operations: the scanner
/// reads them without bounds-checked array access or reference counting.
struct PlanStorage {
    var nodes: UnsafeBufferPointer<PlanNode>
    var members: UnsafeBufferPointer<PlanMember>
    var namePool: UnsafeBufferPointer<UInt8>
    var slots: UnsafeBufferPointer<Int32>
    var enumSets: UnsafeBufferPointer<EnumSet>
    var enumValueRanges: UnsafeBufferPointer<(start: Int32, length: Int32)>
    var bounds: UnsafeBufferPointer<PlanBounds>

    static var empty: PlanStorage { PlanStorage(nodes: .init(start: nil, count: 0), members: .init(start: nil, count: 0),
                                   namePool: .init(start: nil, count: 0), slots: .init(start: nil, count: 0),
                                   enumSets: .init(start: nil, count: 0), enumValueRanges: .init(start: nil, count: 0),
                                   bounds: .init(start: nil, count: 0)) }
}

extension ValidationPlan {
    /// The member of a structure node whose name is these bytes, or -1.
    @inline(__always)
    static func findMember(_ s: PlanStorage, _ node: PlanNode, _ key: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let mask = Int(node.slotMask)
        var slot = Int(byteKeyHash(key, n) & UInt64(mask))
        let base = Int(node.slotStart)
        while true {
            let v = Int(s.slots[base + slot])
            if v == 0 { return -1 }
            let mi = Int(node.memberStart) + v - 1
            let m = s.members[mi]
            if Int(m.nameLength) == n, memcmpBytes(s.namePool.baseAddress! + Int(m.nameStart), key, n) { return mi }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    static func enumContains(_ s: PlanStorage, _ set: EnumSet, _ value: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let mask = Int(set.slotMask)
        var slot = Int(byteKeyHash(value, n) & UInt64(mask))
        let base = Int(set.slotStart)
        while true {
            let v = Int(s.slots[base + slot])
            if v == 0 { return false }
            let r = s.enumValueRanges[Int(set.valueStart) + v - 1]
            if Int(r.length) == n, memcmpBytes(s.namePool.baseAddress! + Int(r.start), value, n) { return true }
            slot = (slot + 1) & mask
        }
    }
}

/// Whether `n` bytes at `a` and `b` are equal: words of 8, then the rest as one word (or two
/// halves) overlapping what was compared already, never a byte at a time for n >= 2.
@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    @inline(__always) func same<W: FixedWidthInteger>(_ at: Int, _: W.Type) -> Bool {
        ra.loadUnaligned(fromByteOffset: at, as: W.self) == rb.loadUnaligned(fromByteOffset: at, as: W.self)
    }
    if n >= 8 {
        var i = 0
        while i + 8 <= n {
            if !same(i, UInt64.self) { return false }
            i += 8
        }
        return i == n || same(n - 8, UInt64.self)
    }
    if n >= 4 { return same(0, UInt32.self) && same(n - 4, UInt32.self) }
    if n >= 2 { return same(0, UInt16.self) && same(n - 2, UInt16.self) }
    return n == 0 || a[0] == b[0]
}
