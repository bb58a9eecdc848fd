/// Decides "does the pattern match" for a `RegexNode` without backtracking, bit-parallel over
/// the value's positions: a set of positions (bit p = "a match of what came before can end
/// at p", 0...n) flows through the pattern, 64 positions per machine word.
///
/// - a character class maps S to ((S & M) << 1), M being the positions whose character is in it;
/// - `x*` of a class fills each run of members upward from its lowest position in S with one
///   carrying addition: S | X | ((X + M) ^ M), X = S & M;
/// - `x{m,n}` of anything applies x m times, then adds positions breadth-first (each round
///   adds at least one position or stops, so at most n + 1 rounds);
/// - alternation is a union, anchors and look-arounds intersect with a position set.
/// Every construct maps a union to the union of its images, which makes the breadth-first
/// rounds exact. Work per match is O(pattern size × positions/64 × rounds) and bounded by a
/// budget in proportion to the value (64 rounds of the whole pattern); past it the match gives
/// up and the caller's linear engine (`ThompsonMatchers`) decides.
struct RegexOp {
    enum Kind: UInt8 { case chars, sequence, alternation, repeated, charsRepeated, start, end, look }
    var kind: Kind
    /// chars/charsRepeated: class index; sequence/alternation: first child in `children`;
    /// repeated/look: the body op.
    var a: Int32 = 0
    /// sequence/alternation: child count; end: 1 when a final line terminator may follow;
    /// look: bit 0 ahead, bit 1 negated.
    var b: Int32 = 0
    var min: Int32 = 1
    /// Int32.max: unbounded.
    var max: Int32 = 1
    /// look: its cached position set.
    var slot: Int32 = 0
}

struct ASCIIClassKey: Hashable {
    var low: UInt64
    var high: UInt64
}

struct RegexProgram {
    var root: Int32
    var opStart: Int32
    var opCount: Int32
    var childStart: Int32
    var classStart: Int32
    var classCount: Int32
    /// Words per entry of the ASCII membership table (classCount / 64, rounded up).
    var memberWords: Int32
    var memberStart: Int32
    var lookCount: Int32
}

final class PositionSetMatchers {
    enum Outcome { case match, noMatch, gaveUp }

    @exclusivity(unchecked) private var programs = ScratchStack<RegexProgram>()
    @exclusivity(unchecked) private var ops = ScratchStack<RegexOp>()
    @exclusivity(unchecked) private var children = ScratchStack<Int32>()
    @exclusivity(unchecked) private var members = ScratchStack<UInt64>()
    @exclusivity(unchecked) private var arena = ScratchStack<UInt64>(capacity: 4096)
    private var classes: [CharSet] = []

    /// Per program, per ASCII code point: which classes hold it (bit k of `memberWords` words).

    deinit {
        programs.release(); ops.release(); children.release(); members.release(); arena.release()
    }

    // MARK: - compiling

