/// Decides "does the pattern match" for any `RegexNode`, look-arounds included, in time
/// proportional to the value: the engine behind the faster ones, for the values they decline
/// or give up on (a long value, a look-ahead away from position 0, a repetition of a group
/// that needs many rounds).
///
/// The pattern is a Thompson NFA (counted repeats unrolled) simulated position by position with
/// each NFA state taken at most once per position, so a match costs O(value × pattern) and never
/// backtracks. A look-around is a zero-width test of the position, decided for every position at
/// once before the match by its body's own NFA run over the value a single time: a look-ahead's
/// body reversed and run from the end backwards (started at every position, since the body may
/// end anywhere, it reaches position p exactly when the body matches from p), a look-behind's
/// body run forwards from every position (it ends at q exactly when the body matches up to q).
/// Nested look-arounds are decided first; their sets are absolute positions, the same whichever
/// way the enclosing body runs. This is the oracle construction of linear-time lookaround
/// matching (Mamouras & Chattopadhyay, "Efficient Matching of Regular Expressions with
/// Lookaround Assertions", POPL 2024), on a plain Thompson simulation.
final class ThompsonMatchers {
    private enum Op: UInt8 { case chars, split, start, end, endFinal, look, accept }

    private struct Inst {
        var op: Op
        /// chars and assertions: the successor; split: the first target.
        var next: Int32
        /// split: the second target; chars: the class; look: the look's index.
        var arg: Int32 = 0
        var negated = false
    }

    private struct Look {
        var entry: Int32
        var ahead: Bool
    }

    private struct Program {
        var insts: [Inst]
        var entry: Int32
        var classes: [CharSet]
        /// Inner looks before the looks that contain them.
        var looks: [Look]
    }

    /// Instructions one pattern may unroll into.
    static let maxInstructions = 100_000

    private var programs: [Program] = []

    /// Adds a parsed pattern; nil when it unrolls into too many states.
    func add(_ node: RegexNode) -> Int32? {
        var b = Builder()
        let accept = b.emit(Inst(op: .accept, next: -1))
        guard let entry = b.build(node, accept, reversed: false), b.insts.count <= Self.maxInstructions else { return nil }
        programs.append(Program(insts: b.insts, entry: entry, classes: b.classes, looks: b.looks))
        return Int32(programs.count - 1)
    }

    /// The NFA, built back to front (each part knows its successor, so nothing is patched but
    /// the loop of a `*`).
    private struct Builder {
        var insts: [Inst] = []
        var classes: [CharSet] = []
        var looks: [Look] = []

        mutating func emit(_ inst: Inst) -> Int32 {
            insts.append(inst)
            return Int32(insts.count - 1)
        }

        /// The entry of `node` followed by `next`; `reversed` builds it to be run from its end.
        mutating func build(_ node: RegexNode, _ next: Int32, reversed: Bool) -> Int32? {
            guard insts.count <= ThompsonMatchers.maxInstructions else { return nil }
            switch node {
            case let .chars(set):
                classes.append(set)
                return emit(Inst(op: .chars, next: next, arg: Int32(classes.count - 1)))
            case let .sequence(items):
                var current = next
                for item in reversed ? items : items.reversed() {
                    guard let entry = build(item, current, reversed: reversed) else { return nil }
                    current = entry
                }
                return current
            case let .alternation(branches):
                var entries: [Int32] = []
                for branch in branches {
                    guard let entry = build(branch, next, reversed: reversed) else { return nil }
                    entries.append(entry)
                }
                var current = entries.removeLast()
                for entry in entries.reversed() { current = emit(Inst(op: .split, next: entry, arg: current)) }
                return current
            case let .repeated(body, lo, hi):
                var current = next
                if hi == Int.max {
                    // loop: split(body → loop, next)
                    let loop = emit(Inst(op: .split, next: -1, arg: next))
                    guard let entry = build(body, loop, reversed: reversed) else { return nil }
                    insts[Int(loop)].next = entry
                    current = loop
                } else {
                    // x{0,k} before `next`: split(x then the same with k-1, next).
                    for _ in 0..<max(0, hi - lo) {
                        guard insts.count <= ThompsonMatchers.maxInstructions,
                              let entry = build(body, current, reversed: reversed) else { return nil }
                        current = emit(Inst(op: .split, next: entry, arg: next))
                    }
                }
                for _ in 0..<lo {
                    guard insts.count <= ThompsonMatchers.maxInstructions,
                          let entry = build(body, current, reversed: reversed) else { return nil }
                    current = entry
                }
                return current
            case .start:
                return emit(Inst(op: .start, next: next))
            case let .end(finalTerminator):
                return emit(Inst(op: finalTerminator ? .endFinal : .end, next: next))
            case let .look(body, ahead, negated):
                // Its own NFA, oriented by its own direction (not the enclosing body's).
                let accept = emit(Inst(op: .accept, next: -1))
                guard let entry = build(body, accept, reversed: ahead) else { return nil }
                looks.append(Look(entry: entry, ahead: ahead))
                return emit(Inst(op: .look, next: next, arg: Int32(looks.count - 1), negated: negated))
            case .capture, .backReference:
                return nil  // not in a parsed tree: `BackReferences` rewrites them away
            }
        }
    }

    // MARK: - matching

