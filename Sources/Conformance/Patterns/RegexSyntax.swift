/// The regular subset of Java's regex syntax that `PositionSetMatcher` decides without
/// backtracking: character classes, `.`, literals, groups (capturing, `(?:`, named),
/// alternation anywhere, greedy or lazy quantifiers on anything, `^`/`\A`, `$`/`\Z`/`\z`,
/// and look-ahead/look-behind. Back-references, possessive quantifiers, atomic groups,
/// inline flags other than a leading `(?s)`, `\b`/`\B`/`\G` and `\Q...\E` are not in it: such
/// patterns return nil and stay with ICU.
///
/// `parseForMatching` (the validator's engines) also reads `\b`, `\B` and `(?i)` (also as
/// `(?i:...)`), decided as ICU decides them on ASCII values only, and back-references to groups
/// that match one of a few strings, which `BackReferences` rewrites away.
indirect enum RegexNode {
    case chars(CharSet)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repeated(RegexNode, min: Int, max: Int)  // max Int.max: unbounded
    case start
    /// `$`/`\Z` also match before a final line terminator; `\z` does not.
    case end(finalTerminator: Bool)
    case look(RegexNode, ahead: Bool, negated: Bool)
    /// A capturing group and a back-reference to one (`\1`): only between the parser and
    /// `BackReferences.expanded`, which leaves neither; the engines never meet them.
    case capture(Int, RegexNode)
    case backReference(Int)

    static func parse(_ pattern: String) -> RegexNode? { parse(pattern, asciiForms: false)?.node }

    /// The pattern as the validator's engines run it: also with `\b`, `\B` and the `(?i)` flag,
    /// which they decide as ICU does on ASCII values only (ICU's word characters and case
    /// folding reach beyond ASCII): `asciiOnly` says that values with other characters go to ICU.
    static func parseForMatching(_ pattern: String) -> MatchTree? { parse(pattern, asciiForms: true) }

    private static func parse(_ pattern: String, asciiForms: Bool) -> MatchTree? {
        var scalars = SimplePattern.scalars(of: pattern)
        var dotAll = false
        if scalars.starts(with: [0x28, 0x3F, 0x73, 0x29]) {  // (?s)
            dotAll = true
            scalars.removeFirst(4)
        }
        var p = SimplePattern.Parser(scalars)
        p.dotAll = dotAll
        p.asciiForms = asciiForms
        p.keepsCaptures = asciiForms && BackReferences.mentioned(in: scalars)
        guard var node = p.parseRegexAlternation(depth: 0), p.atEnd else { return nil }
        if p.keepsCaptures {
            guard let expanded = BackReferences.expanded(node) else { return nil }
            node = expanded
        }
        return MatchTree(node: node, asciiOnly: p.asciiOnly)
    }

    /// `\b` (or, `negated`, `\B`) as look-arounds: a word character on one side only (on both or
    /// neither). ICU's word characters on ASCII are Java's `\w`.
    static func wordBoundary(negated: Bool) -> RegexNode {
        let word = RegexNode.chars(.word)
        return .alternation([
            .sequence([.look(word, ahead: false, negated: false), .look(word, ahead: true, negated: !negated)]),
            .sequence([.look(word, ahead: false, negated: true), .look(word, ahead: true, negated: negated)]),
        ])
    }

    /// Whether some path through the node consumes no character (filters count as empty),
    /// and whether the empty path needs no filter to pass.
    var nullable: (some: Bool, unconditional: Bool) {
        switch self {
        case .chars: return (false, false)
        case .start, .end, .look: return (true, false)
        case let .sequence(items):
            var some = true, unconditional = true
            for item in items {
                let n = item.nullable
                some = some && n.some
                unconditional = unconditional && n.unconditional
            }
            return (some, unconditional)
        case let .alternation(branches):
            var some = false, unconditional = false
            for b in branches {
                let n = b.nullable
                some = some || n.some
                unconditional = unconditional || n.unconditional
            }
            return (some, unconditional)
        case let .repeated(body, min, _):
            if min == 0 { return (true, true) }
            return body.nullable
        case let .capture(_, body):
            return body.nullable
        case .backReference:
            return (true, false)  // empty when its group captured nothing
        }
    }
}

/// A parsed pattern and whether its engines may only decide ASCII values (`parseForMatching`).
struct MatchTree {
    var node: RegexNode
    var asciiOnly: Bool
}

extension SimplePattern.Parser {
    /// A set as `(?i)` makes it for ASCII values: with the other case of each ASCII letter in it,
    /// and `k`/`K` for the Kelvin sign, `s`/`S` for the long s (ICU folds them to those).
    static func caseClosed(_ set: CharSet) -> CharSet {
        var items: [CharSet.Item] = [.set(set, negated: false)]
        func add(_ c: UInt32) { if !set.contains(c) { items.append(.range(c, c)) } }
        for upper in UInt32(0x41)...0x5A {
            if set.contains(upper) { add(upper + 0x20) }
            if set.contains(upper + 0x20) { add(upper) }
        }
        if set.contains(0x212A) { add(0x4B); add(0x6B) }
        if set.contains(0x17F) { add(0x53); add(0x73) }
        return items.count == 1 ? set : CharSet(items: items)
    }