    /// Adds a parsed pattern; nil when it has too many classes to index.
    func add(_ node: RegexNode) -> Int32? {
        var classKeys: [ASCIIClassKey: Int32] = [:]
        var localClasses: [CharSet] = []
        var localOps: [RegexOp] = []
        var localChildren: [Int32] = []
        var lookCount: Int32 = 0

        func classIndex(_ set: CharSet) -> Int32 {
            // Classes over ASCII only are told apart by their masks; others are kept apart.
            if set.asciiOnly {
                let key = ASCIIClassKey(low: set.asciiMask.low, high: set.asciiMask.high)
                if let k = classKeys[key] { return k }
                localClasses.append(set)
                classKeys[key] = Int32(localClasses.count - 1)
                return Int32(localClasses.count - 1)
            }
            localClasses.append(set)
            return Int32(localClasses.count - 1)
        }

        func emit(_ n: RegexNode) -> Int32 {
            var op: RegexOp
            switch n {
            case let .chars(set):
                op = RegexOp(kind: .chars, a: classIndex(set))
            case let .sequence(items), let .alternation(items):
                let kids = items.map { emit($0) }
                let isSequence: Bool
                if case .sequence = n { isSequence = true } else { isSequence = false }
                op = RegexOp(kind: isSequence ? .sequence : .alternation, a: Int32(localChildren.count), b: Int32(kids.count))
                localChildren.append(contentsOf: kids)
            case let .repeated(body, lo, hi):
                let max = hi >= Int(Int32.max) ? Int32.max : Int32(hi)
                if case let .chars(set) = body {
                    op = RegexOp(kind: .charsRepeated, a: classIndex(set), min: Int32(lo), max: max)
                } else {
                    op = RegexOp(kind: .repeated, a: emit(body), min: Int32(lo), max: max)
                }
            case .start:
                op = RegexOp(kind: .start)
            case let .end(finalTerminator):
                op = RegexOp(kind: .end, b: finalTerminator ? 1 : 0)
            case let .look(body, ahead, negated):
                op = RegexOp(kind: .look, a: emit(body), b: (ahead ? 1 : 0) | (negated ? 2 : 0), slot: lookCount)
                lookCount += 1
            case .capture, .backReference:
                preconditionFailure("not in a parsed tree: `BackReferences` rewrites them away")
            }
            localOps.append(op)
            return Int32(localOps.count - 1)
        }

        let root = emit(node)
        guard localClasses.count <= 512 else { return nil }
        let opBase = Int32(ops.count), childBase = Int32(children.count)
        for var op in localOps {
            switch op.kind {
            case .sequence, .alternation: op.a += childBase
            case .repeated, .look: op.a += opBase
            default: break
            }
            ops.push(op)
        }
        for c in localChildren { children.push(c + opBase) }
        let words = Swift.max(1, (localClasses.count + 63) >> 6)
        let memberStart = Int32(members.count)
        members.reserve(128 * words)
        for _ in 0..<(128 * words) { members.push(0) }
        let table = members.base + Int(memberStart)
        for (k, set) in localClasses.enumerated() {
            let m = set.asciiMask
            var bits = m.low, c = 0
            while bits != 0 {
                table[(c + bits.trailingZeroBitCount) * words + k >> 6] |= 1 << UInt64(k & 63)
                bits &= bits &- 1
            }
            bits = m.high
            c = 64
            while bits != 0 {
                table[(c + bits.trailingZeroBitCount) * words + k >> 6] |= 1 << UInt64(k & 63)
                bits &= bits &- 1
            }
        }
        let classStart = Int32(classes.count)
        classes.append(contentsOf: localClasses)
        programs.push(RegexProgram(root: root + opBase, opStart: opBase, opCount: Int32(localOps.count), childStart: childBase,
                                   classStart: classStart, classCount: Int32(localClasses.count), memberWords: Int32(words),
                                   memberStart: memberStart, lookCount: lookCount))
        return Int32(programs.count - 1)
    }

    // MARK: - matching

    /// Per-match state: the value's class masks, end masks and look-around sets live in the arena.
    private struct Run {
        var n: Int
        var words: Int
        var masks: UnsafeMutablePointer<UInt64>
        var endStrict: UnsafeMutablePointer<UInt64>
        var endFinal: UnsafeMutablePointer<UInt64>
        var all: UnsafeMutablePointer<UInt64>
        var looks: UnsafeMutablePointer<UInt64>
        var lookDone: UnsafeMutablePointer<UInt64>
        var top: UnsafeMutablePointer<UInt64>
        var budget: Int
    }

