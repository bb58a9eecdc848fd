/// Names to indexes, looked up by their UTF-8 bytes (an XML element's local name as libxml2
/// hands it over) without making a String per lookup: open addressing over FNV-1a hashes.
struct NameTable {
    private struct Slot {
        var hash: UInt32
        var index: Int
        var name: [UInt8]
    }

    private var slots: [Slot?]
    private var mask: Int
    private(set) var count = 0

    init() {
        slots = Array(repeating: nil, count: 8)
        mask = 7
    }

    /// Adds `name` unless it is there already (the first index given wins).
    mutating func insert(_ name: String, _ index: Int) {
        let bytes = Array(name.utf8)
        let hash = bytes.withUnsafeBufferPointer(Self.hash)
        var i = Int(hash) & mask
        while let s = slots[i] {
            if s.hash == hash && s.name == bytes { return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(hash: hash, index: index, name: bytes)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    subscript(name: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(name)
        var i = Int(hash) & mask
        while let s = slots[i] {
            if s.hash == hash, s.name.count == name.count, s.name.withUnsafeBufferPointer({ $0.elementsEqual(name) }) { return s.index }
            i = (i + 1) & mask
        }
        return nil
    }

    subscript(name: String) -> Int? {
        var name = name
        return name.withUTF8 { self[$0] }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        mask = slots.count - 1
        for case let s? in old {
            var i = Int(s.hash) & mask
            while slots[i] != nil { i = (i + 1) & mask }
            slots[i] = s
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }
}
