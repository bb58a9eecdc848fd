import APIModel

/// The API words of a compact changelog page (`GetEBSVolumeRecommendations`, `DBClusterArn`),
/// indexed by every run of two or more of their botocore name segments, so that a method
/// name's runs find the page's spelling (`ebs_volume_recommendations` → `EBSVolumeRecommendations`).
struct PageVocabulary {
    /// Snake-case run → the page's spelling; whole words first, then runs inside longer
    /// words, each in page order (the first spelling wins).
    private var runs: [String: String] = [:]

    init() {}

    init(_ lines: ChangelogLines) {
        let words = Self.pascalCaseWords(lines.bytes)
        var inside: [(String, String)] = []
        for word in words {
            let snake = BotocoreNames.pythonMethodName(word)
            let segments = snake.split(separator: "_")
            guard segments.count > 1 else { continue }
            if runs[snake] == nil { runs[snake] = word }
            // Only words whose segments spell them letter for letter can lend a part.
            guard segments.joined() == word.lowercased() else { continue }
            let characters = Array(word)
            var offsets = [0]
            for segment in segments { offsets.append(offsets.last! + segment.count) }
            for first in 0..<segments.count {
                for last in stride(from: first + 2, through: segments.count, by: 1) where !(first == 0 && last == segments.count) {
                    inside.append((segments[first..<last].joined(separator: "_"), String(characters[offsets[first]..<offsets[last]])))
                }
            }
        }
        for (snake, spelling) in inside where runs[snake] == nil { runs[snake] = spelling }
    }

    /// The page's spelling of these method-name segments, when a page word contains them.
    func spelling<S: Collection<String>>(of segments: S) -> String? {
        guard segments.count > 1 else { return nil }
        return runs[segments.joined(separator: "_")]
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
