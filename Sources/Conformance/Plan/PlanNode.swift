/// The kinds a plan node checks; `document` accepts any JSON value.
enum NodeKind: UInt8 {
    case structure, union, list, map, string, integer, long, float, double, boolean, timestamp, blob, document
}

/// One compiled shape: a flat, index-linked record the scanner reads without retain/release.
struct PlanNode {
    var kind: NodeKind
    var hasMin = false
    var hasMax = false
    /// Members (structure/union): `members[memberStart ..< memberStart + memberCount]`.
    var memberStart: Int32 = 0
    var memberCount: Int32 = 0
    /// Member lookup: open-addressed slots `slots[slotStart ... slotStart + slotMask]` holding member offsets + 1.
    var slotStart: Int32 = 0
    var slotMask: Int32 = 0
    var requiredCount: Int32 = 0
    /// list: item node; map: value node.
    var child: Int32 = -1
    /// map: key node.
    var keyChild: Int32 = -1
    var enumSet: Int32 = -1
    var pattern: Int32 = -1
    /// The node's `PlanBounds` when it has a min or max (most have neither: kept apart, they
    /// made every node 72 bytes instead of 44).
    var bounds: Int32 = -1

    init(kind: NodeKind) { self.kind = kind }
}

/// A node's bounds: lengths and integer ranges exact in Int64, float ranges in Double (each
/// read only where the node's `hasMin`/`hasMax` says it is set).
struct PlanBounds {
    var minInt: Int64 = 0
    var maxInt: Int64 = 0
    var minReal: Double = 0
    var maxReal: Double = 0
}

struct PlanMember {
    var nameStart: Int32
    var nameLength: Int32
    var node: Int32
    var required: Bool
}

/// A set of allowed byte strings (an enum), looked up by hash.
struct EnumSet {
    var valueStart: Int32
    var valueCount: Int32
    var slotStart: Int32
    var slotMask: Int32
}

/// `byteKeyHash` of a buffer, which may be empty (and then have no base address).
@inline(__always)
func byteKeyHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    byteKeyHash(bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, bytes.count)
}

/// `byteKeyHash` of a string's UTF-8 bytes, read in place (every 8-byte word mixed).
@inline(__always)
func byteKeyHash(_ s: String) -> UInt64 {
    s.withUTF8InPlace { byteKeyHash($0) }
}

/// A cheap hash of a short byte string: length, the first/last 8 bytes and the 8-byte words
/// between them mixed. Not collision-free: every user compares bytes on a hit.
@inline(__always)
func byteKeyHash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
    if n >= 8 {
        let a = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let b = UnsafeRawPointer(p + (n - 8)).loadUnaligned(as: UInt64.self)
        h ^= a &* 0xC2B2_AE3D_27D4_EB4F
        h = (h << 31 | h >> 33) ^ (b &* 0x1656_67B1_9E37_79F9)
        if n > 16 {
            // Long names often share prefix and suffix (`TOTAL_SCOPE_2_..._EMISSIONS`): mix the middle too.
            var i = 8
            while i + 8 <= n - 8 {
                let m = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                h = (h << 27 | h >> 37) ^ (m &* 0x9E37_79B9_7F4A_7C15)
                i += 8
            }
        }
    } else {
        var v: UInt64 = 0
        for i in 0..<n { v = v << 8 | UInt64(p[i]) }
        h ^= v &* 0xC2B2_AE3D_27D4_EB4F
    }
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 32)
}
