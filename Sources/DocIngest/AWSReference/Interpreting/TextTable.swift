import Foundation

/// A hash table from texts to values for the interpreter's memos (fact lines and their type
/// phrases, value lists), which are asked once per entry line: `Dictionary<String, _>` spent
/// most of such a lookup in SipHash and in retaining and comparing `String` keys. Here the
/// keys' bytes live in one arena, a text is hashed eight bytes at a step (only its length and
/// both ends when it is long) and compared byte for byte (facts are kept verbatim, so two
/// spellings of one text are two keys). Open addressing with linear probing; no removal.
struct TextTable<Value> {
    private struct Slot {
        var hash: UInt64 = 0
        var start = 0
        var count = 0
        /// Index into `values`; -1 for an empty slot.
        var value = -1
    }

    private var slots: [Slot]
    private var arena: [UInt8] = []
    private var values: [Value] = []
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    subscript(text: String) -> Value? {
        get {
            var text = text
            guard let i = text.withUTF8({ find($0).value }) else { return nil }
            return values[i]
        }
        set {
            guard let newValue else { return }
            var text = text
            text.withUTF8 { bytes in
                let (found, slot, h) = find(bytes)
                if let found {
                    values[found] = newValue
                    return
                }
                slots[slot] = Slot(hash: h, start: arena.count, count: bytes.count, value: values.count)
                arena.append(contentsOf: bytes)
                values.append(newValue)
                if values.count * 4 > slots.count * 3 { grow() }
            }
        }
    }

    /// The value index of `bytes` if present, else the empty slot where they would go; and their hash.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Int?, slot: Int, hash: UInt64) {
        let h = Self.hash(bytes)
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                var slot = Int(truncatingIfNeeded: h) & mask
                while slots[slot].value >= 0 {
                    let s = slots[slot]
                    if s.hash == h, s.count == bytes.count,
                       s.count == 0 || memcmp(arena.baseAddress! + s.start, bytes.baseAddress!, s.count) == 0 {
                        return (s.value, slot, h)
                    }
                    slot = (slot + 1) & mask
                }
                return (nil, slot, h)
            }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.value >= 0 {
            var slot = Int(truncatingIfNeeded: s.hash) & mask
            while slots[slot].value >= 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }

    /// Eight bytes at a step over the first and last 64 bytes, with the length.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        guard let base = bytes.baseAddress, n > 0 else { return h }
        let raw = UnsafeRawPointer(base)
        func mix(_ word: UInt64) {
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        func words(_ from: Int, _ to: Int) {
            var i = from
            while i + 8 <= to {
                mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < to {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            if shift > 0 { mix(tail) }
        }
        if n <= 128 {
            words(0, n)
        } else {
            words(0, 64)
            words(n - 64, n)
        }
        h = (h ^ (h >> 29)) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 32)
    }
}
