import APIModel

/// A plan's side of `--plan-cache`: taking on the tables an earlier run kept (`PlanSnapshot`),
/// and finding the facts a cold run would have found (patterns no engine runs, patterns that
/// gave up, each where the run first met it).
extension ValidationPlan {
    /// One lookup that compiled (or took from the cache) an operation's roots or an error root.
    struct CompileEvent {
        enum Kind { case compiled, restored, errorRoot, restoredErrorRoot }
        /// The run's clock at the lookup (`clock`).
        var clock: Int
        var service: String
        /// The operation, or the error root's shape name ("" for none).
        var operation: String
        var kind: Kind
    }

    /// Takes on the cached tables (with a cache, once), before anything is compiled: their node
    /// indexes are then this plan's own. The tables are read where the snapshot holds them
    /// (shared by every lane) until this plan compiles something of its own. A lane's thread
    /// calls it before its first records, so that reading the cache overlaps reading them.
    func adoptCachedPlans() {
        guard let cache, !lookedForCache else { return }
        lookedForCache = true
        let started = monotonicSeconds()
        defer { compileSeconds += monotonicSeconds() - started }
        guard let snapshot = cache.snapshot() else { return }
        adopted = snapshot
        enumDisplay = Array(repeating: [], count: snapshot.storage.enumSets.count)
        patterns.adopt(snapshot.patternSources)
        refreshStorage()
    }

    /// The roots of an operation the cache holds, or nil.
    func restoredRoots(service: String, operation: String) -> Roots? {
        adoptCachedPlans()
        guard let entry = adopted?.operations[service]?[operation] else { return nil }
        let roots = Roots(input: entry.input, output: entry.output)
        operations[service, default: [:]][operation] = roots
        compileLog?.append(CompileEvent(clock: clock, service: service, operation: operation, kind: .restored))
        if entry.reachesUnsupportedPattern { restoredUnsupported = true }
        restoredOperationCount += 1
        return roots
    }

    /// An error root the cache holds, or nil (`errorRoot`).
    func restoredErrorRoot(service: String, key: String) -> Int32? {
        adoptCachedPlans()
        guard let entry = adopted?.errorRoots[service]?[key] else { return nil }
        errorRoots[service, default: [:]][key] = entry.root
        compileLog?.append(CompileEvent(clock: clock, service: service, operation: key, kind: .restoredErrorRoot))
        if entry.reachesUnsupportedPattern { restoredUnsupported = true }
        return entry.root
    }

    /// What judging the operation's error responses needs, as the cache keeps it, or nil.
    func cachedOperationErrors(service: String, operation: String) -> OperationErrors? {
        adoptCachedPlans()
        guard let adopted, let documented = adopted.operationErrors[service]?[operation], let codes = adopted.errorCodes[service] else { return nil }
        return OperationErrors(service: service, operation: operation, codes: codes, documented: documented)
    }

    /// The error roots this plan compiled from the model (not taken from the cache), in order:
    /// (service, shape name or "").
    var compiledErrorRoots: [(service: String, shapeName: String)] {
        (compileLog ?? []).filter { $0.kind == .errorRoot }.map { ($0.service, $0.operation) }
    }

    /// Before compiling: a plan with a cache looks for it first (so the cached node indexes stay
    /// valid), and copies adopted tables into its own before adding to them.
    func prepareToCompile() {
        adoptCachedPlans()
        guard let adopted, !materialized else { return }
        materialized = true
        let s = adopted.storage
        nodes.removeAll()
        nodes.append(buffer: s.nodes)
        members.append(buffer: s.members)
        namePool.append(buffer: s.namePool)
        slots.append(buffer: s.slots)
        enumSets.append(buffer: s.enumSets)
        enumValueRanges.append(buffer: s.enumValueRanges)
        bounds.append(buffer: s.bounds)
        refreshStorage()
    }

