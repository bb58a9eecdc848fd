/// Decides "does the pattern match" for a look-around-free `RegexNode` on ASCII values with a
/// DFA built lazily, one state per distinct set of pattern positions the values reach: after
/// a few values a match is one table load per byte, with no per-call set-up.
///
/// The pattern becomes a Thompson NFA (counted repeats unrolled, bounded in size); a DFA state
/// is the sorted set of NFA nodes waiting at a position: class nodes, the accept node, and end
/// assertions not yet decided. Bytes with the same membership in every class share one column
/// of the transition table. Anchors are zero-width tests of the position: `^` passes only at 0
/// (resolved when the first state is built); `$`/`\Z` at the end or before a final line
/// terminator, `\z` at the end: those two positions are resolved per value, outside the
/// table walk. A search injects the pattern's start at every position; a whole-value match
/// starts it at 0 only and accepts only at the end. Memory is bounded: past `maxEntries`
/// entries (transitions and kernel nodes, 4 bytes each: 1 MB), or when a budget shared by all
/// the DFAs of a table runs out, the DFA is emptied (after a few such resets, given up) and the caller
/// falls back to `PositionSetMatchers`.
struct LazyDFA {
    private enum Kind: UInt8 { case chars, split, start, endBeforeTerminator, endStrict, accept, look }

    /// search: a match may start and end anywhere; whole: from position 0 to the end; prefix:
    /// from position 0, ending anywhere (a look-ahead's body).
    enum Mode { case search, whole, prefix }

    private struct Node {
        var kind: Kind
        /// chars/anchors: the successor; split: first target in `edges`.
        var next: Int32
        /// split: target count; chars, while building: the class index; look: its index.
        var count: Int32
        /// chars: the member columns (bit k: column k).
        var low: UInt64
        var high: UInt64
    }

    private static let maxNodes = 6000
    private let maxEntries: Int
    /// Values this long or longer are declined: a long bounded repeat was built unbounded.
    let exactBelow: Int
    /// Entries left to all the DFAs sharing it (nil: no shared budget).
    private let budget: UnsafeMutablePointer<Int>?
    /// This DFA's entries taken from `budget`.
    private var used = 0
    private static let maxResets = 4

    private let nodes: UnsafeMutablePointer<Node>
    private let nodeCount: Int
    private let edges: UnsafeMutablePointer<Int32>
    private let entry: Int32
    /// The pattern's start is tried at every position (a search).
    private let startsEverywhere: Bool
    /// A match may end before the end of the value.
    private let endsAnywhere: Bool
    /// Look-aheads, each decided at position 0 by its body's own DFA (prefix mode): either
    /// reachable only at position 0 (right after a leading `^`) or with a body anchored by
    /// `^` (so it fails, and its negation holds, everywhere else).
    private let looks: UnsafeMutablePointer<LazyDFA>
    private let lookNegated: UnsafeMutablePointer<Bool>
    private let lookCount: Int
    /// This value's look-ahead verdicts at position 0 (bit k: look k holds).
    private var lookBits = 0
    /// The state at position 0, per look verdicts.
    private let firstByLooks: UnsafeMutablePointer<Int32>
    /// Byte (0..<128) to its column.
    private let columnOf: UnsafeMutablePointer<UInt8>
    private let columns: Int

    // States: kernels[kernelStart[s] ..< kernelStart[s + 1]]. The tables start small and grow
    // (by realloc): most patterns' DFAs keep a handful of states, and a run builds hundreds of
    // DFAs per thread, each page of them a page fault.
    private var kernels = ScratchStack<Int32>(capacity: 64)
    private var kernelStart = ScratchStack<Int32>(capacity: 16)
    /// Per state: bit 0 accepts here, bit 1 holds an undecided end assertion, bit 2 dead (empty,
    /// and no new start can come).
    private var flags = ScratchStack<UInt8>(capacity: 16)
    /// Per state and column: the next state, -1 not built yet.
    private var transitions = ScratchStack<Int32>(capacity: 256)
    /// Per state and (at position 0 or not): 0/1 accepts at the very end, -1 not worked out.
    private var acceptsAtEnd = ScratchStack<Int8>(capacity: 32)
    /// Per state and (at position 0 or not): the state once `$` holds (before a final line
    /// terminator), -1 not built yet.
    private var beforeTerminator = ScratchStack<Int32>(capacity: 32)
    /// Open addressing over state ids (-1 free), keyed by kernel.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotCount = 0
    private var resets = 0
    private(set) var disabled = false

