import Foundation

/// A hash table from texts to values for the interpreter's memos (fact lines, type phrases),
/// which are asked once per entry line: `Dictionary<String, _>` spends most of such a lookup
/// in SipHash and its generic probing; here a text is hashed eight bytes at a step (only its
/// length and both ends when it is long) and compared byte for byte (facts are kept verbatim,
/// so two spellings of one text are two keys). Open addressing with linear probing.
struct TextTable<Value> {
    private var keys: [String?]
    private var hashes: [UInt64]
    private var values: [Value?]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    subscript(text: String) -> Value? {
        get {
            var text = text
            return text.withUTF8 { bytes in
                let h = Self.hash(bytes)
                var slot = Int(truncatingIfNeeded: h) & mask
                while let key = keys[slot] {
                    if hashes[slot] == h, Self.equal(key, bytes) { return values[slot] }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
        set {
            guard let newValue else { return } // entries are never removed
            if (count + 1) * 4 > keys.count * 3 { grow() }
            var copy = text
            let h = copy.withUTF8 { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while let key = keys[slot] {
                if hashes[slot] == h, copy.withUTF8({ Self.equal(key, $0) }) {
                    values[slot] = newValue
                    return
                }
                slot = (slot + 1) & mask
            }
            keys[slot] = text
            hashes[slot] = h
            values[slot] = newValue
            count += 1
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldHashes = hashes, oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        for i in oldKeys.indices {
            guard let key = oldKeys[i] else { continue }
            var slot = Int(truncatingIfNeeded: oldHashes[i]) & mask
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = key
            hashes[slot] = oldHashes[i]
            values[slot] = oldValues[i]
        }
    }

    private static func equal(_ key: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var key = key
        return key.withUTF8 { k in
            guard k.count == bytes.count else { return false }
            guard let a = k.baseAddress, let b = bytes.baseAddress else { return true }
            return memcmp(a, b, k.count) == 0
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
