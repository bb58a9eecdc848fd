/// Decides "does the pattern match somewhere in the value" for a `SimplePattern`, in time
/// linear in (value length × atoms) and without backtracking: it tracks the set of
/// positions where a match of the first k atoms can end, one atom at a time.
///
/// Patterns are stored flat (ASCII membership as two 64-bit masks per atom) in manually
/// managed buffers, so a match touches no reference counts. ASCII values are matched on
/// their bytes directly; others on decoded code points.
struct FlatAtom {
    var low: UInt64
    var high: UInt64
    var min: Int
    var max: Int
    /// Index into `SequenceMatchers.sets` for code points ≥ 128.
    var set: Int32
    /// On ASCII values a greedy run of this atom is the only possible one: the next atom needs
    /// at least one character and shares no ASCII character with this one, so the run cannot
    /// stop early (nor go on) and still be followed by a match.
    var greedyExact = false
}

struct FlatPattern {
    var forbiddenStart: Int
    var forbiddenCount: Int
    var atomStart: Int
    var atomCount: Int
    var anchoredStart: Bool
    var anchoredEnd: Bool
    var endAllowsFinalTerminator: Bool
}

/// The commonest one-branch shapes, answered on ASCII values without the general walk:
/// a pattern that always matches (`.*`, `[\s\S]*`), a search for a run of one class (`\S+`,
/// `.*\S.*`, `[0-9]{8}`), one class over the whole value (`^[a-z0-9-]{1,64}$`).
struct Shortcut {
    enum Kind: UInt8 { case none, always, searchRun, wholeRun }
    var kind: Kind
    var low: UInt64 = 0
    var high: UInt64 = 0
    var min = 0
    var max = 0
    var endAllowsFinalTerminator = false
}