    // Closure scratch.
    private let marks: UnsafeMutablePointer<UInt32>
    /// Nodes put in `out` by the current closure (kernels are compared as sets through it).
    private let kept: UnsafeMutablePointer<UInt32>
    private var generation: UInt32 = 0
    private let stack: UnsafeMutablePointer<Int32>
    private let out: UnsafeMutablePointer<Int32>

    init?(_ root: RegexNode, search: Bool, relaxLongRepeats: Bool = true, maxEntries: Int = 1 << 18,
          budget: UnsafeMutablePointer<Int>? = nil) {
        self.init(root, mode: search ? .search : .whole, relaxLongRepeats: relaxLongRepeats, maxEntries: maxEntries, budget: budget)
    }

    /// nil when the pattern has look-behinds, look-aheads elsewhere than described at
    /// `looks`, or unrolls into too many nodes.
    init?(_ root: RegexNode, mode: Mode, relaxLongRepeats: Bool = true, maxEntries: Int = 1 << 18,
          budget: UnsafeMutablePointer<Int>? = nil) {
        // When a match may end anywhere, a trailing x{m,n} decides nothing past its first m
        // copies (a longer match has that shorter one as its start); when it may start
        // anywhere, the same holds for a leading one. Fewer nodes for `arn:...:.{0,1023}`.
        var root = root
        if mode != .whole { root = Self.trimmed(root, atEnd: true) }
        if mode == .search { root = Self.trimmed(root, atEnd: false) }
        var b = NFABuilder(maxEntries: maxEntries, budget: budget, relax: relaxLongRepeats)
        guard let entry = b.build(root, 0, atZero: false) else {
            for d in b.lookDFAs { d.release() }
            return nil
        }
        let classes = b.classes
        var nodes = b.nodes
        b.nodes = []  // unshared: updated in place below
        let edges = b.edges
        let lookDFAs = b.lookDFAs
        let negations = b.negations

        // Columns: bytes alike in every class, found by splitting each column (a 128-bit set of
        // bytes) by each class in turn.
        var parts: [ASCIIClassKey] = [ASCIIClassKey(low: ~0, high: ~0)]
        for m in classes {
            var k = 0
            let count = parts.count
            while k < count {
                let p = parts[k]
                let inside = ASCIIClassKey(low: p.low & m.low, high: p.high & m.high)
                let outside = ASCIIClassKey(low: p.low & ~m.low, high: p.high & ~m.high)
                if (inside.low | inside.high) != 0 && (outside.low | outside.high) != 0 {
                    parts[k] = inside
                    parts.append(outside)
                }
                k += 1
            }
        }
        let columnCount = parts.count
        var column = [Int](repeating: 0, count: 128)
        for (c, p) in parts.enumerated() {
            var bits = p.low
            while bits != 0 { column[bits.trailingZeroBitCount] = c; bits &= bits &- 1 }
            bits = p.high
            while bits != 0 { column[64 + bits.trailingZeroBitCount] = c; bits &= bits &- 1 }
        }
        // Each class as a set of columns (a column lies wholly inside or outside every class).
        var columnMasks: [ASCIIClassKey] = []
        for m in classes {
            var low: UInt64 = 0, high: UInt64 = 0
            for (c, p) in parts.enumerated() where (p.low & m.low) | (p.high & m.high) != 0 {
                if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
            }
            columnMasks.append(ASCIIClassKey(low: low, high: high))
        }
        nodes.withUnsafeMutableBufferPointer { all in
            for k in all.indices where all[k].kind == .chars {
                let m = columnMasks[Int(all[k].count)]
                all[k].low = m.low
                all[k].high = m.high
            }
        }

        self.nodeCount = nodes.count
        self.nodes = .allocate(capacity: nodes.count)
        self.nodes.initialize(from: nodes, count: nodes.count)
        self.edges = .allocate(capacity: Swift.max(1, edges.count))
        self.edges.initialize(from: edges, count: edges.count)
        self.entry = entry
        self.startsEverywhere = mode == .search
        self.endsAnywhere = mode != .whole
        self.lookCount = lookDFAs.count
        self.looks = .allocate(capacity: Swift.max(1, lookDFAs.count))
        self.looks.initialize(from: lookDFAs, count: lookDFAs.count)
        self.lookNegated = .allocate(capacity: Swift.max(1, lookDFAs.count))
        self.lookNegated.initialize(from: negations, count: negations.count)
        self.firstByLooks = .allocate(capacity: 1 << lookDFAs.count)
        self.firstByLooks.initialize(repeating: -1, count: 1 << lookDFAs.count)
        self.maxEntries = maxEntries
        self.budget = budget
        self.exactBelow = b.exactBelow
        self.columnOf = .allocate(capacity: 128)
        for b in 0..<128 { columnOf[b] = UInt8(column[b]) }
        self.columns = columnCount
        self.marks = .allocate(capacity: nodes.count)
        self.marks.initialize(repeating: 0, count: nodes.count)
        self.kept = .allocate(capacity: nodes.count)
        self.kept.initialize(repeating: 0, count: nodes.count)
        self.stack = .allocate(capacity: nodes.count)
        self.out = .allocate(capacity: nodes.count)
        self.slots = .allocate(capacity: 64)
        self.slotCount = 64
        self.slots.initialize(repeating: -1, count: 64)
        kernelStart.push(0)
        if startsEverywhere {
            beginClosure()
            push(entry)
            restarts = closure(atStart: false, end: 0) > 0
        }
    }

