/// Every distinct pattern of the model, compiled once. Simple character-class sequences get
/// the engine-free `SequenceMatchers` fast paths; the regular rest of Java's syntax (groups,
/// alternation, quantified groups, look-arounds) runs on `PositionSetMatchers`; only what
/// neither can express goes to ICU. A pattern no engine can compile is recorded once (per
/// shape) as unsupported and not checked.
final class PatternTable {
    enum Outcome { case match, noMatch, gaveUp }

    struct Unsupported: Sendable, Hashable {
        var pattern: String
        var shape: String
        var reason: String
    }

    /// Per pattern, its engines (-1: none): a sequence matcher with fast paths, a position-set
    /// program, an ICU regex (compiled at once when it is the only engine, else on first need).
    struct Engines {
        var sequence: Int32
        var program: Int32
        /// A lazy DFA for ASCII values (patterns without look-arounds), built on first need.
        var dfa: Int32
        /// The same without relaxed long repeats, for the rare value too long for `dfa`.
        var exactDFA: Int32
        /// The Thompson NFA that decides any parsed pattern in linear time, built on first need.
        var thompson: Int32
        var icu: Int32
    }

    /// Read on every pattern check: stored without dynamic exclusivity checks.
    @exclusivity(unchecked) private var engineOf = ScratchStack<Engines>()
    private let sequences = SequenceMatchers()
    @exclusivity(unchecked) private var dfas = ScratchStack<LazyDFA>()
    /// Table entries (4 bytes) all DFAs may hold together: 64 MB, whatever the corpus. Shared:
    /// each DFA holds a pointer to it.
    private let dfaBudget = UncheckedCell(1 << 24)
    private let programs = PositionSetMatchers()
    private let thompsons = ThompsonMatchers()
    private var icu: [ICURegex] = []
    private(set) var sources: [String] = []
    /// Pattern index by a cheap hash of its UTF-8 (`HashSlots`; a hit is confirmed by comparing
    /// the strings): plans look up every pattern-bearing shape, with long patterns, and String's
    /// own hashing (SipHash over the whole text) was most of compile's cost.
    private struct Index {
        var slots = HashSlots()
        var patterns: [String] = []
    }
    /// Read on every compile call: stored without dynamic exclusivity checks.
    @exclusivity(unchecked) private var index = Index()
    /// The parsed pattern, once needed by a DFA or a position-set program.
    private var parsed: [MatchTree?] = []
    private var failed: [String: String] = [:]
    private(set) var unsupported: [Unsupported] = []
    /// Where the run was when each pattern was first compiled and each unsupported entry was
    /// found (`clock`): the order in which plans of several threads found them, merged.
    private(set) var compiledAt: [Int] = []
    private(set) var unsupportedAt: [Int] = []
    /// The record being validated, set by the caller (stored without dynamic exclusivity
    /// checks: written for every record).
    @exclusivity(unchecked) var clock = 0
    /// Patterns whose match gave up on its work bound at least once, with how often.
    var gaveUp: [Int32: Int] = [:]
    let wholeValue: Bool
    let timeLimit: Int32