    /// Whether pattern `index` matches the value (searched, or with `whole` matched from its
    /// first position to its end). `.gaveUp` past the work budget.
    func matches<T: FixedWidthInteger & UnsignedInteger>(_ index: Int32, _ value: UnsafeBufferPointer<T>, whole: Bool) -> Outcome {
        let prog = programs[Int(index)]
        let n = value.count
        let w = (n + 1 + 63) >> 6
        let k = Int(prog.classCount)
        let looks = Int(prog.lookCount)
        let need = w * (k + 3 + looks + 3 * Int(prog.opCount) + 4) + looks + 8
        arena.removeAll()
        arena.reserve(need)
        let base = arena.base
        base.initialize(repeating: 0, count: w * (k + 3 + looks) + looks)
        var run = Run(n: n, words: w, masks: base, endStrict: base + w * k, endFinal: base + w * (k + 1), all: base + w * (k + 2),
                      looks: base + w * (k + 3), lookDone: base + w * (k + 3 + looks), top: base + w * (k + 3 + looks) + looks,
                      budget: 64 * (Int(prog.opCount) + 1) * w + (1 << 12))
        buildMasks(prog, value, &run)
        if w == 1 {
            // Values under 64 characters: every position set is one word, kept in registers.
            let out = eval1(Int(prog.root), whole ? 1 : run.all[0], &run)
            if run.budget < 0 { return .gaveUp }
            if whole { return out & (1 << UInt64(n)) != 0 ? .match : .noMatch }
            return out != 0 ? .match : .noMatch
        }
        let input = run.top
        run.top += w
        let output = run.top
        run.top += w
        if whole {
            clear(input, w)
            input[0] = 1
        } else {
            input.update(from: run.all, count: w)
        }
        eval(Int(prog.root), input, output, &run)
        if run.budget < 0 { return .gaveUp }
        if whole { return output[n >> 6] & (1 << UInt64(n & 63)) != 0 ? .match : .noMatch }
        return isEmpty(output, w) ? .noMatch : .match
    }

    private func buildMasks<T: FixedWidthInteger & UnsignedInteger>(_ prog: RegexProgram, _ value: UnsafeBufferPointer<T>, _ run: inout Run) {
        let n = run.n, w = run.words
        let mw = Int(prog.memberWords)
        let table = members.base + Int(prog.memberStart)
        let masks = run.masks
        for i in 0..<n {
            let c = UInt32(value[i])
            let bit: UInt64 = 1 << UInt64(i & 63)
            let word = i >> 6
            if c < 128 {
                let entry = table + Int(c) * mw
                for e in 0..<mw {
                    var bits = entry[e]
                    while bits != 0 {
                        let k = e << 6 | bits.trailingZeroBitCount
                        masks[k * w + word] |= bit
                        bits &= bits &- 1
                    }
                }
            } else {
                for k in 0..<Int(prog.classCount) where classes[Int(prog.classStart) + k].contains(c) {
                    masks[k * w + word] |= bit
                }
            }
        }
        // Every position 0...n; the end, and the end before a final line terminator (Java's `$`).
        for i in 0..<w { run.all[i] = ~0 }
        let extra = w * 64 - (n + 1)
        if extra > 0 { run.all[w - 1] >>= UInt64(extra) }
        setBit(run.endStrict, n)
        setBit(run.endFinal, n)
        if n >= 1 {
            let last = UInt32(value[n - 1])
            if last == 0x0A {
                if n >= 2 && UInt32(value[n - 2]) == 0x0D { setBit(run.endFinal, n - 2) } else { setBit(run.endFinal, n - 1) }
            } else if last == 0x0D || last == 0x85 || last == 0x2028 || last == 0x2029 {
                setBit(run.endFinal, n - 1)
            }
        }
    }

    @inline(__always) private func setBit(_ s: UnsafeMutablePointer<UInt64>, _ p: Int) { s[p >> 6] |= 1 << UInt64(p & 63) }
    @inline(__always) private func clear(_ s: UnsafeMutablePointer<UInt64>, _ w: Int) { s.update(repeating: 0, count: w) }
    @inline(__always) private func isEmpty(_ s: UnsafeMutablePointer<UInt64>, _ w: Int) -> Bool {
        for i in 0..<w where s[i] != 0 { return false }
        return true
    }

    /// out = ((s & m) << 1)
    @inline(__always) private func step(_ s: UnsafeMutablePointer<UInt64>, _ m: UnsafeMutablePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>, _ w: Int) {
        var carry: UInt64 = 0
        for i in 0..<w {
            let v = s[i] & m[i]
            out[i] = v << 1 | carry
            carry = v >> 63
        }
    }

