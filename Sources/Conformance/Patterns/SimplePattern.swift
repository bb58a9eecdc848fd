import APIModel

/// The shape most AWS patterns have: an optionally anchored sequence of character classes,
/// each with a repeat count (`^[a-zA-Z0-9_.-]{1,100}$`, `arn:.*`, `[0-9]{12}`, `.*\S.*`).
/// Those are decided without a regex engine. Anything else (alternation, look-around,
/// back-references, possessive or atomic groups, nested groups) returns nil from `parse`
/// and goes to the ICU engine.
struct SimplePattern: Sendable {
    struct Atom: Sendable {
        var set: CharSet
        var min: Int
        var max: Int  // Int.max = unbounded
    }

    var atoms: [Atom]
    /// A leading negative look-ahead of a literal (`(?!aws:)`): no match may start where it occurs.
    var forbiddenPrefix: [UInt32] = []
    var anchoredStart: Bool
    var anchoredEnd: Bool
    /// `$` and `\Z` also match before a final line terminator; `\z` does not.
    var endAllowsFinalTerminator: Bool

    static func parse(_ pattern: String) -> SimplePattern? {
        guard let alternatives = parseAlternatives(pattern), alternatives.count == 1 else { return nil }
        return alternatives[0]
    }

    /// The pattern's code points (its bytes when it is ASCII, as most are: no decoding).
    static func scalars(of pattern: String) -> [UInt32] {
        let utf8 = pattern.utf8
        if let ascii = utf8.withContiguousStorageIfAvailable({ bytes -> [UInt32]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return [UInt32](writingUpTo: bytes.count) { out, n in
                for k in 0..<bytes.count { out[k] = UInt32(bytes[k]) }
                n = bytes.count
            }
        }), let ascii { return ascii }
        return pattern.unicodeScalars.map(\.value)
    }

    /// A top-level alternation `A|B|...` whose branches are each simple (a value matches
    /// when any branch does), or nil.
    static func parseAlternatives(_ pattern: String) -> [SimplePattern]? {
        var scalars = SimplePattern.scalars(of: pattern)
        var dotAll = false
        if scalars.starts(with: [0x28, 0x3F, 0x73, 0x29]) {  // (?s)
            dotAll = true
            scalars.removeFirst(4)
        }
        var branches: [[UInt32]] = [[]]
        var i = 0, depth = 0, inClass = false
        while i < scalars.count {
            let c = scalars[i]
            if c == 0x5C, i + 1 < scalars.count {  // escape: keep both
                branches[branches.count - 1].append(contentsOf: [c, scalars[i + 1]])
                i += 2
                continue
            }
            if inClass { if c == 0x5D { inClass = false } }
            else if c == 0x5B { inClass = true; if i + 1 < scalars.count, scalars[i + 1] == 0x5D { branches[branches.count - 1].append(contentsOf: [c, 0x5D]); i += 2; continue } }
            else if c == 0x28 { depth += 1 }
            else if c == 0x29 { depth -= 1 }
            else if c == 0x7C && depth == 0 { branches.append([]); i += 1; continue }
            branches[branches.count - 1].append(c)
            i += 1
        }
        var out: [SimplePattern] = []
        for b in branches {
            var p = Parser(b)
            p.dotAll = dotAll
            guard let parsed = p.parsePattern() else { return nil }
            out.append(parsed)
        }
        return out
    }

    /// Leading and trailing atoms that may repeat zero times cannot change whether an
    /// unanchored search succeeds: drop them.
    func simplified() -> SimplePattern {
        var s = self
        if !s.anchoredStart && s.forbiddenPrefix.isEmpty { while let f = s.atoms.first, f.min == 0 { s.atoms.removeFirst() } }
        if !s.anchoredEnd { while let l = s.atoms.last, l.min == 0 { s.atoms.removeLast() } }
        // Only the minimum of an unanchored trailing (or leading) repeat matters for a search.
        if !s.anchoredEnd, let l = s.atoms.last, l.max > l.min { s.atoms[s.atoms.count - 1].max = l.min }
        if !s.anchoredStart, s.forbiddenPrefix.isEmpty, let f = s.atoms.first, f.max > f.min { s.atoms[0].max = f.min }
        return s
    }

    struct Parser {
        let c: [UInt32]
        var i = 0
        var dotAll = false
        /// The regex parse also takes `\b`, `\B` and `(?i)` (`RegexNode.parseForMatching`).
        var asciiForms = false
        /// Under `(?i)`: letters stand for both cases.
        var caseInsensitive = false
        /// A form was taken that the engines decide on ASCII values only.
        var asciiOnly = false
        /// Capturing groups are kept in the tree, and back-references read (the pattern has some).
        var keepsCaptures = false
        /// The capturing groups met so far: how many opened, which closed, which under `(?i)`.
        var captures = (opened: 0, closed: Set<Int>(), caseInsensitive: Set<Int>())
        init(_ c: [UInt32]) { self.c = c }

        var atEnd: Bool { i >= c.count }
        func peek(_ k: Int = 0) -> UInt32? { i + k < c.count ? c[i + k] : nil }