    private var codePoints = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 256)
    /// The parses this table's engines are built from, shared with the tables of the plans
    /// that check the same run on other threads.
    let parses: PatternParses

    init(wholeValue: Bool, timeLimit: Int32 = 40, parses: PatternParses = PatternParses()) {
        self.wholeValue = wholeValue
        self.timeLimit = timeLimit
        self.parses = parses
    }

    deinit {
        codePoints.deallocate()
        engineOf.release()
        for k in 0..<dfas.count { dfas[k].release() }
        dfas.release()
        dfaBudget.free()
    }

    /// The pattern's index, or nil when no engine can run it (reported once per pattern and shape:
    /// the shape's name is read only then).
    func compile(_ pattern: String, shape: @autoclosure () -> String) -> Int32? {
        let h = byteKeyHash(pattern)
        if let i = index.slots.find(h, where: { index.patterns[$0] == pattern }) { return Int32(i) }
        if let reason = failed[pattern] {
            let entry = Unsupported(pattern: pattern, shape: shape(), reason: reason)
            if !unsupported.contains(entry) { unsupported.append(entry); unsupportedAt.append(clock) }
            return nil
        }
        var engines = Engines(sequence: -1, program: -1, dfa: -1, exactDFA: -1, thompson: -1, icu: -1)
        engines.sequence = sequenceMatcher(pattern)
        // The position-set program is built on the first value that needs it (with a sequence
        // matcher, on the first its fast paths cannot decide): many patterns never see one.
        let node = engines.sequence >= 0 ? nil : parses.tree(pattern)
        if engines.sequence >= 0 || node != nil {
            engines.program = Self.notBuilt
            engines.dfa = Self.notBuilt
            engines.exactDFA = Self.notBuilt
            engines.thompson = Self.notBuilt
        }
        if engines.sequence < 0 && engines.program == -1 {
            let (regex, reason) = ICURegex.compile(pattern, timeLimit: timeLimit)
            guard let regex else {
                failed[pattern] = reason ?? "cannot compile"
                unsupported.append(Unsupported(pattern: pattern, shape: shape(), reason: reason ?? "cannot compile"))
                unsupportedAt.append(clock)
                return nil
            }
            icu.append(regex)
            engines.icu = Int32(icu.count - 1)
        }
        let i = Int32(engineOf.count)
        engineOf.push(engines)
        sources.append(pattern)
        compiledAt.append(clock)
        index.patterns.append(pattern)
        parsed.append(node)
        index.slots.append(h)
        return i
    }

    /// The pattern's sequence matcher, or -1 when it is not a simple character-class sequence.
    private func sequenceMatcher(_ pattern: String) -> Int32 {
        guard var branches = parses.simpleAlternatives(pattern) else { return -1 }
        if wholeValue {
            for k in branches.indices {
                branches[k].anchoredStart = true
                branches[k].anchoredEnd = true
                branches[k].endAllowsFinalTerminator = false
            }
        }
        return sequences.add(branches)
    }

    /// Takes on `sources`, every one known to compile (a plan restored from the plan cache,
    /// `PlanSnapshot`), before anything is compiled: the indexes are the sources' positions,
    /// and every engine is built on the pattern's first value, the sequence matcher included.
    func adopt(_ restored: [String]) {
        precondition(sources.isEmpty, "a pattern table adopts sources before it compiles any")
        let unbuilt = Engines(sequence: Self.notBuilt, program: Self.notBuilt, dfa: Self.notBuilt, exactDFA: Self.notBuilt,
                              thompson: Self.notBuilt, icu: -1)
        for pattern in restored {
            engineOf.push(unbuilt)
            index.slots.append(byteKeyHash(pattern))
        }
        sources = restored
        index.patterns = restored
        parsed = Array(repeating: nil, count: restored.count)
        // Read only with `gaveUp`, whose facts a restored plan finds by compiling again
        // (`ValidationPlan.patternFacts`).
        compiledAt = Array(repeating: 0, count: restored.count)
    }

    /// What the table found, for the run's summary: patterns no engine runs (once per shape)
    /// and patterns that gave up, stamped with the run's clock where first met.
    struct Facts {
        var unsupported: [Unsupported]
        var unsupportedAt: [Int]
        var gaveUp: [Int32: Int]
        var compiledAt: [Int]
        var sources: [String]
    }

    var facts: Facts { Facts(unsupported: unsupported, unsupportedAt: unsupportedAt, gaveUp: gaveUp, compiledAt: compiledAt, sources: sources) }

    /// The index of a pattern the table holds (nil: none).
    func indexOf(_ pattern: String) -> Int32? {
        index.slots.find(byteKeyHash(pattern), where: { index.patterns[$0] == pattern }).map(Int32.init)
    }

    private func regexNode(_ index: Int32) -> RegexNode? { matchTree(index)?.node }

    private func matchTree(_ index: Int32) -> MatchTree? {
        if let tree = parsed[Int(index)] { return tree }
        let tree = parses.tree(sources[Int(index)])
        parsed[Int(index)] = tree
        return tree
    }

    private static let notBuilt: Int32 = -2

    /// Builds a sequence pattern's position-set program on first need (-1 if it has none).
    private func buildProgram(_ index: Int32) -> Int32 {
        var program: Int32 = -1
        if let node = regexNode(index), let p = programs.add(node) { program = p }
        engineOf[Int(index)].program = program
        return program
    }

    /// Builds a pattern's lazy DFA on first need (-1 if it has none: look-arounds, too large).
    private func buildDFA(_ index: Int32, exact: Bool = false) -> Int32 {
        var dfa: Int32 = -1
        if let node = regexNode(index),
           let d = LazyDFA(node, search: !wholeValue, relaxLongRepeats: !exact, budget: dfaBudget.pointer) {
            dfas.push(d)
            dfa = Int32(dfas.count - 1)
        }
        if exact { engineOf[Int(index)].exactDFA = dfa } else { engineOf[Int(index)].dfa = dfa }
        return dfa
    }

    /// Builds a pattern's Thompson NFA on first need (-1 if it has none: unparsed, too large).
    private func buildThompson(_ index: Int32) -> Int32 {
        var thompson: Int32 = -1
        if let node = regexNode(index), let t = thompsons.add(node) { thompson = t }
        engineOf[Int(index)].thompson = thompson
        return thompson
    }

    /// Values up to this many characters may go to the position-set matcher, whose memory is
    /// the value's length times the pattern's size; longer ones go to the DFA and the NFA.
    static let positionSetLimit = 1 << 16

    /// Runs pattern `index` on a UTF-8 value (already known to be valid UTF-8); `ascii` when
    /// every byte is below 0x80 (then bytes are code points). The fast engines answer first;
    /// what they decline or give up on (their work is bounded in proportion to the value) goes
    /// to the Thompson NFA, linear in the value, and only patterns the regex parser cannot read
    /// go to ICU, with a time limit in proportion to the value.
    func run(_ index: Int32, utf8 value: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Outcome {
        var e = engineOf[Int(index)]
        if e.sequence == Self.notBuilt {
            e.sequence = sequenceMatcher(sources[Int(index)])
            engineOf[Int(index)].sequence = e.sequence
        }
        if ascii {
            if e.sequence >= 0, let m = sequences.fastMatch(e.sequence, ascii: value) { return m ? .match : .noMatch }
            if e.dfa == Self.notBuilt { e.dfa = buildDFA(index) }
            if e.dfa >= 0, let m = dfas.base[Int(e.dfa)].matches(value) { return m ? .match : .noMatch }
            if e.dfa >= 0 && value.count >= dfas[Int(e.dfa)].exactBelow {
                if e.exactDFA == Self.notBuilt { e.exactDFA = buildDFA(index, exact: true) }
                if e.exactDFA >= 0, let m = dfas.base[Int(e.exactDFA)].matches(value) { return m ? .match : .noMatch }
            }
            if let m = linearMatch(index, &e, value) { return m }
        }
        let cps = decode(value)
        if !ascii {
            if e.sequence >= 0, let m = sequences.fastMatch(e.sequence, cps) { return m ? .match : .noMatch }
            // `\b` and `(?i)` are decided here as ICU decides them on ASCII only: ICU takes the rest.
            if !(matchTree(index)?.asciiOnly ?? false), let m = linearMatch(index, &e, cps) { return m }
        }
        // No regex tree (the sequence matcher's own linear scan decides), or too large an NFA.
        if e.sequence >= 0 { return sequences.matches(e.sequence, cps) ? .match : .noMatch }
        // Back-references, `\b`, inline flags and the like: ICU decides, within a time limit
        // that grows with the value.
        var icuIndex = e.icu
        if icuIndex < 0 {
            guard let regex = ICURegex.compile(sources[Int(index)], timeLimit: timeLimit).0 else { return countGaveUp(index) }
            icu.append(regex)
            icuIndex = Int32(icu.count - 1)
            engineOf[Int(index)].icu = icuIndex
        }
        switch icu[Int(icuIndex)].run(cps, whole: wholeValue) {
        case .match: return .match
        case .noMatch: return .noMatch
        case .gaveUp: return countGaveUp(index)
        }
    }

    /// The position-set matcher (on values whose length it can hold), then the Thompson NFA;
    /// nil when the pattern has neither (no regex tree, or too large an NFA).
    private func linearMatch<T: FixedWidthInteger & UnsignedInteger>(_ index: Int32, _ e: inout Engines,
                                                                      _ value: UnsafeBufferPointer<T>) -> Outcome? {
        if value.count <= Self.positionSetLimit {
            if e.program == Self.notBuilt { e.program = buildProgram(index) }
            if e.program >= 0 {
                switch programs.matches(e.program, value, whole: wholeValue) {
                case .match: return .match
                case .noMatch: return .noMatch
                case .gaveUp: break
                }
            }
        }
        if e.thompson == Self.notBuilt { e.thompson = buildThompson(index) }
        if e.thompson >= 0 { return thompsons.matches(e.thompson, value, whole: wholeValue) ? .match : .noMatch }
        return nil
    }

    private func countGaveUp(_ index: Int32) -> Outcome {
        gaveUp[index, default: 0] += 1
        return .gaveUp
    }

    private func decode(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt32> {
        if codePoints.count < value.count {
            codePoints.deallocate()
            codePoints = .allocate(capacity: value.count * 2)
        }
        var n = 0
        var i = 0
        let count = value.count
        while i < count {
            let b = UInt32(value[i])
            if b < 0x80 { codePoints[n] = b; i += 1 }
            else if b < 0xE0 { codePoints[n] = (b & 0x1F) << 6 | UInt32(value[i + 1] & 0x3F); i += 2 }
            else if b < 0xF0 { codePoints[n] = (b & 0x0F) << 12 | UInt32(value[i + 1] & 0x3F) << 6 | UInt32(value[i + 2] & 0x3F); i += 3 }
            else { codePoints[n] = (b & 0x07) << 18 | UInt32(value[i + 1] & 0x3F) << 12 | UInt32(value[i + 2] & 0x3F) << 6 | UInt32(value[i + 3] & 0x3F); i += 4 }
            n += 1
        }
        return UnsafeBufferPointer(rebasing: codePoints[0..<n])
    }

}