    /// Writes the positions `op` can end at when started at `input` into `output` (distinct buffers).
    private func eval(_ opIndex: Int, _ input: UnsafeMutablePointer<UInt64>, _ output: UnsafeMutablePointer<UInt64>, _ run: inout Run) {
        let w = run.words
        let op = ops[opIndex]
        let savedTop = run.top
        defer { run.top = savedTop }
        run.budget -= w
        switch op.kind {
        case .chars:
            step(input, run.masks + Int(op.a) * w, output, w)
        case .charsRepeated:
            let m = run.masks + Int(op.a) * w
            output.update(from: input, count: w)
            let tmp = run.top
            run.top += w
            var k: Int32 = 0
            while k < op.min {
                if isEmpty(output, w) { return }
                step(output, m, tmp, w)
                output.update(from: tmp, count: w)
                k += 1
                run.budget -= w
            }
            if op.max == op.min { return }
            if op.max == Int32.max || Int(op.max - op.min) >= run.n {
                // Fill each run of members upward from its lowest reached position.
                var carry: UInt64 = 0
                for i in 0..<w {
                    let x = output[i] & m[i]
                    let (s1, c1) = x.addingReportingOverflow(m[i])
                    let (s2, c2) = s1.addingReportingOverflow(carry)
                    carry = (c1 || c2) ? 1 : 0
                    output[i] |= x | (s2 ^ m[i])
                }
                return
            }
            // A short bounded range: breadth-first, one position further per round.
            let front = tmp
            front.update(from: output, count: w)
            let next = run.top
            run.top += w
            var rounds = op.max - op.min
            while rounds > 0 {
                step(front, m, next, w)
                var any: UInt64 = 0
                for i in 0..<w {
                    let fresh = next[i] & ~output[i]
                    front[i] = fresh
                    output[i] |= fresh
                    any |= fresh
                }
                if any == 0 { return }
                rounds -= 1
                run.budget -= w
                if run.budget < 0 { return }
            }
        case .sequence:
            let count = Int(op.b)
            if count == 0 { output.update(from: input, count: w); return }
            let first = Int(op.a)
            eval(Int(children[first]), input, output, &run)
            if count == 1 { return }
            let tmp = run.top
            run.top += w
            for c in 1..<count {
                if isEmpty(output, w) || run.budget < 0 { return }
                tmp.update(from: output, count: w)
                eval(Int(children[first + c]), tmp, output, &run)
            }
        case .alternation:
            clear(output, w)
            let tmp = run.top
            run.top += w
            let first = Int(op.a)
            for c in 0..<Int(op.b) {
                eval(Int(children[first + c]), input, tmp, &run)
                for i in 0..<w { output[i] |= tmp[i] }
                if run.budget < 0 { return }
            }
        case .repeated:
            output.update(from: input, count: w)
            let tmp = run.top
            run.top += w
            var k: Int32 = 0
            while k < op.min {
                if isEmpty(output, w) || run.budget < 0 { return }
                tmp.update(from: output, count: w)
                eval(Int(op.a), tmp, output, &run)
                k += 1
            }
            if op.max == op.min { return }
            let front = tmp
            front.update(from: output, count: w)
            let next = run.top
            run.top += w
            var rounds = op.max == Int32.max ? Int.max : Int(op.max - op.min)
            while rounds > 0 {
                eval(Int(op.a), front, next, &run)
                var any: UInt64 = 0
                for i in 0..<w {
                    let fresh = next[i] & ~output[i]
                    front[i] = fresh
                    output[i] |= fresh
                    any |= fresh
                }
                if any == 0 || run.budget < 0 { return }
                rounds -= 1
            }
        case .start:
            clear(output, w)
            output[0] = input[0] & 1
        case .end:
            let e = op.b != 0 ? run.endFinal : run.endStrict
            for i in 0..<w { output[i] = input[i] & e[i] }
        case .look:
            let set = lookSet(op, &run)
            if op.b & 2 != 0 {
                for i in 0..<w { output[i] = input[i] & ~set[i] & run.all[i] }
            } else {
                for i in 0..<w { output[i] = input[i] & set[i] }
            }
        }
    }

