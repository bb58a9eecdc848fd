/// Decides "does the pattern match somewhere in the value" for a `SimplePattern`, in time
/// linear in (value length × atoms) and without backtracking: it tracks the set of
/// positions where a match of the first k atoms can end, one atom at a time.
struct SequenceMatcher: Sendable {
    let pattern: SimplePattern

    init(_ pattern: SimplePattern) { self.pattern = pattern.simplified() }

    @inline(__always)
    static func isLineTerminator(_ c: UInt32) -> Bool {
        c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029
    }

    /// `scratch` must hold at least 2 × (value.count + 2) integers.
    func matches(_ value: UnsafeBufferPointer<UInt32>, scratch: UnsafeMutablePointer<Int32>) -> Bool {
        let n = value.count
        if !pattern.anchoredEnd { return matches(value, endingAt: nil, scratch: scratch) }
        if matches(value, endingAt: n, scratch: scratch) { return true }
        guard pattern.endAllowsFinalTerminator, n > 0, SequenceMatcher.isLineTerminator(value[n - 1]) else { return false }
        if n >= 2, value[n - 2] == 0x0D, value[n - 1] == 0x0A, matches(value, endingAt: n - 2, scratch: scratch) { return true }
        return matches(value, endingAt: n - 1, scratch: scratch)
    }

    private func matches(_ value: UnsafeBufferPointer<UInt32>, endingAt end: Int?, scratch: UnsafeMutablePointer<Int32>) -> Bool {
        let atoms = pattern.atoms
        let n = end ?? value.count
        if atoms.isEmpty { return !pattern.anchoredStart || !pattern.anchoredEnd || n == 0 }
        // Single atom: the common AWS case, answered by one scan.
        if atoms.count == 1 {
            let a = atoms[0]
            if pattern.anchoredStart && end != nil {
                guard n >= a.min && n <= a.max else { return false }
                for i in 0..<n where !a.set.contains(value[i]) { return false }
                return true
            }
            if !pattern.anchoredStart && end == nil {
                if a.min == 0 { return true }
                var run = 0
                for i in 0..<n {
                    if a.set.contains(value[i]) { run += 1; if run >= a.min { return true } } else { run = 0 }
                }
                return false
            }
        }
        // reach[i] != 0: a match of the atoms so far can end at position i (0...n).
        let reach = scratch
        let next = scratch + (n + 2)
        for i in 0...n { reach[i] = pattern.anchoredStart ? (i == 0 ? 1 : 0) : 1 }
        for a in atoms {
            // next via a difference array over intervals [s+min, s+min(max, run(s))].
            for i in 0...(n + 1) { next[i] = 0 }
            // run length of chars in the set starting at each position, computed backwards into `run`.
            var runFromHere = 0
            var any = false
            var i = n
            while i >= 0 {
                if i < n { runFromHere = a.set.contains(value[i]) ? runFromHere + 1 : 0 }
                if reach[i] != 0, runFromHere >= a.min {
                    let hi = i + Swift.min(a.max, runFromHere)
                    next[i + a.min] += 1
                    next[hi + 1] -= 1
                    any = true
                }
                i -= 1
            }
            guard any else { return false }
            var acc: Int32 = 0
            for j in 0...n {
                acc += next[j]
                reach[j] = acc > 0 ? 1 : 0
            }
        }
        if end != nil { return reach[n] != 0 }
        for j in 0...n where reach[j] != 0 { return true }
        return false
    }
}