    /// A search whose pattern can start past position 0: no state is dead then.
    private var restarts = false

    /// The Thompson NFA of a pattern, built back to front (each part is built knowing its
    /// successor). A struct with mutating methods: no captured (boxed) arrays on this path.
    private struct NFABuilder {
        var nodes: [Node] = [Node(kind: .accept, next: -1, count: 0, low: 0, high: 0)]
        var edges: [Int32] = []
        /// Distinct classes (few per pattern: a linear search beats hashing).
        var classes: [ASCIIClassKey] = []
        var lookDFAs: [LazyDFA] = []
        var negations: [Bool] = []
        /// Values this long or longer are declined (see `.repeated`).
        var exactBelow = Int.max
        let maxEntries: Int
        let budget: UnsafeMutablePointer<Int>?
        let limit = LazyDFA.maxNodes

        /// Build long bounded repeats unbounded (see `.repeated`).
        let relax: Bool

        init(maxEntries: Int, budget: UnsafeMutablePointer<Int>?, relax: Bool) {
            self.maxEntries = maxEntries
            self.budget = budget
            self.relax = relax
        }

        mutating func classIndex(_ m: (low: UInt64, high: UInt64)) -> Int32 {
            for k in classes.indices where classes[k].low == m.low && classes[k].high == m.high { return Int32(k) }
            classes.append(ASCIIClassKey(low: m.low, high: m.high))
            return Int32(classes.count - 1)
        }

        mutating func add(_ kind: Kind, _ next: Int32, _ count: Int32 = 0) -> Int32? {
            guard nodes.count < limit else { return nil }
            nodes.append(Node(kind: kind, next: next, count: count, low: 0, high: 0))
            return Int32(nodes.count - 1)
        }

        mutating func split(_ targets: [Int32]) -> Int32? {
            let n = add(.split, Int32(edges.count), Int32(targets.count))
            edges.append(contentsOf: targets)
            return n
        }

