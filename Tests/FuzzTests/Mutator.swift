/// A fixed-seed generator (SplitMix64): a seed always gives the same cases.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The ways a document or payload is broken: cut, bit-flipped, NUL-laden, re-encoded
/// (CRLF, BOM, UTF-16), nested deep, given a huge value, or several of these at once.
enum Mutation: String, CaseIterable {
    case truncate, bitFlips, nulBytes, crlf, bom, utf16, deepNesting, hugeValue, duplicateChunk, deleteChunk, stacked

    /// What the mutation keeps of the content: re-encodings keep everything, so the document
    /// must read exactly as the original.
    var keepsContent: Bool { self == .crlf || self == .bom || self == .utf16 }
}

struct Mutator {
    var random: SplitMix64

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func apply(_ mutation: Mutation, to bytes: [UInt8], nesting: Nesting) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        switch mutation {
        case .truncate:
            return Array(bytes.prefix(int(0..<bytes.count)))
        case .bitFlips:
            var b = bytes
            for _ in 0..<int(1..<9) { b[int(0..<b.count)] ^= UInt8(1) << UInt8(int(0..<8)) }
            return b
        case .nulBytes:
            var b = bytes
            for _ in 0..<int(1..<5) { b.insert(0, at: int(0..<(b.count + 1))) }
            return b
        case .crlf:
            return bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        case .bom:
            return [0xEF, 0xBB, 0xBF] + bytes
        case .utf16:
            var out: [UInt8] = [0xFF, 0xFE]
            for unit in String(decoding: bytes, as: UTF8.self).utf16 { out += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return out
        case .deepNesting:
            let depth = [600, 1_100, 3_000, 20_000][int(0..<4)]
            return inject(nesting.open(depth) + nesting.close(depth), into: bytes, valueSlot: nesting.valueSlots)
        case .hugeValue:
            let size = [70_000, 1 << 20, 5 << 20][int(0..<3)]
            return inject(nesting.huge(size, &random), into: bytes, valueSlot: nesting.valueSlots)
        case .duplicateChunk:
            let start = int(0..<bytes.count), length = int(1..<min(4096, bytes.count - start) + 1)
            let chunk = bytes[start..<(start + length)]
            let at = int(0..<(bytes.count + 1))
            return Array(bytes[..<at]) + chunk + Array(bytes[at...])
        case .deleteChunk:
            let start = int(0..<bytes.count), length = int(1..<min(4096, bytes.count - start) + 1)
            return Array(bytes[..<start]) + Array(bytes[(start + length)...])
        case .stacked:
            var b = bytes
            for _ in 0..<int(2..<4) {
                let pick = [Mutation.truncate, .bitFlips, .nulBytes, .crlf, .bom, .duplicateChunk, .deleteChunk][int(0..<7)]
                b = apply(pick, to: b, nesting: nesting)
            }
            return b
        }
    }

    /// `piece` in place of a JSON string value (so the document stays JSON), or at a line start.
    private mutating func inject(_ piece: [UInt8], into bytes: [UInt8], valueSlot: Bool) -> [UInt8] {
        let at = int(0..<(bytes.count + 1))
        if valueSlot, let (start, end) = stringValue(in: bytes, from: at) ?? stringValue(in: bytes, from: 0) {
            return Array(bytes[..<start]) + piece + Array(bytes[end...])
        }
        let line = bytes[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? at
        return Array(bytes[..<line]) + piece + Array(bytes[line...])
    }

    /// The first `": "string"` value at or after `from`: its token's range.
    private func stringValue(in b: [UInt8], from: Int) -> (Int, Int)? {
        var i = from
        while i + 1 < b.count {
            if b[i] == 0x3A {  // :
                var j = i + 1
                while j < b.count, b[j] == 0x20 || b[j] == 0x0A || b[j] == 0x09 { j += 1 }
                if j < b.count, b[j] == 0x22 {
                    var k = j + 1
                    while k < b.count, b[k] != 0x22 { k += b[k] == 0x5C ? 2 : 1 }
                    if k < b.count { return (j, k + 1) }
                }
            }
            i += 1
        }
        return nil
    }
}

/// How each format nests, for the deep-nesting and huge-value mutations.
enum Nesting: Sendable {
    case json, html, text

    /// JSON: deep or huge values replace a string value; other formats get them at a line start.
    var valueSlots: Bool { self == .json }

    func open(_ depth: Int) -> [UInt8] {
        switch self {
        case .json: return Array(String(repeating: "[", count: depth).utf8)
        case .html: return Array(String(repeating: "<div><ul><li>", count: depth / 3).utf8)
        case .text: return Array((0..<min(depth, 2_000)).map { String(repeating: "  ", count: $0) + "- item\n" }.joined().utf8)
        }
    }

    func close(_ depth: Int) -> [UInt8] {
        switch self {
        case .json: return Array(String(repeating: "]", count: depth).utf8)
        case .html: return Array(String(repeating: "</li></ul></div>", count: depth / 3).utf8)
        case .text: return []
        }
    }

    func huge(_ n: Int, _ random: inout SplitMix64) -> [UInt8] {
        switch self {
        case .json: return Array(("\"" + String(repeating: "a", count: n) + "\"").utf8)
        case .html: return Array(("<p>" + String(repeating: "word ", count: n / 5) + "</p>\n").utf8)
        case .text:
            let words = ["Type:", "String", "[", "]", "(", "Required:", "**", "`", "{", "}", " "]
            var line = ""
            while line.utf8.count < n { line += words[Int.random(in: 0..<words.count, using: &random)] }
            return Array((line + "\n").utf8)
        }
    }
}
