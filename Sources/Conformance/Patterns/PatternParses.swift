import Foundation

/// Patterns parsed once for all the plans that check one run side by side. Each plan keeps its
/// own engines (they hold match state and grow as values come), but the parse they are built
/// from is the same for every plan: a pattern two lanes met was parsed twice, a quarter of the
/// patterns of a two-lane run over many services.
final class PatternParses: @unchecked Sendable {
    private let lock = NSLock()
    private var alternatives: [String: [SimplePattern]?] = [:]
    private var trees: [String: MatchTree?] = [:]

    /// `SimplePattern.parseAlternatives(pattern)`.
    func simpleAlternatives(_ pattern: String) -> [SimplePattern]? {
        remembered(\.alternatives, pattern, SimplePattern.parseAlternatives)
    }

    /// `RegexNode.parseForMatching(pattern)`.
    func tree(_ pattern: String) -> MatchTree? {
        remembered(\.trees, pattern, RegexNode.parseForMatching)
    }

    /// How many patterns' simple alternatives and trees are kept.
    var count: (alternatives: Int, trees: Int) { lock.withLock { (alternatives.count, trees.count) } }

    /// The parse of `pattern` kept in `table`, made and kept on first need (nil parses too).
    private func remembered<Parse>(_ table: ReferenceWritableKeyPath<PatternParses, [String: Parse]>, _ pattern: String,
                                   _ parse: (String) -> Parse) -> Parse {
        if let known = lock.withLock({ self[keyPath: table][pattern] }) { return known }
        // Parsed outside the lock: two lanes may both parse a pattern they meet at once, and
        // both get the same answer.
        let parsed = parse(pattern)
        lock.withLock { self[keyPath: table][pattern] = parsed }
        return parsed
    }
}