        mutating func split(_ a: Int32, _ b: Int32) -> Int32? {
            let n = add(.split, Int32(edges.count), 2)
            edges.append(a)
            edges.append(b)
            return n
        }

        /// One copy of a repeated body before `then`.
        mutating func copy(_ body: RegexNode, singleClass: Int32, _ then: Int32) -> Int32? {
            if singleClass >= 0 { return add(.chars, then, singleClass) }
            return build(body, then, atZero: false)
        }

        /// Builds `node` followed by `next`; returns its entry. `atZero`: only reachable at position 0.
        mutating func build(_ node: RegexNode, _ next: Int32, atZero: Bool) -> Int32? {
            switch node {
            case let .chars(set):
                return add(.chars, next, classIndex(set.asciiMask))
            case let .sequence(items):
                // Item k is reachable only at 0 when everything before it is zero-width and
                // the sequence is, or a `^` comes before it.
                var onlyAtZero = [Bool](repeating: false, count: items.count)
                var zero = atZero
                for (k, item) in items.enumerated() {
                    onlyAtZero[k] = zero
                    switch item {
                    case .start: zero = true
                    case .end, .look: break
                    default: zero = false
                    }
                    if !zero { break }
                }
                var e = next
                for k in items.indices.reversed() {
                    guard let x = build(items[k], e, atZero: onlyAtZero[k]) else { return nil }
                    e = x
                }
                return e
            case let .alternation(branches):
                var targets: [Int32] = []
                for b in branches {
                    guard let x = build(b, next, atZero: atZero) else { return nil }
                    targets.append(x)
                }
                return split(targets)
            case .repeated(let body, let lo, var hi):
                // A long bounded repeat, x{m,n} with n copies of x spanning more than
                // `relaxFrom` characters, is built as x{m,}: the two differ only on values
                // with more than n copies in a row, none shorter than (n + 1) × minLength(x).
                // Longer values are declined (`exactBelow`), shorter ones need no counting states.
                if relax, hi != Int.max, hi - lo > 16 {
                    let k = LazyDFA.minLength(body)
                    if k >= 1, hi < Int.max / (2 * k), (hi + 1) * k > LazyDFA.relaxFrom {
                        exactBelow = Swift.min(exactBelow, (hi + 1) * k)
                        hi = Int.max
                    }
                }
                guard lo < limit, hi == Int.max || hi - lo < limit else { return nil }
                // A class repeated (most counted repeats): its copies without recursing per copy.
                var single: Int32 = -1
                if case let .chars(set) = body { single = classIndex(set.asciiMask) }
                var e = next
                if hi == Int.max {
                    // A loop: the split goes into the body (which comes back to it) or on.
                    guard let loop = split(-1, next), let b = copy(body, singleClass: single, loop) else { return nil }
                    edges[Int(nodes[Int(loop)].next)] = b
                    e = loop
                } else {
                    // x{0,k}: each optional copy may stop and go on to `next`.
                    for _ in 0..<(hi - lo) {
                        guard let b = copy(body, singleClass: single, e), let s = split(b, next) else { return nil }
                        e = s
                    }
                }
                for _ in 0..<lo {
                    guard let b = copy(body, singleClass: single, e) else { return nil }
                    e = b
                }
                return e
            case .start:
                return add(.start, next)
            case let .end(finalTerminator):
                return add(finalTerminator ? .endBeforeTerminator : .endStrict, next)
            case let .look(body, ahead, negated):
                guard ahead, atZero || LazyDFA.startsAnchored(body), lookDFAs.count < 4,
                      let d = LazyDFA(body, mode: .prefix, relaxLongRepeats: relax, maxEntries: maxEntries, budget: budget) else { return nil }
                lookDFAs.append(d)
                negations.append(negated)
                return add(.look, next, Int32(lookDFAs.count - 1))
            case .capture, .backReference:
                return nil  // not in a parsed tree: `BackReferences` rewrites them away
            }
        }
    }