        mutating func parsePattern() -> SimplePattern? {
            if match("(?s)") { dotAll = true }
            let start = match("^")
            var forbidden: [UInt32] = []
            if match("(?!") {
                while let ch = peek(), ch != 0x29 {
                    if ch == 0x5C {
                        guard let item = parseEscape(inClass: false), case let .char(u) = item else { return nil }
                        forbidden.append(u)
                    } else if [0x28, 0x5B, 0x2E, 0x2A, 0x2B, 0x3F, 0x7B, 0x7C, 0x5E, 0x24].contains(ch) {
                        return nil
                    } else {
                        forbidden.append(ch)
                        i += 1
                    }
                }
                guard peek() == 0x29, !forbidden.isEmpty else { return nil }
                i += 1
            }
            var atoms: [Atom] = []
            var end = false
            var finalTerm = true
            while !atEnd {
                if peek() == 0x24, i == c.count - 1 { i += 1; end = true; break }  // $
                if peek() == 0x5C, i == c.count - 2, peek(1) == 0x7A { i += 2; end = true; finalTerm = false; break }  // \z
                if peek() == 0x5C, i == c.count - 2, peek(1) == 0x5A { i += 2; end = true; break }  // \Z
                guard var atom = parseAtomOrGroup() else { return nil }
                guard let (lo, hi) = parseQuantifier() else { return nil }
                if lo != 1 || hi != 1 {
                    if atom.min == 1 && atom.max == 1 { atom.min = lo; atom.max = hi }
                    else { return nil }
                }
                atoms.append(atom)
            }
            return SimplePattern(atoms: atoms, forbiddenPrefix: forbidden, anchoredStart: start, anchoredEnd: end, endAllowsFinalTerminator: finalTerm)
        }

        /// Consumes an ASCII literal if it comes next (no allocation: parsing is on the compile path).
        mutating func match(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= c.count else { return false }
            let u = s.utf8Start
            for k in 0..<n where c[i + k] != UInt32(u[k]) { return false }
            i += n
            return true
        }

        /// An atom, or a group holding exactly one atom with its own quantifier.
        mutating func parseAtomOrGroup() -> Atom? {
            if peek() == 0x28 {  // (
                i += 1
                _ = match("?:")
                if peek() == 0x3F { return nil }  // other group kinds
                guard var inner = parseAtom() else { return nil }
                guard let (lo, hi) = parseQuantifier() else { return nil }
                inner.min = lo
                inner.max = hi
                guard peek() == 0x29 else { return nil }
                i += 1
                return inner
            }
            return parseAtom()
        }

        mutating func parseAtom() -> Atom? {
            guard let ch = peek() else { return nil }
            switch ch {
            case 0x5B:  // [
                i += 1
                guard let set = parseClass() else { return nil }
                return Atom(set: set, min: 1, max: 1)
            case 0x2E:  // .
                i += 1
                return Atom(set: dotAll ? .any : .dot, min: 1, max: 1)
            case 0x5C:  // backslash
                guard let item = parseEscape(inClass: false) else { return nil }
                switch item {
                case let .set(s): return Atom(set: s, min: 1, max: 1)
                case let .char(u): return Atom(set: CharSet.single(u), min: 1, max: 1)
                }
            case 0x28, 0x29, 0x7B, 0x7C, 0x2A, 0x2B, 0x3F, 0x5E, 0x24:
                return nil
            // `}` and `]` with nothing to close are literals in Java (ICU refuses a lone `}`:
            // three botocore patterns went unchecked for it).
            default:
                i += 1
                return Atom(set: CharSet.single(ch), min: 1, max: 1)
            }
        }

        /// `*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`, optionally lazy; possessive gives up.
        mutating func parseQuantifier() -> (Int, Int)? {
            var lo = 1, hi = 1
            switch peek() {
            case 0x2A: lo = 0; hi = .max; i += 1
            case 0x2B: lo = 1; hi = .max; i += 1
            case 0x3F: lo = 0; hi = 1; i += 1
            case 0x7B:
                var j = i + 1
                func number() -> Int? {
                    var v = 0, any = false
                    while j < c.count, c[j] >= 0x30, c[j] <= 0x39 {
                        v = v &* 10 &+ Int(c[j] - 0x30); any = true; j += 1
                        if v > 1_000_000 { return nil }
                    }
                    return any ? v : nil
                }
                guard let m = number() else { return nil }
                lo = m; hi = m
                if j < c.count, c[j] == 0x2C {
                    j += 1
                    hi = number() ?? .max
                }
                guard j < c.count, c[j] == 0x7D, lo <= hi else { return nil }
                i = j + 1
            default: return (1, 1)
            }
            if peek() == 0x2B { return nil }  // possessive: leave to ICU
            if peek() == 0x3F { i += 1 }  // lazy: same answer for "is there a match"
            return (lo, hi)
        }

        enum ClassItem { case set(CharSet), char(UInt32) }