    /// `eval` for values whose positions fit one word (n < 64): the same steps on a UInt64.
    private func eval1(_ opIndex: Int, _ input: UInt64, _ run: inout Run) -> UInt64 {
        let op = ops[opIndex]
        run.budget -= 1
        switch op.kind {
        case .chars:
            return (input & run.masks[Int(op.a)]) << 1
        case .charsRepeated:
            let m = run.masks[Int(op.a)]
            var out = input
            var k: Int32 = 0
            while k < op.min {
                if out == 0 { return 0 }
                out = (out & m) << 1
                k += 1
                run.budget -= 1
            }
            if op.max == op.min { return out }
            if op.max == Int32.max || Int(op.max - op.min) >= run.n {
                let x = out & m
                return out | x | ((x &+ m) ^ m)  // no carry leaves the word: positions end at n < 64
            }
            var front = out
            var rounds = op.max - op.min
            while rounds > 0 {
                let fresh = ((front & m) << 1) & ~out
                if fresh == 0 { return out }
                out |= fresh
                front = fresh
                rounds -= 1
                run.budget -= 1
                if run.budget < 0 { return out }
            }
            return out
        case .sequence:
            var cur = input
            let first = Int(op.a)
            for c in 0..<Int(op.b) {
                if c > 0 && (cur == 0 || run.budget < 0) { return cur }
                cur = eval1(Int(children[first + c]), cur, &run)
            }
            return cur
        case .alternation:
            var out: UInt64 = 0
            let first = Int(op.a)
            for c in 0..<Int(op.b) {
                out |= eval1(Int(children[first + c]), input, &run)
                if run.budget < 0 { return out }
            }
            return out
        case .repeated:
            var out = input
            var k: Int32 = 0
            while k < op.min {
                if out == 0 || run.budget < 0 { return out }
                out = eval1(Int(op.a), out, &run)
                k += 1
            }
            if op.max == op.min { return out }
            var front = out
            var rounds = op.max == Int32.max ? Int.max : Int(op.max - op.min)
            while rounds > 0 {
                let fresh = eval1(Int(op.a), front, &run) & ~out
                if fresh == 0 || run.budget < 0 { return out | fresh }
                out |= fresh
                front = fresh
                rounds -= 1
            }
            return out
        case .start:
            return input & 1
        case .end:
            return input & (op.b != 0 ? run.endFinal[0] : run.endStrict[0])
        case .look:
            let set = lookSet1(op, &run)
            return op.b & 2 != 0 ? input & ~set & run.all[0] : input & set
        }
    }

    private func lookSet1(_ op: RegexOp, _ run: inout Run) -> UInt64 {
        let slot = Int(op.slot)
        if run.lookDone[slot] != 0 { return run.looks[slot] }
        run.lookDone[slot] = 1
        var set: UInt64 = 0
        let body = ops[Int(op.a)]
        if op.b & 1 == 0 {
            set = eval1(Int(op.a), run.all[0], &run)
        } else if body.kind == .chars {
            // A look-ahead of one class holds exactly where the next character is a member.
            set = run.masks[Int(body.a)]
        } else {
            for p in 0...run.n {
                if eval1(Int(op.a), 1 << UInt64(p), &run) != 0 { set |= 1 << UInt64(p) }
                if run.budget < 0 { break }
            }
        }
        run.looks[slot] = set
        return set
    }

    /// The positions where a look-around's body matches: ahead, starting there (one run per
    /// position); behind, ending there (one run from every position). Computed once per match.
    private func lookSet(_ op: RegexOp, _ run: inout Run) -> UnsafeMutablePointer<UInt64> {
        let w = run.words
        let set = run.looks + Int(op.slot) * w
        if run.lookDone[Int(op.slot)] != 0 { return set }
        run.lookDone[Int(op.slot)] = 1
        let savedTop = run.top
        defer { run.top = savedTop }
        let single = run.top
        run.top += w
        let out = run.top
        run.top += w
        if op.b & 1 == 0 {
            single.update(from: run.all, count: w)
            eval(Int(op.a), single, set, &run)
            return set
        }
        let body = ops[Int(op.a)]
        if body.kind == .chars {
            // A look-ahead of one class holds exactly where the next character is a member.
            set.update(from: run.masks + Int(body.a) * w, count: w)
            return set
        }
        clear(single, w)
        for p in 0...run.n {
            setBit(single, p)
            eval(Int(op.a), single, out, &run)
            single[p >> 6] = 0
            if !isEmpty(out, w) { setBit(set, p) }
            if run.budget < 0 { break }
        }
        return set
    }
}