    /// `node` with its last (or first) repeat cut down to its minimum count.
    private static func trimmed(_ node: RegexNode, atEnd: Bool) -> RegexNode {
        switch node {
        case var .sequence(items):
            guard !items.isEmpty else { return node }
            let k = atEnd ? items.count - 1 : 0
            items[k] = trimmed(items[k], atEnd: atEnd)
            return .sequence(items)
        case let .alternation(branches):
            return .alternation(branches.map { trimmed($0, atEnd: atEnd) })
        case let .repeated(body, min, max):
            guard max > min else { return node }
            return min == 0 ? .sequence([]) : .repeated(body, min: min, max: min)
        default:
            return node
        }
    }

    /// Bounded repeats spanning more characters than this are built unbounded (see `NFABuilder`).
    private static let relaxFrom = 256

    /// The fewest characters a match of `node` consumes.
    private static func minLength(_ node: RegexNode) -> Int {
        switch node {
        case .chars: return 1
        case let .sequence(items): return items.reduce(0) { $0 + minLength($1) }
        case let .alternation(branches): return branches.map(minLength).min() ?? 0
        case let .repeated(body, min, _): return min == 0 ? 0 : min * minLength(body)
        case .start, .end, .look, .capture, .backReference: return 0
        }
    }

    /// Whether every path through `node` passes `^` before consuming a character.
    private static func startsAnchored(_ node: RegexNode) -> Bool {
        switch node {
        case .start: return true
        case let .sequence(items):
            for item in items {
                if startsAnchored(item) { return true }
                switch item {
                case .end, .look: continue
                default: return false
                }
            }
            return false
        case let .alternation(branches): return !branches.isEmpty && branches.allSatisfy(startsAnchored)
        case let .repeated(body, min, _): return min >= 1 && startsAnchored(body)
        default: return false
        }
    }

    func release() {
        budget?.pointee += used
        for k in 0..<lookCount { looks[k].release() }
        looks.deallocate(); lookNegated.deallocate(); firstByLooks.deallocate()
        nodes.deallocate(); edges.deallocate(); columnOf.deallocate(); marks.deallocate(); kept.deallocate()
        stack.deallocate(); out.deallocate(); slots.deallocate()
        kernels.release(); kernelStart.release(); flags.release(); transitions.release()
        acceptsAtEnd.release(); beforeTerminator.release()
    }

    // MARK: - matching

    /// Whether the pattern matches the ASCII value (searched, or whole); nil when the DFA hit
    /// its memory bound (the caller decides another way).
    mutating func matches(_ value: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = value.count
        if disabled || n >= exactBelow { return nil }
        // Java's `$` also holds before a final line terminator (before a final "\r\n" as a whole).
        var terminatorAt = -1
        if n >= 1 {
            let last = value[n - 1]
            if last == 0x0A { terminatorAt = n >= 2 && value[n - 2] == 0x0D ? n - 2 : n - 1 }
            else if last == 0x0D { terminatorAt = n - 1 }
        }
        var bits = 0
        for k in 0..<lookCount {
            guard let holds = looks[k].matches(value) else { return nil }
            if holds != lookNegated[k] { bits |= 1 << k }
        }
        lookBits = bits
        if firstByLooks[bits] < 0 {
            guard let s = startState() else { return nil }
            firstByLooks[bits] = s
        }
        var s = firstByLooks[bits]
        var p = 0
        var stop = terminatorAt >= 0 ? terminatorAt : n
        // Leave the walk on an accepting state (when a match may end anywhere) or a dead one.
        let exit: UInt8 = endsAnywhere ? 5 : 4
        let columnOf = self.columnOf, columns = self.columns
        var table = transitions.base, stateFlags = flags.base
        while true {
            // s: the state at position p.
            while p < stop {
                let f = stateFlags[Int(s)]
                if f & exit != 0 { return f & 4 == 0 }
                let c = value[p]
                guard c < 128 else { return nil }
                let column = Int(columnOf[Int(c)])
                var t = table[Int(s) * columns + column]
                if t < 0 {
                    guard let built = step(s, column: column) else { return nil }
                    t = built
                    table = transitions.base
                    stateFlags = flags.base
                }
                s = t
                p += 1
            }
            if p == n { return acceptAtEnd(s, atStart: p == 0) }
            // The terminator position: `$` holds here.
            guard let r = stateBeforeTerminator(s, atStart: p == 0) else { return nil }
            s = r
            stateFlags = flags.base
            table = transitions.base
            stop = n
        }
    }

