import APIModel
import Foundation

/// The API words of a compact changelog page (`GetEBSVolumeRecommendations`, `DBClusterArn`),
/// so that a run of two or more of a method name's segments finds the page's spelling
/// (`ebs_volume_recommendations` → `EBSVolumeRecommendations`). Only the words that contain
/// a run's letters are split into botocore name segments, when the run is asked for.
struct PageVocabulary {
    /// The page (shared, not copied) and its words' byte ranges in page order: a word is
    /// decoded only when it is a candidate spelling.
    private var bytes: [UInt8] = []
    private var words: [Range<Int>] = []
    /// The words lower-cased, each ended by a 0 byte, and where each starts: a run's letters
    /// are found here, so only the words that contain them are split into segments.
    private var lowered: [UInt8] = []
    private var starts: [Int] = []

    init() {}

    init(_ lines: ChangelogLines) {
        bytes = lines.bytes
        words = Self.pascalCaseWords(bytes)
        starts.reserveCapacity(words.count)
        lowered.reserveCapacity(words.reduce(words.count) { $0 + $1.count })
        bytes.withUnsafeBufferPointer { page in
            for word in words {
                starts.append(lowered.count)
                for i in word { lowered.append(page[i] >= 0x41 && page[i] <= 0x5A ? page[i] | 0x20 : page[i]) }
                lowered.append(0)
            }
        }
    }

    private func word(_ k: Int) -> String { String(decoding: bytes[words[k]], as: UTF8.self) }

    /// The page's spelling of these method-name segments, when a page word contains them:
    /// a word that is the whole run first, then the spelling of the run inside a longer word
    /// (only words whose segments spell them letter for letter lend a part), each in page order.
    func spelling<S: Collection<String>>(of segments: S) -> String? {
        guard segments.count > 1 else { return nil }
        // Put together by hand: `joined` on a slice of strings goes the slow generic way.
        var letters: [UInt8] = []
        var snake = ""
        for (k, segment) in segments.enumerated() {
            letters.append(contentsOf: segment.utf8)
            if k > 0 { snake += "_" }
            snake += segment
        }
        let candidates = wordsContaining(letters)
        for k in candidates where lowered[starts[k]..<starts[k] + words[k].count].elementsEqual(letters) {
            let word = word(k)
            if BotocoreNames.pythonMethodName(word) == snake { return word }
        }
        for k in candidates {
            let word = word(k)
            let parts = BotocoreNames.pythonMethodName(word).split(separator: "_")
            guard parts.count > segments.count, parts.joined() == word.lowercased() else { continue }
            // Segments and parts hold no `_` and none is empty, so a run of parts joined by
            // `_` is the snake name exactly when it is the segments one by one.
            for first in 0...(parts.count - segments.count) where parts[first..<first + segments.count].elementsEqual(segments, by: { $0 == $1 }) {
                let offsets = parts.prefix(first + segments.count).reduce(into: [0]) { $0.append($0.last! + $1.count) }
                let characters = Array(word)
                return String(characters[offsets[first]..<offsets[first + segments.count]])
            }
        }
        return nil
    }