final class SequenceMatchers {
    // Tables read in the matching loops: kept in cells (see UncheckedCell).
    @exclusivity(unchecked) private var patterns = ScratchStack<FlatPattern>()
    @exclusivity(unchecked) private var alternatives = ScratchStack<(first: Int, count: Int)>()
    @exclusivity(unchecked) private var atoms = ScratchStack<FlatAtom>()
    @exclusivity(unchecked) private var forbidden = ScratchStack<UInt32>()
    @exclusivity(unchecked) private var scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 1024)
    /// Read (for code points ≥ 128) on the match path: in a cell, like the tables above.
    @exclusivity(unchecked) private var sets = [CharSet]()

    /// Per matcher: its alternatives `patterns[first ..< first + count]`.
    @exclusivity(unchecked) private var shortcuts = ScratchStack<Shortcut>()
    /// Per matcher: its shortcut (kind none: use the walk).

    deinit {
        alternatives.release()
        shortcuts.release()
        forbidden.release()
        patterns.release()
        atoms.release()
        scratch.deallocate()
    }

    /// Adds a pattern (its top-level alternatives); returns its index.
    func add(_ branches: [SimplePattern]) -> Int32 {
        let first = patterns.count
        for b in branches { addBranch(b) }
        alternatives.push((first, branches.count))
        shortcuts.push(branches.count == 1 ? shortcut(patterns[first]) : Shortcut(kind: .none))
        return Int32(alternatives.count - 1)
    }

    /// The shortcut of a one-branch matcher (the same answers as `matches(_:_:endingAt:fastOnly:)`).
    private func shortcut(_ p: FlatPattern) -> Shortcut {
        guard p.forbiddenCount == 0 else { return Shortcut(kind: .none) }
        if p.atomCount == 0 && !p.anchoredStart { return Shortcut(kind: .always) }
        guard p.atomCount == 1 else { return Shortcut(kind: .none) }
        let a = atoms[p.atomStart]
        if !p.anchoredStart && !p.anchoredEnd {
            return a.min == 0 ? Shortcut(kind: .always) : Shortcut(kind: .searchRun, low: a.low, high: a.high, min: a.min)
        }
        if p.anchoredStart && p.anchoredEnd {
            return Shortcut(kind: .wholeRun, low: a.low, high: a.high, min: a.min, max: a.max,
                            endAllowsFinalTerminator: p.endAllowsFinalTerminator)
        }
        return Shortcut(kind: .none)
    }

    /// `fastMatch` on an ASCII value, through the matcher's shortcut when it has one.
    func fastMatch(_ index: Int32, ascii value: UnsafeBufferPointer<UInt8>) -> Bool? {
        let cut = shortcuts.base + Int(index)
        switch cut.pointee.kind {
        case .none:
            return fastMatch(index, value)
        case .always:
            return true
        case .searchRun:
            let low = cut.pointee.low, high = cut.pointee.high, min = cut.pointee.min
            var run = 0
            for c in value {
                let member = c < 64 ? low >> UInt64(c) & 1 : high >> UInt64(c & 63) & 1
                if member != 0 { run += 1; if run >= min { return true } } else { run = 0 }
            }
            return false
        case .wholeRun:
            var n = value.count
            if Self.wholeRun(cut.pointee, value, n) { return true }
            // Java's `$`: also before a final line terminator ("\r\n" as one).
            guard cut.pointee.endAllowsFinalTerminator, n > 0 else { return false }
            let last = value[n - 1]
            guard last == 0x0A || last == 0x0D else { return false }
            n -= n >= 2 && value[n - 2] == 0x0D && last == 0x0A ? 2 : 1
            return Self.wholeRun(cut.pointee, value, n)
        }
    }

    /// Whether value[0..<n] is min...max members of the shortcut's class.
    @inline(__always)
    private static func wholeRun(_ cut: Shortcut, _ value: UnsafeBufferPointer<UInt8>, _ n: Int) -> Bool {
        guard n >= cut.min && n <= cut.max else { return false }
        for k in 0..<n {
            let c = value[k]
            let member = c < 64 ? cut.low >> UInt64(c) & 1 : cut.high >> UInt64(c & 63) & 1
            if member == 0 { return false }
        }
        return true
    }

    private func addBranch(_ pattern: SimplePattern) {
        let p = pattern.simplified()
        let forbiddenStart = forbidden.count
        for c in p.forbiddenPrefix { forbidden.push(c) }
        let start = atoms.count
        for a in p.atoms {
            let (low, high) = a.set.asciiMask
            sets.append(a.set)
            atoms.push(FlatAtom(low: low, high: high, min: a.min, max: a.max, set: Int32(sets.count - 1)))
        }
        for k in stride(from: start, to: atoms.count - 1, by: 1) {
            let a = atoms[k], b = atoms[k + 1]
            atoms[k].greedyExact = b.min >= 1 && a.low & b.low == 0 && a.high & b.high == 0
        }
        patterns.push(FlatPattern(forbiddenStart: forbiddenStart, forbiddenCount: p.forbiddenPrefix.count,
                                  atomStart: start, atomCount: p.atoms.count, anchoredStart: p.anchoredStart,
                                  anchoredEnd: p.anchoredEnd, endAllowsFinalTerminator: p.endAllowsFinalTerminator))
    }

    @inline(__always)
    private func contains(_ a: FlatAtom, _ c: UInt32) -> Bool {
        if c < 64 { return a.low & (1 << UInt64(c)) != 0 }
        if c < 128 { return a.high & (1 << UInt64(c - 64)) != 0 }
        return sets[Int(a.set)].contains(c)
    }

    @inline(__always)
    static func isLineTerminator(_ c: UInt32) -> Bool {
        c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029
    }

    func matches<T: FixedWidthInteger & UnsignedInteger>(_ index: Int32, _ value: UnsafeBufferPointer<T>) -> Bool {
        matches(index, value, fastOnly: false)!
    }

    /// The answer when every branch has a fast path (single class, fixed counts but the last);
    /// nil when one would need the general position DP (the caller has a better engine for it).
    func fastMatch<T: FixedWidthInteger & UnsignedInteger>(_ index: Int32, _ value: UnsafeBufferPointer<T>) -> Bool? {
        matches(index, value, fastOnly: true)
    }

    private func matches<T: FixedWidthInteger & UnsignedInteger>(_ index: Int32, _ value: UnsafeBufferPointer<T>, fastOnly: Bool) -> Bool? {
        let alt = alternatives[Int(index)]
        var undecided = false
        for k in alt.first..<(alt.first + alt.count) {
            guard let m = matchesBranch(patterns[k], value, fastOnly: fastOnly) else { undecided = true; continue }
            if m { return true }
        }
        return undecided ? nil : false
    }

    /// Whether the forbidden look-ahead literal occurs at position i.
    @inline(__always)
    private func forbiddenAt<T: FixedWidthInteger & UnsignedInteger>(_ p: FlatPattern, _ value: UnsafeBufferPointer<T>, _ i: Int, _ n: Int) -> Bool {
        guard p.forbiddenCount > 0, i + p.forbiddenCount <= n else { return false }
        for k in 0..<p.forbiddenCount where UInt32(value[i + k]) != forbidden[p.forbiddenStart + k] { return false }
        return true
    }

    private func matchesBranch<T: FixedWidthInteger & UnsignedInteger>(_ p: FlatPattern, _ value: UnsafeBufferPointer<T>, fastOnly: Bool) -> Bool? {
        let n = value.count
        if !fastOnly && scratch.count < 2 * (n + 2) {
            scratch.deallocate()
            scratch = .allocate(capacity: 4 * (n + 2))
        }
        if !p.anchoredEnd { return matches(p, value, endingAt: nil, fastOnly: fastOnly) }
        guard let whole = matches(p, value, endingAt: n, fastOnly: fastOnly) else { return nil }
        if whole { return true }
        guard p.endAllowsFinalTerminator, n > 0, Self.isLineTerminator(UInt32(value[n - 1])) else { return false }
        // Java's `$`: before a final `\r\n`, not between its two characters.
        if n >= 2, value[n - 2] == 0x0D, value[n - 1] == 0x0A { return matches(p, value, endingAt: n - 2, fastOnly: fastOnly) }
        return matches(p, value, endingAt: n - 1, fastOnly: fastOnly)
    }

    /// nil when some atom before the last has a variable count (then the general DP decides).
    private func walk<T: FixedWidthInteger & UnsignedInteger>(_ p: FlatPattern, _ value: UnsafeBufferPointer<T>, from: Int, n: Int, anchoredEnd: Bool) -> Bool? {
        let asciiValue = T.bitWidth == 8
        for k in 0..<(p.atomCount - 1) {
            let a = atoms[p.atomStart + k]
            if a.min != a.max && !(asciiValue && a.greedyExact) { return nil }
        }
        if forbiddenAt(p, value, from, n) { return false }
        var i = from
        for k in 0..<(p.atomCount - 1) {
            let a = atoms[p.atomStart + k]
            if a.min == a.max {
                guard i + a.min <= n else { return false }
                for j in i..<(i + a.min) where !contains(a, UInt32(value[j])) { return false }
                i += a.min
            } else {
                // The whole run of members (see greedyExact): too short or too long fails.
                var run = 0
                while i + run < n, run <= a.max, contains(a, UInt32(value[i + run])) { run += 1 }
                guard run >= a.min && run <= a.max else { return false }
                i += run
            }
        }
        let last = atoms[p.atomStart + p.atomCount - 1]
        var run = 0
        while i + run < n, run < last.max, contains(last, UInt32(value[i + run])) { run += 1 }
        if run < last.min { return false }
        // Greedy run of the last atom: with an end anchor it must reach the end.
        return anchoredEnd ? i + run == n : true
    }

    private func matches<T: FixedWidthInteger & UnsignedInteger>(_ p: FlatPattern, _ value: UnsafeBufferPointer<T>, endingAt end: Int?, fastOnly: Bool) -> Bool? {
        let n = end ?? value.count
        if p.atomCount == 0 && p.forbiddenCount == 0 { return !p.anchoredStart || !p.anchoredEnd || n == 0 }
        // Single atom: the common AWS case, answered by one scan.
        if p.atomCount == 1 && p.forbiddenCount == 0 {
            let a = atoms[p.atomStart]
            if p.anchoredStart && end != nil {
                guard n >= a.min && n <= a.max else { return false }
                for i in 0..<n where !contains(a, UInt32(value[i])) { return false }
                return true
            }
            if !p.anchoredStart && end == nil {
                if a.min == 0 { return true }
                var run = 0
                for i in 0..<n {
                    if contains(a, UInt32(value[i])) { run += 1; if run >= a.min { return true } } else { run = 0 }
                }
                return false
            }
        }
        // Anchored at the start with fixed counts up to the last atom: one deterministic walk.
        if p.anchoredStart, p.atomCount > 0, let walked = walk(p, value, from: 0, n: n, anchoredEnd: end != nil) { return walked }
        // Unanchored, short value: walk from each start (typical values match at the first).
        if !p.anchoredStart, p.atomCount > 0, n <= 256, let first = walk(p, value, from: 0, n: n, anchoredEnd: end != nil) {
            if first { return true }
            var i = 1
            while i <= n {
                if walk(p, value, from: i, n: n, anchoredEnd: end != nil) == true { return true }
                i += 1
            }
            return false
        }
        if fastOnly { return nil }
        // reach[i] != 0: a match of the atoms so far can end at position i (0...n).
        let reach = scratch.baseAddress!
        let next = reach + (n + 2)
        var lo = n + 1  // the first reachable position: everything before it is zero
        for i in 0...n {
            reach[i] = (p.anchoredStart ? (i == 0 ? 1 : 0) : 1) & (forbiddenAt(p, value, i, n) ? 0 : 1)
            if reach[i] != 0 && lo > n { lo = i }
        }
        if p.atomCount == 0 { return end != nil ? reach[n] != 0 : lo <= n }
        for k in 0..<p.atomCount {
            guard lo <= n else { return false }
            let a = atoms[p.atomStart + k]
            // next via a difference array over intervals [s+min, s+min(max, run(s))], s >= lo.
            for i in lo...(n + 1) { next[i] = 0 }
            var runFromHere = 0
            var any = false
            var i = n
            while i >= lo {
                if i < n { runFromHere = contains(a, UInt32(value[i])) ? runFromHere + 1 : 0 }
                if reach[i] != 0, runFromHere >= a.min {
                    let hi = i + Swift.min(a.max, runFromHere)
                    next[i + a.min] &+= 1
                    next[hi + 1] &-= 1
                    any = true
                }
                i -= 1
            }
            guard any else { return false }
            var acc: Int32 = 0
            let oldLo = lo
            lo = n + 1
            for j in 0..<oldLo { reach[j] = 0 }
            for j in oldLo...n {
                acc &+= next[j]
                reach[j] = acc > 0 ? 1 : 0
                if acc > 0 && lo > n { lo = j }
            }
        }
        if end != nil { return reach[n] != 0 }
        for j in 0...n where reach[j] != 0 { return true }
        return false
    }
}