    // MARK: - building states

    private mutating func startState() -> Int32? {
        beginClosure()
        push(entry)
        let count = closure(atStart: true, end: 0)
        return intern(count)
    }

    private mutating func step(_ s: Int32, column: Int) -> Int32? {
        let lo = Int(kernelStart[Int(s)]), hi = Int(kernelStart[Int(s) + 1])
        let bit: UInt64 = 1 << UInt64(column & 63)
        beginClosure()
        for k in lo..<hi {
            let node = nodes[Int(kernels[k])]
            guard node.kind == .chars else { continue }
            if (column < 64 ? node.low : node.high) & bit != 0 { push(node.next) }
        }
        if startsEverywhere { push(entry) }
        let count = closure(atStart: false, end: 0)
        guard let t = intern(count) else { return nil }
        transitions[Int(s) * columns + column] = t
        return t
    }

    private mutating func acceptAtEnd(_ s: Int32, atStart: Bool) -> Bool {
        if flags[Int(s)] & 1 != 0 { return true }
        if flags[Int(s)] & 2 == 0 { return false }
        // At position 0 the answer depends on the look verdicts: not cached then.
        let cached = !(atStart && lookCount > 0)
        let slot = Int(s) * 2 + (atStart ? 1 : 0)
        if cached && acceptsAtEnd[slot] >= 0 { return acceptsAtEnd[slot] == 1 }
        let count = resolve(s, atStart: atStart, end: 2)
        var accepts = false
        for k in 0..<count where out[k] == 0 { accepts = true }
        if cached { acceptsAtEnd[slot] = accepts ? 1 : 0 }
        return accepts
    }

    private mutating func stateBeforeTerminator(_ s: Int32, atStart: Bool) -> Int32? {
        if flags[Int(s)] & 2 == 0 { return s }
        let slot = Int(s) * 2 + (atStart ? 1 : 0)
        let cached = !(atStart && lookCount > 0)
        if cached && beforeTerminator[slot] >= 0 { return beforeTerminator[slot] }
        let count = resolve(s, atStart: atStart, end: 1)
        guard let t = intern(count) else { return nil }
        if cached { beforeTerminator[slot] = t }
        return t
    }

    /// The kernel of `s` with its end assertions decided (`end` 1: before a final line
    /// terminator, 2: at the end), in `out`.
    private mutating func resolve(_ s: Int32, atStart: Bool, end: Int) -> Int {
        let lo = Int(kernelStart[Int(s)]), hi = Int(kernelStart[Int(s) + 1])
        beginClosure()
        for k in lo..<hi { push(kernels[k]) }
        return closure(atStart: atStart, end: end)
    }

    @inline(__always) private mutating func beginClosure() {
        generation &+= 1
        if generation == 0 {
            marks.update(repeating: 0, count: nodeCount)
            kept.update(repeating: 0, count: nodeCount)
            generation = 1
        }
        depth = 0
    }

    private var depth = 0

    @inline(__always) private mutating func push(_ node: Int32) {
        guard marks[Int(node)] != generation else { return }
        marks[Int(node)] = generation
        stack[depth] = node
        depth += 1
    }