    /// Indexes of the words whose lower-cased letters contain `needle`, in page order.
    private func wordsContaining(_ needle: [UInt8]) -> [Int] {
        guard !needle.isEmpty else { return [] }
        var found: [Int] = []
        lowered.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                guard let base = hay.baseAddress else { return }
                var p = 0
                let last = hay.count - n.count
                while p <= last, let hit = memchr(base + p, Int32(n[0]), last - p + 1) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    // Most hits of a first letter fail at the second (needles have two letters or more).
                    guard n.count < 2 || hay[at + 1] == n[1], memcmp(base + at, n.baseAddress!, n.count) == 0 else { p = at + 1; continue }
                    // The word holding the hit; the next search starts at the following word.
                    var lo = 0, hi = starts.count - 1
                    while lo < hi {
                        let mid = (lo + hi + 1) / 2
                        if starts[mid] <= at { lo = mid } else { hi = mid - 1 }
                    }
                    found.append(lo)
                    p = lo + 1 < starts.count ? starts[lo + 1] : hay.count
                }
            }
        }
        return found
    }

    /// The byte ranges of the page's distinct PascalCase ASCII words of two or more characters
    /// with a capital after the first letter (botocore splits only those into segments: `Fleet`,
    /// `Amazon` or `The` is one segment, and a spelling is of two or more), in page order,
    /// found from capital to capital (pages are large). Words are told apart by an open-addressing table
    /// of their byte ranges (FNV-1a hashes, bytes compared on a hit): hashing every word of
    /// a page through `Set` was a tenth of reading a changelog.
    static func pascalCaseWords(_ bytes: [UInt8]) -> [Range<Int>] {
        Self.wordBytes.withUnsafeBufferPointer { wordBytes in
            func isWordByte(_ c: UInt8) -> Bool { wordBytes[Int(c)] }
            return bytes.withUnsafeBufferPointer { buffer -> [Range<Int>] in
                // The closure's own arrays: ones captured from outside are boxed, and the
                // scan reads and writes them for every word.
                var ranges: [Range<Int>] = []
                var hashes: [UInt64] = []
                var slots = [Int32](repeating: -1, count: 1024)
                guard let base = buffer.baseAddress else { return ranges }
                let n = buffer.count
                var i = 0
                while i < n {
                    // To the next capital, eight bytes at a time: only a capital starts a PascalCase word.
                    if n - i >= 8 {
                        let capitals = capitalMask(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                        if capitals == 0 { i += 8; continue }
                        i += capitals.trailingZeroBitCount >> 3
                    } else if !(buffer[i] >= 0x41 && buffer[i] <= 0x5A) {
                        i += 1
                        continue
                    }
                    let start = i
                    if start > 0, isWordByte(buffer[start - 1]) {
                        // Inside a word (`eventBridgeRule`, `9Lives`): no start; the rest of it is skipped.
                        while i < n, isWordByte(buffer[i]) { i += 1 }
                        continue
                    }
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                    var capitals = 0
                    while i < n, isWordByte(buffer[i]) {
                        hash = (hash ^ UInt64(buffer[i])) &* 0x100_0000_01b3
                        capitals += buffer[i] >= 0x41 && buffer[i] <= 0x5A ? 1 : 0
                        i += 1
                    }
                    // Not glued to a non-ASCII letter; a capital after the first letter (a word
                    // of one capital is one name segment: no run of two can be spelled by it).
                    guard i - start > 1, capitals > 1, i == n || buffer[i] < 0x80,
                          start == 0 || buffer[start - 1] < 0x80 else { continue }
                    if ranges.count * 2 >= slots.count {
                        slots = [Int32](repeating: -1, count: slots.count * 2)
                        for (k, h) in hashes.enumerated() {
                            var s = Int(h & UInt64(slots.count - 1))
                            while slots[s] >= 0 { s = (s + 1) & (slots.count - 1) }
                            slots[s] = Int32(k)
                        }
                    }
                    var s = Int(hash & UInt64(slots.count - 1))
                    while true {
                        let k = Int(slots[s])
                        if k < 0 {
                            slots[s] = Int32(ranges.count)
                            ranges.append(start..<i)
                            hashes.append(hash)
                            break
                        }
                        let r = ranges[k]
                        if hashes[k] == hash, r.count == i - start, memcmp(base + r.lowerBound, base + start, r.count) == 0 { break }
                        s = (s + 1) & (slots.count - 1)
                    }
                }
                return ranges
            }
        }
    }

    /// The top bit of each byte of `x` that is an ASCII capital (0x41...0x5A): the "has a byte
    /// between m and n" word trick, exact per byte (no carry crosses bytes; bytes from 0x80 never count).
    @inline(__always)
    private static func capitalMask(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = x & (ones &* 127)
        return ((ones &* (127 + 0x5B)) &- low7) & ~x & (low7 &+ ones &* (127 - 0x40)) & (ones &* 128)
    }

    /// ASCII letters and digits, looked up: every byte of a page is tested.
    private static let wordBytes: [Bool] = (0...255).map { c in (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}