        mutating func parseEscape(inClass: Bool) -> ClassItem? {
            i += 1  // backslash
            guard let e = peek() else { return nil }
            i += 1
            switch e {
            case 0x64: return .set(.digit)  // d
            case 0x44: return .set(CharSet(items: [.set(.digit, negated: true)]))
            case 0x77: return .set(.word)
            case 0x57: return .set(CharSet(items: [.set(.word, negated: true)]))
            case 0x73: return .set(.space)
            case 0x53: return .set(CharSet(items: [.set(.space, negated: true)]))
            case 0x70, 0x50:  // p, P
                var name = ""
                if peek() == 0x7B {
                    i += 1
                    while let x = peek(), x != 0x7D { name.unicodeScalars.append(Unicode.Scalar(x)!); i += 1 }
                    guard peek() == 0x7D else { return nil }
                    i += 1
                } else if let x = peek() {
                    name = String(Unicode.Scalar(x)!); i += 1
                }
                guard let s = CharSet.property(name) else { return nil }
                return .set(e == 0x50 ? CharSet(items: [.set(s, negated: true)]) : s)
            case 0x74: return .char(0x09)
            case 0x6E: return .char(0x0A)
            case 0x72: return .char(0x0D)
            case 0x66: return .char(0x0C)
            case 0x61: return .char(0x07)
            case 0x65: return .char(0x1B)
            case 0x30:
                // Java's octal escapes: \0n, \0nn, \0mnn (m at most 3).
                func octal(_ k: Int) -> UInt32? { peek(k).flatMap { $0 >= 0x30 && $0 <= 0x37 ? $0 - 0x30 : nil } }
                guard let d0 = octal(0) else { return nil }
                var v = d0, used = 1
                if let d1 = octal(1) {
                    v = v * 8 + d1; used = 2
                    if d0 <= 3, let d2 = octal(2) { v = v * 8 + d2; used = 3 }
                }
                i += used
                return .char(v)
            case 0x78:  // \xhh, or \x{h...h}
                if peek() == 0x7B {
                    i += 1
                    var v: UInt32 = 0, digits = 0
                    while let x = peek(), x != 0x7D {
                        guard digits < 6, let d = hex(1) else { return nil }
                        v = v << 4 | d
                        digits += 1
                    }
                    guard digits > 0, v <= 0x10FFFF, peek() == 0x7D else { return nil }
                    i += 1
                    return .char(v)
                }
                guard let v = hex(2) else { return nil }
                return .char(v)
            case 0x75:  // \uhhhh, a surrogate pair written as two escapes is one code point
                guard let v = hex(4) else { return nil }
                if v >= 0xD800, v <= 0xDBFF, peek() == 0x5C, peek(1) == 0x75 {
                    let save = i
                    i += 2
                    if let lowS = hex(4), lowS >= 0xDC00, lowS <= 0xDFFF {
                        return .char(0x10000 + ((v - 0xD800) << 10) + (lowS - 0xDC00))
                    }
                    i = save
                }
                return .char(v)
            default:
                // Escaped punctuation is itself; an escaped letter or digit is something we do not model.
                if (e >= 0x41 && e <= 0x5A) || (e >= 0x61 && e <= 0x7A) || (e >= 0x30 && e <= 0x39) { return nil }
                return .char(e)
            }
        }

        mutating func hex(_ n: Int) -> UInt32? {
            guard i + n <= c.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<n {
                let x = c[i + k]
                let d: UInt32
                switch x {
                case 0x30...0x39: d = x - 0x30
                case 0x41...0x46: d = x - 0x41 + 10
                case 0x61...0x66: d = x - 0x61 + 10
                default: return nil
                }
                v = v << 4 | d
            }
            i += n
            return v
        }

        /// After `[`: the class up to its `]`. Nested classes and `&&` give up.
        mutating func parseClass() -> CharSet? {
            var negated = false
            if peek() == 0x5E { negated = true; i += 1 }
            var items: [CharSet.Item] = []
            var first = true
            while let ch = peek() {
                if ch == 0x5D && !first { i += 1; return CharSet(items: items, negated: negated) }
                first = false
                if ch == 0x5B { return nil }
                if ch == 0x26, peek(1) == 0x26 { return nil }
                var lowChar: UInt32
                if ch == 0x5C {
                    guard let item = parseEscape(inClass: true) else { return nil }
                    switch item {
                    case let .set(s): items.append(.set(s, negated: false)); continue
                    case let .char(u): lowChar = u
                    }
                } else {
                    lowChar = ch
                    i += 1
                }
                // A range `a-z` (a `-` before `]` is literal).
                if peek() == 0x2D, let next = peek(1), next != 0x5D {
                    i += 1
                    var highChar: UInt32
                    if next == 0x5C {
                        guard let item = parseEscape(inClass: true), case let .char(u) = item else { return nil }
                        highChar = u
                    } else if next == 0x5B {
                        return nil
                    } else {
                        highChar = next
                        i += 1
                    }
                    guard lowChar <= highChar else { return nil }
                    items.append(.range(lowChar, highChar))
                } else {
                    items.append(.range(lowChar, lowChar))
                }
            }
            return nil  // unterminated
        }
    }
}