    /// The operations this plan compiled from the model (not taken from the cache), in order.
    public var compiledOperations: [(service: String, operation: String)] {
        (compileLog ?? []).filter { $0.kind == .compiled }.map { ($0.service, $0.operation) }
    }

    /// The pattern facts of the run, as a plan that compiled everything itself would list them.
    /// Cached operations carry no facts: where they could change the answer (one holding a
    /// pattern no engine runs was looked up, or a pattern gave up, whose order is where it was
    /// first compiled), the plan's lookups are compiled again from the model, in order and at
    /// their clocks, by a plan without a cache, and its facts are the answer (worked out once,
    /// when the run is over).
    var patternFacts: PatternTable.Facts {
        guard adopted != nil, restoredUnsupported || !patterns.gaveUp.isEmpty, let log = compileLog else { return patterns.facts }
        if let replayedFacts { return replayedFacts }
        // Without patterns that gave up, only patterns no engine runs are asked for: a cached
        // operation not marked as reaching one finds none, nor changes what others find (it
        // shares no such node with them), so it is not compiled again, nor its service read.
        let everyLookup = !patterns.gaveUp.isEmpty
        let cold = ValidationPlan(catalog: catalog, wholeValuePatterns: patterns.wholeValue, allowUnchecked: allowUnchecked)
        for event in log {
            cold.clock = event.clock
            switch event.kind {
            case .restored where !everyLookup && adopted?.operations[event.service]?[event.operation]?.reachesUnsupportedPattern != true:
                continue
            case .compiled, .restored: _ = cold.roots(service: event.service, operation: event.operation)
            case .restoredErrorRoot where !everyLookup && adopted?.errorRoots[event.service]?[event.operation]?.reachesUnsupportedPattern != true:
                continue
            case .errorRoot, .restoredErrorRoot:
                _ = cold.errorRoot(service: event.service, shapeName: event.operation.isEmpty ? nil : event.operation)
            }
        }
        var facts = cold.patterns.facts
        facts.gaveUp = [:]
        for (index, values) in patterns.gaveUp {
            let source = patterns.sources[Int(index)]
            if let i = cold.patterns.indexOf(source) {
                facts.gaveUp[i, default: 0] += values
            } else {
                // Not met by compiling again (cannot happen: a pattern runs on a node some lookup
                // reached); kept rather than dropped, last.
                facts.sources.append(source)
                facts.compiledAt.append(Int.max)
                facts.gaveUp[Int32(facts.sources.count - 1)] = values
            }
        }
        replayedFacts = facts
        return facts
    }

    /// Of these roots, those whose tree reaches a node whose pattern no engine runs (refs make
    /// the node graph cyclic: a walk with a visited mark per root). Nodes taken from the cache
    /// are not marked (the cache marks its operations itself), and a compiled tree never
    /// reaches them: compiling shares nothing with adopted tables.
    func rootsReachingUnsupportedPatterns(_ roots: [Int32]) -> Set<Int32> {
        guard !unsupportedPatternNodes.isEmpty else { return [] }
        var reaching = Set<Int32>()
        var mark = [UInt32](repeating: 0, count: nodes.count)
        var stamp: UInt32 = 0
        var stack: [Int32] = []
        for root in roots where !reaching.contains(root) {
            stamp += 1
            stack = [root]
            mark[Int(root)] = stamp
            while let n = stack.popLast() {
                if unsupportedPatternNodes.contains(n) {
                    reaching.insert(root)
                    break
                }
                func visit(_ c: Int32) {
                    guard c >= 0, mark[Int(c)] != stamp else { return }
                    mark[Int(c)] = stamp
                    stack.append(c)
                }
                let node = nodes[Int(n)]
                switch node.kind {
                case .structure, .union:
                    for k in 0..<Int(node.memberCount) { visit(members[Int(node.memberStart) + k].node) }
                case .list: visit(node.child)
                case .map: visit(node.keyChild); visit(node.child)
                default: break
                }
            }
        }
        return reaching
    }
}