    /// Per-run state: the thread lists and the look sets.
    private struct Run {
        var n: Int
        /// Where `$`/`\Z` hold besides the end: before a final line terminator (-1: nowhere).
        var beforeTerminator: Int
        var words: Int
        /// Look k holds at position p: bit p of lookSets[k * words ...].
        var lookSets: [UInt64]
        /// The states waiting at this position for a character (each once: `mark`).
        var current: [Int32] = []
        /// Their successors after this position's character.
        var pending: [Int32] = []
        var mark: [UInt32]
        var generation: UInt32 = 0
        var stack: [Int32] = []
    }

    /// Whether pattern `index` matches the value: found anywhere, or with `whole` from its
    /// first position to its end.
    func matches<T: FixedWidthInteger & UnsignedInteger>(_ index: Int32, _ value: UnsafeBufferPointer<T>, whole: Bool) -> Bool {
        let program = programs[Int(index)]
        let n = value.count
        let words = (n + 1 + 63) >> 6
        var run = Run(n: n, beforeTerminator: Self.beforeTerminator(value), words: words,
                      lookSets: [UInt64](repeating: 0, count: words * program.looks.count),
                      mark: [UInt32](repeating: 0, count: program.insts.count))
        for k in program.looks.indices {
            let look = program.looks[k]
            // Sets of the looks inside this one are already there (inner looks come first).
            _ = simulate(program, entry: look.entry, value, &run, forward: !look.ahead, startEverywhere: true,
                         requireEnd: false, record: k)
        }
        return simulate(program, entry: program.entry, value, &run, forward: true, startEverywhere: !whole,
                        requireEnd: whole, record: nil)
    }

    /// Java's `$` also holds before a final line terminator (`\r\n` as one).
    private static func beforeTerminator<T: FixedWidthInteger & UnsignedInteger>(_ value: UnsafeBufferPointer<T>) -> Int {
        let n = value.count
        guard n >= 1 else { return -1 }
        let last = UInt32(value[n - 1])
        if last == 0x0A { return n >= 2 && UInt32(value[n - 2]) == 0x0D ? n - 2 : n - 1 }
        if last == 0x0D || last == 0x85 || last == 0x2028 || last == 0x2029 { return n - 1 }
        return -1
    }

    /// Runs one NFA over the positions (0...n forwards, n...0 backwards). With `record`, marks
    /// in that look's set every position where it accepts and returns false; otherwise returns
    /// whether it accepts (anywhere, or with `requireEnd` at the far end).
    private func simulate<T: FixedWidthInteger & UnsignedInteger>(
        _ program: Program, entry: Int32, _ value: UnsafeBufferPointer<T>, _ run: inout Run,
        forward: Bool, startEverywhere: Bool, requireEnd: Bool, record: Int?
    ) -> Bool {
        let n = run.n
        run.pending.removeAll(keepingCapacity: true)
        var pos = forward ? 0 : n
        let last = forward ? n : 0
        while true {
            run.generation &+= 1
            if run.generation == 0 {
                for k in run.mark.indices { run.mark[k] = 0 }
                run.generation = 1
            }
            run.current.removeAll(keepingCapacity: true)
            var accepted = false
            for k in run.pending.indices {
                let pc = run.pending[k]
                if addThread(program, pc, at: pos, &run) { accepted = true }
            }
            if (startEverywhere || pos == (forward ? 0 : n)) && addThread(program, entry, at: pos, &run) { accepted = true }
            if accepted {
                if let record {
                    run.lookSets[record * run.words + pos >> 6] |= 1 << UInt64(pos & 63)
                } else if !requireEnd || pos == last {
                    return true
                }
            }
            if pos == last { return false }
            if run.current.isEmpty && !startEverywhere { return false }
            let c = UInt32(forward ? value[pos] : value[pos - 1])
            run.pending.removeAll(keepingCapacity: true)
            for pc in run.current {
                let inst = program.insts[Int(pc)]
                if program.classes[Int(inst.arg)].contains(c) { run.pending.append(inst.next) }
            }
            pos += forward ? 1 : -1
        }
    }

    /// Adds `pc` and everything reachable from it without reading a character at `pos` to the
    /// current list (character steps and the accept state are kept); true when it accepts.
    private func addThread(_ program: Program, _ pc: Int32, at pos: Int, _ run: inout Run) -> Bool {
        var accepted = false
        run.stack.append(pc)
        while let pc = run.stack.popLast() {
            guard run.mark[Int(pc)] != run.generation else { continue }
            run.mark[Int(pc)] = run.generation
            let inst = program.insts[Int(pc)]
            switch inst.op {
            case .chars:
                run.current.append(pc)
            case .accept:
                accepted = true
            case .split:
                run.stack.append(inst.arg)
                run.stack.append(inst.next)
            case .start:
                if pos == 0 { run.stack.append(inst.next) }
            case .end:
                if pos == run.n { run.stack.append(inst.next) }
            case .endFinal:
                if pos == run.n || pos == run.beforeTerminator { run.stack.append(inst.next) }
            case .look:
                let holds = run.lookSets[Int(inst.arg) * run.words + pos >> 6] & (1 << UInt64(pos & 63)) != 0
                if holds != inst.negated { run.stack.append(inst.next) }
            }
        }
        return accepted
    }
}