    /// Follows splits and passing anchors from the pushed nodes; the nodes a state keeps go to
    /// `out` (in no order; marked in `kept`). `end` 0: not at an end position (end assertions wait), 1: before a final
    /// line terminator (`$` holds, `\z` fails), 2: at the end (both hold).
    private mutating func closure(atStart: Bool, end: Int) -> Int {
        var count = 0
        while depth > 0 {
            depth -= 1
            let id = stack[depth]
            let node = nodes[Int(id)]
            switch node.kind {
            case .chars, .accept:
                out[count] = id; count += 1; kept[Int(id)] = generation
            case .split:
                for k in 0..<Int(node.count) { push(edges[Int(node.next) + k]) }
            case .start:
                if atStart { push(node.next) }
            case .look:
                // Past position 0 only anchored bodies get here: they fail, their negation holds.
                let k = Int(node.count)
                if atStart ? lookBits & (1 << k) != 0 : lookNegated[k] { push(node.next) }
            case .endBeforeTerminator:
                if end == 0 { out[count] = id; count += 1; kept[Int(id)] = generation } else { push(node.next) }
            case .endStrict:
                if end == 0 { out[count] = id; count += 1; kept[Int(id)] = generation } else if end == 2 { push(node.next) }
            }
        }
        return count
    }

    /// The state whose kernel is `out[0..<count]`, added if new; nil past the memory bound.
    private mutating func intern(_ count: Int) -> Int32? {
        let h = Self.setHash(out, count)
        let mask = slotCount - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let s = Int(slots[i])
            let lo = Int(kernelStart[s]), hi = Int(kernelStart[s + 1])
            if hi - lo == count {
                // Same size, and every node of the state is in `out` (which has no repeats).
                var same = true
                for k in lo..<hi where kept[Int(kernels[k])] != generation { same = false; break }
                if same { return slots[i] }
            }
            i = (i + 1) & mask
        }
        let states = flags.count
        let added = columns + count
        if transitions.count + kernels.count + added > maxEntries || (budget.map { $0.pointee < added } ?? false) {
            reset()
            return nil
        }
        used += added
        budget?.pointee -= added
        var f: UInt8 = count == 0 && !restarts ? 4 : 0
        for k in 0..<count {
            kernels.push(out[k])
            switch nodes[Int(out[k])].kind {
            case .accept: f |= 1
            case .endBeforeTerminator, .endStrict: f |= 2
            default: break
            }
        }
        kernelStart.push(Int32(kernels.count))
        flags.push(f)
        transitions.reserve(columns)
        (transitions.base + transitions.count).initialize(repeating: -1, count: columns)
        transitions.count += columns
        acceptsAtEnd.push(-1); acceptsAtEnd.push(-1)
        beforeTerminator.push(-1); beforeTerminator.push(-1)
        slots[i] = Int32(states)
        if (states + 1) * 2 > slotCount { rehash() }
        return Int32(states)
    }

    /// A hash of a set of nodes, whatever their order.
    private static func setHash(_ ids: UnsafePointer<Int32>, _ count: Int) -> UInt64 {
        var h = UInt64(count)
        for k in 0..<count {
            var x = (UInt64(UInt32(bitPattern: ids[k])) &+ 1) &* 0x9E37_79B9_7F4A_7C15
            x ^= x >> 31
            h &+= x
        }
        return h ^ (h >> 29)
    }

    private mutating func rehash() {
        slots.deallocate()
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        let mask = slotCount - 1
        for s in 0..<flags.count {
            let lo = Int(kernelStart[s]), hi = Int(kernelStart[s + 1])
            let h = Self.setHash(kernels.base + lo, hi - lo)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(s)
        }
    }

    /// Empties the DFA (past its memory bound); after a few times, gives it up.
    private mutating func reset() {
        budget?.pointee += used
        used = 0
        resets += 1
        if resets >= Self.maxResets { disabled = true }
        kernels.removeAll(); kernelStart.removeAll(); kernelStart.push(0)
        flags.removeAll(); transitions.removeAll(); acceptsAtEnd.removeAll(); beforeTerminator.removeAll()
        slots.update(repeating: -1, count: slotCount)
        firstByLooks.update(repeating: -1, count: 1 << lookCount)
    }
}
