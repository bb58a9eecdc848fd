/// Entry numbers found by a 64-bit hash of their key: open addressing with linear probing, at
/// most half full, each hit confirmed by the caller against its own copy of the key. The tables
/// that look keys up on every record or every compile keep their entries in arrays of their own
/// and find them here: patterns by their text, operation names by their bytes, member tables by
/// the model storage they were compiled from, grouped text results by their issue. A slot is 4 bytes, so a table sized for
/// thousands of entries touches a few pages (a `Dictionary` of 32-byte keys touched a hundred
/// and forty, a page fault each, and hashed every key with SipHash).
struct HashSlots {
    /// Entry number + 1 by slot; 0 is free.
    private var slots: [Int32]
    /// Each entry's hash, by entry number: growing re-places entries without their keys.
    private var hashes: [UInt64] = []
    /// 64 minus log2 of the slot count: slots are chosen by the hash's top bits after a
    /// multiply, so keys whose low bits repeat (pointers, short names) still spread.
    private var shift: UInt64

    /// `capacity` is rounded up to a power of two (at least 16).
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// How many entries there are (the next one appended is numbered so).
    var count: Int { hashes.count }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The entry with this hash for which `matches` holds, or nil.
    @inline(__always)
    func find(_ hash: UInt64, where matches: (Int) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { table in
            hashes.withUnsafeBufferPointer { hashOf in
                let mask = table.count - 1
                var slot = home(hash)
                while true {
                    let v = Int(table[slot])
                    if v == 0 { return nil }
                    if hashOf[v - 1] == hash && matches(v - 1) { return v - 1 }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Adds entry number `count` under this hash.
    mutating func append(_ hash: UInt64) {
        hashes.append(hash)
        if hashes.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            shift -= 1
            for i in hashes.indices { place(i) }
        } else {
            place(hashes.count - 1)
        }
    }

    /// No entries, keeping the room grown so far (a table used again for the next batch).
    mutating func removeAll() {
        hashes.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    private mutating func place(_ i: Int) {
        let mask = slots.count - 1
        var slot = home(hashes[i])
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(i + 1)
    }
}
