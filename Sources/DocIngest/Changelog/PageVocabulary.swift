import APIModel
import Foundation

/// The API words of a compact changelog page (`GetEBSVolumeRecommendations`, `DBClusterArn`),
/// so that a run of two or more of a method name's segments finds the page's spelling
/// (`ebs_volume_recommendations` → `EBSVolumeRecommendations`). Only the words that contain
/// a run's letters are split into botocore name segments, when the run is asked for.
struct PageVocabulary {
    /// The page's words in page order.
    private var words: [String] = []
    /// The words lower-cased, each ended by a 0 byte, and where each starts: a run's letters
    /// are found here, so only the words that contain them are split into segments.
    private var lowered: [UInt8] = []
    private var starts: [Int] = []

    init() {}

    init(_ lines: ChangelogLines) {
        words = Self.pascalCaseWords(lines.bytes)
        starts.reserveCapacity(words.count)
        for word in words {
            starts.append(lowered.count)
            lowered += word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            lowered.append(0)
        }
    }

    /// The page's spelling of these method-name segments, when a page word contains them:
    /// a word that is the whole run first, then the spelling of the run inside a longer word
    /// (only words whose segments spell them letter for letter lend a part), each in page order.
    func spelling<S: Collection<String>>(of segments: S) -> String? {
        guard segments.count > 1 else { return nil }
        let snake = segments.joined(separator: "_")
        let letters = Array(snake.utf8.filter { $0 != UInt8(ascii: "_") })
        let candidates = wordsContaining(letters)
        for k in candidates where lowered[starts[k]..<starts[k] + words[k].utf8.count].elementsEqual(letters)
            && BotocoreNames.pythonMethodName(words[k]) == snake {
            return words[k]
        }
        for k in candidates {
            let word = words[k]
            let parts = BotocoreNames.pythonMethodName(word).split(separator: "_")
            guard parts.count > 1, parts.joined() == word.lowercased() else { continue }
            var offsets = [0]
            for part in parts { offsets.append(offsets.last! + part.count) }
            for first in 0..<parts.count {
                for last in stride(from: first + 2, through: parts.count, by: 1) where !(first == 0 && last == parts.count) {
                    if parts[first..<last].joined(separator: "_") == snake {
                        let characters = Array(word)
                        return String(characters[offsets[first]..<offsets[last]])
                    }
                }
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
                    guard memcmp(base + at, n.baseAddress!, n.count) == 0 else { p = at + 1; continue }
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

    /// The page's distinct PascalCase ASCII words of two or more characters, in page order,
    /// read byte by byte (pages are large).
    static func pascalCaseWords(_ bytes: [UInt8]) -> [String] {
        var seen: Set<ArraySlice<UInt8>> = []
        var words: [String] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            guard isWordByte(c) else { i += 1; continue }
            let start = i
            while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
            // Not glued to a non-ASCII letter.
            guard i - start > 1, c >= 0x41, c <= 0x5A, i == bytes.count || bytes[i] < 0x80,
                  start == 0 || bytes[start - 1] < 0x80 else { continue }
            if seen.insert(bytes[start..<i]).inserted { words.append(String(decoding: bytes[start..<i], as: UTF8.self)) }
        }
        return words
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
}