    /// `A|B|...` up to a `)` or the end.
    mutating func parseRegexAlternation(depth: Int) -> RegexNode? {
        guard depth < 64 else { return nil }
        var branches: [RegexNode] = []
        while true {
            guard let branch = parseRegexSequence(depth: depth) else { return nil }
            branches.append(branch)
            if peek() == 0x7C { i += 1; continue }  // |
            break
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseRegexSequence(depth: Int) -> RegexNode? {
        var items: [RegexNode] = []
        while let ch = peek(), ch != 0x7C, ch != 0x29 {
            // `(?i)`: case-insensitive to the end of the enclosing group.
            if asciiForms && match("(?i)") {
                caseInsensitive = true
                asciiOnly = true
                continue
            }
            guard let (term, isFilter) = parseRegexTerm(depth: depth) else { return nil }
            guard let (lo, hi) = parseQuantifier() else { return nil }
            if lo == 1 && hi == 1 { items.append(term); continue }
            // A zero-width filter repeated holds exactly when it holds once (a repetition stops at
            // an empty match, in Java as in ICU): `(?!x)+` is `(?!x)`, and `(?!x)*` always holds.
            if isFilter {
                if lo >= 1 { items.append(term) }
                if let q = peek(), q == 0x2A || q == 0x2B || q == 0x3F || q == 0x7B { return nil }
                continue
            }
            let n = term.nullable
            if n.some && !n.unconditional && lo > 1 { return nil }
            // A body that always may match empty: x{m,n} = x{0,n}.
            items.append(.repeated(term, min: n.unconditional ? 0 : lo, max: hi))
            // A second quantifier right after (`X{2}{3}`) is an error in Java and ICU.
            if let q = peek(), q == 0x2A || q == 0x2B || q == 0x3F || q == 0x7B { return nil }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// One term before its quantifier, and whether it is a zero-width filter.
    private mutating func parseRegexTerm(depth: Int) -> (RegexNode, Bool)? {
        guard let ch = peek() else { return nil }
        switch ch {
        case 0x28:  // (
            i += 1
            var look: (ahead: Bool, negated: Bool)? = nil
            let outerCase = caseInsensitive
            defer { caseInsensitive = outerCase }
            // Groups are numbered by their `(` (Java's and ICU's numbering), named ones too.
            var captureIndex: Int? = nil
            if peek() != 0x3F || peek(1) == 0x3C && peek(2) != 0x3D && peek(2) != 0x21 {
                captures.opened += 1
                captureIndex = captures.opened
            }
            if peek() == 0x3F {  // ?
                if match("?:") {
                } else if asciiForms && match("?i:") {
                    caseInsensitive = true
                    asciiOnly = true
                } else if match("?=") { look = (true, false)
                } else if match("?!") { look = (true, true)
                } else if match("?<=") { look = (false, false)
                } else if match("?<!") { look = (false, true)
                } else if match("?<") {
                    // a named group: (?<name>...)
                    while let x = peek(), (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x5A) || (x >= 0x61 && x <= 0x7A) { i += 1 }
                    guard peek() == 0x3E else { return nil }
                    i += 1
                } else {
                    return nil  // atomic groups, inline flags, ...
                }
            }
            guard let inner = parseRegexAlternation(depth: depth + 1), peek() == 0x29 else { return nil }
            i += 1
            if let look { return (.look(inner, ahead: look.ahead, negated: look.negated), true) }
            if let captureIndex, keepsCaptures {
                captures.closed.insert(captureIndex)
                if caseInsensitive { captures.caseInsensitive.insert(captureIndex) }
                return (.capture(captureIndex, inner), false)
            }
            return (inner, false)
        case 0x5E:  // ^
            i += 1
            return (.start, true)
        case 0x24:  // $
            i += 1
            return (.end(finalTerminator: true), true)
        case 0x5C:
            switch peek(1) {
            case 0x41: i += 2; return (.start, true)  // \A
            case 0x5A: i += 2; return (.end(finalTerminator: true), true)  // \Z
            case 0x7A: i += 2; return (.end(finalTerminator: false), true)  // \z
            case 0x62 where asciiForms, 0x42 where asciiForms:  // \b, \B
                let negated = peek(1) == 0x42
                asciiOnly = true
                i += 2
                return (RegexNode.wordBoundary(negated: negated), true)
            case .some(0x31...0x39) where keepsCaptures:  // \1 ... \9, and more digits
                return parseBackReference()
            default:
                return parseRegexChars()
            }
        default:
            return parseRegexChars()
        }
    }

    /// `\n`: a reference to a group closed before it. Its digits are read as ICU reads them: one
    /// more while the number is below the count of groups opened so far (after one group, `\10`
    /// is `\1` and a `0`; after more, it names group 10). A reference under `(?i)` matches in
    /// either case: not modelled.
    private mutating func parseBackReference() -> (RegexNode, Bool)? {
        i += 1
        var n = Int(c[i] - 0x30)
        i += 1
        while n < captures.opened, let d = peek(), d >= 0x30, d <= 0x39 {
            n = n * 10 + Int(d - 0x30)
            i += 1
        }
        guard captures.closed.contains(n), !caseInsensitive, !captures.caseInsensitive.contains(n) else { return nil }
        return (.backReference(n), false)
    }

    /// A character, class or escape as a term, its case closed under `(?i)`.
    private mutating func parseRegexChars() -> (RegexNode, Bool)? {
        let start = i
        guard let atom = parseAtom() else { return nil }
        guard caseInsensitive else { return (.chars(atom.set), false) }
        // A complemented escape (`\W`, `\D`, `\S`, `\P{...}`), or a class with a complement or an
        // intersection anywhere in it (`[^...]`, `[a-z&&[^aeiou]]`): how ICU folds the parts
        // before combining them is not modelled.
        let text = c[start..<i]
        let complemented = (c[start] == 0x5C && start + 1 < c.count && [0x57, 0x44, 0x53, 0x50].contains(c[start + 1]))
            || (c[start] == 0x5B && zip(text, text.dropFirst()).contains { $0 == (0x5B, 0x5E) || $0 == (0x26, 0x26) })
        guard !complemented else { return nil }
        return (.chars(Self.caseClosed(atom.set)), false)
    }
}
