import APIModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The model compiled for validation: every operation's input/output tree as flat plan
/// nodes, compiled on first use and cached; a `ref` shape is compiled once per service and
/// shared by every place that names it.
public final class ValidationPlan {
    /// The services, read as operations are first met (a lazy catalog imports only those).
    public let catalog: ServiceCatalog
    let patterns: PatternTable

    // The tables, in manually managed memory, sized for a few thousand operations so that
    // growing (a copy of the whole table) is rare: the scanner reads them through `storage`,
    // whose pointers stay valid until the next compile (which refreshes them); compiling writes
    // them without dynamic exclusivity checks.
    @exclusivity(unchecked) var nodes = ScratchStack<PlanNode>(capacity: 1 << 16)
    @exclusivity(unchecked) var members = ScratchStack<PlanMember>(capacity: 1 << 16)
    @exclusivity(unchecked) var namePool = ScratchStack<UInt8>(capacity: 1 << 20)
    @exclusivity(unchecked) var slots = ScratchStack<Int32>(capacity: 1 << 17)
    @exclusivity(unchecked) var enumSets = ScratchStack<EnumSet>(capacity: 256)
    @exclusivity(unchecked) var enumValueRanges = ScratchStack<(start: Int32, length: Int32)>(capacity: 4096)
    @exclusivity(unchecked) var bounds = ScratchStack<PlanBounds>(capacity: 4096)
    /// Each enum set's values as messages list them, read from the tables on first need (`enumValues`).
    @exclusivity(unchecked) var enumDisplay = [[String]]()
    /// Child nodes of the structures being compiled (a structure's members must be contiguous,
    /// so its children are compiled before its members are written).
    @exclusivity(unchecked) private var pending = ScratchStack<Int32>(capacity: 256)

    /// Shared with the plan's checkers, which read the tables through it.
    private let storageCell = UncheckedCell(PlanStorage.empty)

    /// Raw views of the tables (read without exclusivity checks or reference counting);
    /// the pointee is replaced after every compile.
    var storagePointer: UnsafePointer<PlanStorage> { UnsafePointer(storageCell.pointer) }

    public struct Roots: Sendable {
        public var input: Int32
        public var output: Int32
    }

    var operations: [String: [String: Roots]] = [:]

    // Plan caching (`ValidationPlanCaching.swift`).
    /// The cached plans this plan took on at its first lookup (nil: none, or not yet looked).
    var adopted: PlanSnapshot?
    var lookedForCache = false
    /// Whether the adopted tables were copied into this plan's own, to compile more on them.
    var materialized = false
    /// What this plan compiled or took from the cache, in order, with the run's clock (kept only
    /// with a cache): the facts a cold run would have found are found by compiling these again.
    var compileLog: [CompileEvent]?
    /// A cached operation whose tree holds a pattern no engine runs was looked up.
    var restoredUnsupported = false
    /// `patternFacts` once worked out by compiling the lookups again.
    var replayedFacts: PatternTable.Facts?
    public internal(set) var restoredOperationCount = 0
    /// Nodes whose pattern no engine runs (their `pattern` is -1, as for no pattern).
    var unsupportedPatternNodes = Set<Int32>()
    /// Each service's refs compiled so far, by name, by service number (a table by service name
    /// hashed the service's name for every ref).
    @exclusivity(unchecked) private var refNodes: [[String: Int32]] = []
    /// The node of an absent input/output: an empty structure (any member is unknown).
    private(set) var emptyStructure: Int32 = 0

    /// A value whose pattern check reached its work bound passes (it is still counted in
    /// `patternsGivenUp`); otherwise it is an `unchecked` issue.
    let allowUnchecked: Bool

    public convenience init(model: Model, wholeValuePatterns: Bool = false, allowUnchecked: Bool = false) {
        self.init(catalog: ServiceCatalog(model: model), wholeValuePatterns: wholeValuePatterns, allowUnchecked: allowUnchecked)
    }

    /// Plans an earlier run of the same model kept (`--plan-cache`): adopted at the first
    /// lookup, compiled from the model only where they lack an operation.
    let cache: PlanCache?

    public convenience init(catalog: ServiceCatalog, wholeValuePatterns: Bool = false, allowUnchecked: Bool = false, cache: PlanCache? = nil) {
        self.init(catalog: catalog, wholeValuePatterns: wholeValuePatterns, allowUnchecked: allowUnchecked, cache: cache, parses: PatternParses())
    }

    private init(catalog: ServiceCatalog, wholeValuePatterns: Bool, allowUnchecked: Bool, cache: PlanCache?, parses: PatternParses) {
        self.catalog = catalog
        self.allowUnchecked = allowUnchecked
        self.cache = cache
        compileLog = cache == nil ? nil : []
        self.patterns = PatternTable(wholeValue: wholeValuePatterns, parses: parses)
        emptyStructure = append(PlanNode(kind: .structure))
        refreshStorage()
    }

    deinit {
        nodes.release()
        members.release()
        namePool.release()
        slots.release()
        enumSets.release()
        enumValueRanges.release()
        bounds.release()
        pending.release()
        storageCell.free()
    }

    func refreshStorage() { storageCell.pointer.pointee = adopted.map { materialized ? currentStorage : $0.storage } ?? currentStorage }

    /// Raw views of the tables as they stand now.
    private var currentStorage: PlanStorage {
        PlanStorage(
            nodes: UnsafeBufferPointer(start: nodes.base, count: nodes.count),
            members: UnsafeBufferPointer(start: members.base, count: members.count),
            namePool: UnsafeBufferPointer(start: namePool.base, count: namePool.count),
            slots: UnsafeBufferPointer(start: slots.base, count: slots.count),
            enumSets: UnsafeBufferPointer(start: enumSets.base, count: enumSets.count),
            enumValueRanges: UnsafeBufferPointer(start: enumValueRanges.base, count: enumValueRanges.count),
            bounds: UnsafeBufferPointer(start: bounds.base, count: bounds.count))
    }

    /// A plan of the same model and settings, for another thread checking the same run's
    /// records (a plan compiles and caches as it goes: it is not shared between threads; the
    /// patterns' parses are).
    func sibling() -> ValidationPlan {
        ValidationPlan(catalog: catalog, wholeValuePatterns: patterns.wholeValue, allowUnchecked: allowUnchecked, cache: cache,
                       parses: patterns.parses)
    }

    /// Where the run is (the record being validated, as a number that grows through the run):
    /// facts found while compiling are stamped with it, so that the facts of plans that
    /// checked one run side by side can be put in the order one plan would have found them.
    var clock: Int {
        get { patterns.clock }
        set { patterns.clock = newValue }
    }

    /// Patterns no engine could compile, once each with the shape that uses it.
    public var unsupportedPatterns: [(pattern: String, shape: String, reason: String)] {
        patternFacts.unsupported.map { ($0.pattern, $0.shape, $0.reason) }
    }

    /// Patterns whose match hit the work bound, with how many values were left unchecked.
    public var patternsGivenUp: [(pattern: String, values: Int)] {
        let facts = patternFacts
        return facts.gaveUp.sorted { $0.key < $1.key }.map { (facts.sources[Int($0.key)], $0.value) }
    }

    /// `unsupportedPatterns` of plans that checked one run's records side by side, as one plan
    /// would have listed them.
    public static func unsupportedPatterns(of plans: [ValidationPlan]) -> [(pattern: String, shape: String, reason: String)] {
        if plans.count == 1 { return plans[0].unsupportedPatterns }
        var found: [(at: Int, plan: Int, order: Int, entry: PatternTable.Unsupported)] = []
        for (p, plan) in plans.enumerated() {
            let facts = plan.patternFacts
            for (k, entry) in facts.unsupported.enumerated() { found.append((facts.unsupportedAt[k], p, k, entry)) }
        }
        found.sort { ($0.at, $0.plan, $0.order) < ($1.at, $1.plan, $1.order) }
        var seen = Set<PatternTable.Unsupported>()
        return found.filter { seen.insert($0.entry).inserted }.map { ($0.entry.pattern, $0.entry.shape, $0.entry.reason) }
    }

    /// `patternsGivenUp` of plans that checked one run's records side by side, added up, as one
    /// plan would have listed them.
    public static func patternsGivenUp(of plans: [ValidationPlan]) -> [(pattern: String, values: Int)] {
        if plans.count == 1 { return plans[0].patternsGivenUp }
        var byPattern: [String: (at: Int, plan: Int, order: Int, values: Int)] = [:]
        for (p, plan) in plans.enumerated() {
            let facts = plan.patternFacts
            for (index, values) in facts.gaveUp {
                let found = (at: facts.compiledAt[Int(index)], plan: p, order: Int(index), values: 0)
                var e = byPattern[facts.sources[Int(index)]] ?? found
                if (found.at, found.plan, found.order) < (e.at, e.plan, e.order) { (e.at, e.plan, e.order) = (found.at, found.plan, found.order) }
                e.values += values
                byPattern[facts.sources[Int(index)]] = e
            }
        }
        return byPattern.sorted { ($0.value.at, $0.value.plan, $0.value.order) < ($1.value.at, $1.value.plan, $1.value.order) }
            .map { ($0.key, $0.value.values) }
    }

    public enum Lookup { case found(Roots), unknownService, unknownOperation }

    /// The roots of an operation, compiling it on first use.
    public func roots(service: String, operation: String) -> Lookup {
        if let r = operations[service]?[operation] { return .found(r) }
        if cache != nil, let r = restoredRoots(service: service, operation: operation) { return .found(r) }
        // A name the cached service lacks is answered without reading the service.
        if let names = adopted?.operationNames[service], !names.contains(operation) { return .unknownOperation }
        // Operations of one service usually come together: the last service is kept at hand
        // (the catalog's lookup and copy cost more than compiling a small operation).
        if lastService?.key != service { lastService = (service, catalog.shared(service)) }
        guard let box = lastService?.box else { return .unknownService }
        guard let opIndex = box.service.operations.index(forKey: operation) else { return .unknownOperation }
        let started = monotonicSeconds()
        defer {
            refreshStorage()
            compileSeconds += monotonicSeconds() - started
        }
        prepareToCompile()
        compileLog?.append(CompileEvent(clock: clock, service: service, operation: operation, kind: .compiled))
        enterService(service)
        // The service and operation read in place: a copy retained and released every field
        // they have (the service's copy out of its box, the roots' through `Optional.map`).
        // (The refs too: passed the service outside the closure, the call was handed a copy.)
        let (input, output) = box.service.operations.values.withUnsafeBufferPointer { ops in
            let op = ops.baseAddress.unsafelyUnwrapped + opIndex
            let roots = (compileRoot(UnsafeRawPointer(op) + Self.inputOffset, service: box.service),
                         compileRoot(UnsafeRawPointer(op) + Self.outputOffset, service: box.service))
            compilePendingRefs(box.service)
            return roots
        }
        let r = Roots(input: input, output: output)
        // A service's table sized for its operations at once: grown one insert at a time, it
        // was rehashed half a dozen times.
        operations[service, default: Dictionary(minimumCapacity: box.service.operations.count)][operation] = r
        return .found(r)
    }

    private var lastService: (key: String, box: SharedService?)?

    /// Whether `service` has `operation`: from the plans where they know (compiled, or the cache's
    /// names for the services it holds), else from the model (reading the service).
    public func hasOperation(service: String, operation: String) -> Bool {
        if operations[service]?[operation] != nil { return true }
        adoptCachedPlans()
        if let names = adopted?.operationNames[service] { return names.contains(operation) }
        guard let read = catalog.shared(service) else { return false }
        // Kept with the plans: the next run answers from the cache (`PlanCache.store`).
        if cache != nil { namesRead.insert(service) }
        return read.service.operations[operation] != nil
    }

    /// Services this plan read for their operation names alone (with a cache).
    var namesRead = Set<String>()

    private static let inputOffset = MemoryLayout<Operation>.offset(of: \Operation.input)!
    private static let outputOffset = MemoryLayout<Operation>.offset(of: \Operation.output)!

    /// Compiles an operation's input or output, a `Shape?` at `root`; nil compiles as the empty
    /// structure. Swift lays an optional's value out at its start (a single-payload enum's
    /// payload is at offset 0, its tag in spare bits or after), so the shape is read there.
    private func compileRoot(_ root: UnsafeRawPointer, service: Service) -> Int32 {
        // Matched, not compared with nil: the comparison was handed a copy of the shape.
        if case .none = root.assumingMemoryBound(to: Shape?.self).pointee { return emptyStructure }
        return compile(root.assumingMemoryBound(to: Shape.self), service: service)
    }

    /// How many operations this plan has compiled.
    var compiledOperationCount: Int { operations.values.reduce(0) { $0 + $1.count } }

    var errorRoots: [String: [String: Int32]] = [:]

    /// The root of an error response of `service` (as botocore parses one): a required `Error`
    /// object (its `Code` and `Message` are read apart, see `ErrorResponseFacts`), the
    /// `ResponseMetadata` botocore adds, and the members of the error shape `shapeName` where
    /// the code has one (botocore puts them beside `Error`). They are checked where present
    /// and never required: protocols that carry them in the error's XML leave them out.
    /// Taken from the cache where it holds it; nil when the model lacks the service.
    func errorRoot(service: String, shapeName: String?) -> Int32? {
        let key = shapeName ?? ""
        if let r = errorRoots[service]?[key] { return r }
        if cache != nil, let r = restoredErrorRoot(service: service, key: key) { return r }
        guard let read = catalog.shared(service) else { return nil }
        return compileErrorRoot(service: read.service, key: key)
    }

    /// Compiles the error root of `service` for the shape named `key` ("" for none), which
    /// `errorRoot` found neither compiled nor cached.
    private func compileErrorRoot(service: Service, key: String) -> Int32 {
        let started = monotonicSeconds()
        defer {
            refreshStorage()
            compileSeconds += monotonicSeconds() - started
        }
        prepareToCompile()
        compileLog?.append(CompileEvent(clock: clock, service: service.name, operation: key, kind: .errorRoot))
        enterService(service.name)
        var root = Shape.structure([("Error", Shape(type: .document)), ("ResponseMetadata", Shape(type: .document))], required: ["Error"])
        if !key.isEmpty, let error = service.errorShapes[key], let shape = service.resolve(error.shape) {
            for (member, memberShape) in shape.members where root.members[member] == nil { root.members[member] = memberShape }
        }
        let r = withUnsafePointer(to: root) { compile($0, service: service) }
        errorRoots[service.name, default: [:]][key] = r
        return r
    }

    /// Each service's error codes, as judging its error responses reads them (from the model,
    /// or the cache's).
    var serviceErrorCodes: [String: ServiceErrorCodes] = [:]

    /// What judging the error responses of `operation` needs: from the cache where it holds the
    /// operation, else from the model (nil when it lacks the service or the operation).
    func operationErrors(service: String, operation: String) -> OperationErrors? {
        if let known = errorsRead[service]?[operation] { return known }
        if cache != nil, let cached = cachedOperationErrors(service: service, operation: operation) { return cached }
        guard let read = catalog.shared(service), let op = read.service.operations[operation] else { return nil }
        let codes = serviceErrorCodes[service] ?? {
            let codes = ServiceErrorCodes(read.service)
            serviceErrorCodes[service] = codes
            return codes
        }()
        let errors = OperationErrors(service: service, operation: operation, codes: codes, documented: op.errors.map(\.name))
        errorsRead[service, default: [:]][operation] = errors
        return errors
    }

    /// What `operationErrors` read from the model, by service and operation: an error response
    /// after the first of its operation is judged without taking the service from the catalog
    /// again (a lock and a copy of the whole service per record), and with a cache they are kept
    /// with the plans, so that the next run judges them without reading the service
    /// (`PlanCache.store`).
    var errorsRead: [String: [String: OperationErrors]] = [:]

    /// Tables by service and operation from several plans, as one: the first plan's entry of an
    /// operation stands.
    static func merging<Value>(_ tables: [String: [String: Value]], into merged: inout [String: [String: Value]]) {
        for (service, ops) in tables { merged[service, default: [:]].merge(ops) { kept, _ in kept } }
    }

    /// Whether the operation's output has a member named `name` (read from its plan).
    func outputHasMember(service: String, operation: String, _ name: String) -> Bool {
        guard case let .found(roots) = roots(service: service, operation: operation) else { return false }
        let storage = storagePointer.pointee
        let node = storage.nodes[Int(roots.output)]
        guard node.kind == .structure || node.kind == .union, node.memberCount > 0 else { return false }
        return name.withUTF8InPlace { bytes in bytes.baseAddress.map { Self.findMember(storage, node, $0, bytes.count) >= 0 } ?? false }
    }

    /// Time spent compiling operations so far (for throughput figures), on the monotonic clock:
    /// a compile is a few microseconds, and reading the thread's CPU clock twice costs ~1 µs.
    public internal(set) var compileSeconds: Double = 0

    /// Compiles every operation of every service (for export and for warming up benchmarks).
    public func compileAll() {
        for s in catalog.entries.keys {
            guard let svc = catalog.service(s) else { continue }
            for o in svc.operations.keys { _ = roots(service: s, operation: o) }
        }
    }

    // MARK: - compilation

    private func append(_ node: PlanNode) -> Int32 {
        nodes.push(node)
        return Int32(nodes.count - 1)
    }

    /// Refs met while compiling, whose definitions are not compiled yet: (index in the
    /// service's `shapes`, the placeholder node that gets the compiled definition).
    private var pendingRefs: [(Int, Int32)] = []

    private func compilePendingRefs(_ service: Service) {
        while let (i, slot) = pendingRefs.popLast() {
            service.shapes.values.withUnsafeBufferPointer { targets in
                let compiled = compile(targets.baseAddress.unsafelyUnwrapped + i, service: service)
                nodes[Int(slot)] = nodes[Int(compiled)]
                if unsupportedPatternNodes.contains(compiled) { unsupportedPatternNodes.insert(slot) }
            }
        }
    }

    /// Compiles the shape at `shape`, read in place through the pointer (a `Shape` passed by
    /// value is retained and released at each level of the walk).
    private func compile(_ shape: UnsafePointer<Shape>, service: Service) -> Int32 {
        if let ref = shape.pointee.ref {
            if let known = refNodes[serviceNumber][ref] { return known }
            guard let i = service.shapes.index(forKey: ref) else {
                // A dangling ref: accept anything rather than invent failures.
                return append(PlanNode(kind: .document))
            }
            // Read in place: the subscript returns a copy of the shape.
            if service.shapes.values.withUnsafeBufferPointer({ $0[i].isRef }) { return append(PlanNode(kind: .document)) }
            // Compiled from a worklist once the root is done (`compilePendingRefs`): a chain of
            // refs costs no call stack, only the nesting of one tree does.
            let slot = append(PlanNode(kind: .document))
            refNodes[serviceNumber][ref] = slot
            pendingRefs.append((i, slot))
            return slot
        }
        // A `jsonvalue` string is JSON text on the wire and any JSON value once parsed.
        let kind = shape.pointee.isJSONValue ? NodeKind.document : NodeKind(shape.pointee.type ?? .document)
        var node = PlanNode(kind: kind)
        switch kind {
        case .structure, .union:
            let key = MembersKey(shape, service: serviceNumber)
            if let key, let shared = sharedMembers.find(key.hash, where: { sharedMemberTables[$0].key == key }) {
                (node.memberStart, node.memberCount, node.slotStart, node.slotMask, node.requiredCount) = sharedMemberTables[shared].table
                break
            }
            // Children first (a structure's members must be contiguous), then its members.
            let first = pending.count
            shape.pointee.members.values.withUnsafeBufferPointer { values in
                let base = values.baseAddress
                for k in 0..<values.count { pending.push(compile(base.unsafelyUnwrapped + k, service: service)) }
            }
            let count = pending.count - first
            let names = shape.pointee.members.keys.elements
            node.memberStart = Int32(members.count)
            node.memberCount = Int32(count)
            names.withUnsafeBufferPointer { names in
                for k in 0..<count {
                    let start = namePool.count
                    // The name's bytes read in place (a copy of each name was retained and released).
                    names[k].withUTF8InPlace { namePool.append(buffer: $0) }
                    members.push(PlanMember(nameStart: Int32(start), nameLength: Int32(namePool.count - start),
                                            node: pending[first + k], required: false))
                }
            }
            pending.count = first
            (node.slotStart, node.slotMask) = buildSlots(count: count) { i in
                let m = members[Int(node.memberStart) + i]
                return byteKeyHash(namePool.base + Int(m.nameStart), Int(m.nameLength))
            }
            // Required names looked up in the slots just built (each name compared with every
            // member, or hashed again by the model's dictionary, cost more).
            var requiredCount: Int32 = 0
            shape.pointee.required.withUnsafeBufferPointer { required in
                for name in required {
                    guard let mi = name.withUTF8InPlace({ memberIndex(node, $0) }) else { continue }
                    if !members[mi].required { members[mi].required = true; requiredCount += 1 }
                }
            }
            node.requiredCount = requiredCount
            if let key {
                sharedMembers.append(key.hash)
                sharedMemberTables.append(SharedMembers(key: key, table: (node.memberStart, node.memberCount, node.slotStart, node.slotMask, requiredCount),
                                                   names: names, shapes: shape.pointee.members.values.elements,
                                                   required: shape.pointee.required))
            }
        case .list:
            node.child = compileChild(shape, .member, service: service, absent: .document)
        case .map:
            node.keyChild = compileChild(shape, .key, service: service, absent: .string)
            node.child = compileChild(shape, .value, service: service, absent: .document)
        default:
            break
        }
        let patternUnsupported = applyConstraints(shape, to: &node)
        let index = append(node)
        if patternUnsupported { unsupportedPatternNodes.insert(index) }
        return index
    }

    /// A structure's members by the identity of the model's storage for them: a botocore import
    /// shares one subtree among every operation that uses a shape, so its member table is
    /// compiled once. Identical storage holds identical members (and the same refs, within one
    /// service); the entry keeps the storage alive, so its address cannot come back for
    /// other members.
    private struct MembersKey: Equatable {
        var names: UnsafeRawPointer
        var shapes: UnsafeRawPointer
        var required: UnsafeRawPointer?
        var service: Int

        /// nil for a structure without members (nothing to share).
        /// (The shape by pointer: an initializer's argument is passed owned, a copy of it.)
        init?(_ shape: UnsafePointer<Shape>, service: Int) {
            guard let names = shape.pointee.members.keys.elements.withUnsafeBufferPointer({ $0.baseAddress }),
                  let shapes = shape.pointee.members.values.withUnsafeBufferPointer({ $0.baseAddress }) else { return nil }
            self.names = UnsafeRawPointer(names)
            self.shapes = UnsafeRawPointer(shapes)
            self.required = shape.pointee.required.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
            self.service = service
        }

        /// One word: the values' storage alone nearly tells keys apart (`HashSlots` mixes it).
        var hash: UInt64 {
            UInt64(UInt(bitPattern: shapes) &+ UInt(bitPattern: names) &* 31 &+ UInt(bitPattern: service))
        }
    }

    private struct SharedMembers {
        var key: MembersKey
        var table: (memberStart: Int32, memberCount: Int32, slotStart: Int32, slotMask: Int32, requiredCount: Int32)
        /// The three buffers the key points at, held so that they outlive it (the buffers alone:
        /// a table of whole shapes was larger to write and to resize).
        var names: [String]
        var shapes: [Shape]
        var required: [String]
    }

    /// Shared member tables by key (`HashSlots`: 4-byte slots, sized ahead for a few thousand
    /// structures). The entries are written in order in `sharedMemberTables`: a dictionary's
    /// scattered entries (80 bytes, then 36) made it touch hundreds of fresh pages per plan.
    private var sharedMembers = HashSlots(capacity: 1 << 13)
    private var sharedMemberTables: [SharedMembers] = []
    /// The service being compiled, numbered (refs are resolved within one service).
    private var serviceNumber = 0
    private var serviceNumbers: [String: Int] = [:]

    /// Makes `service` the one being compiled: every compile (an operation's roots, an error
    /// root) sets it first, so shared member tables never mix services' refs.
    private func enterService(_ service: String) {
        serviceNumber = serviceNumbers[service] ?? {
            serviceNumbers[service] = serviceNumbers.count
            refNodes.append([:])
            return serviceNumbers.count - 1
        }()
    }

    /// The member of a structure being compiled whose name is these bytes (the scanner's
    /// lookup, over the tables as they stand).
    private func memberIndex(_ node: PlanNode, _ name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = name.baseAddress ?? UnsafePointer(namePool.base) else { return nil }
        let i = Self.findMember(currentStorage, node, p, name.count)
        return i < 0 ? nil : i
    }

    private func compileChild(_ shape: UnsafePointer<Shape>, _ child: Shape.Child, service: Service, absent: NodeKind) -> Int32 {
        shape.pointee.withChild(child) { child in
            guard let child else { return append(PlanNode(kind: absent)) }
            return compile(child, service: service)
        }
    }

    /// Sets the node's bounds, enum set and pattern; true when its pattern is one no engine runs.
    private func applyConstraints(_ shape: UnsafePointer<Shape>, to node: inout PlanNode) -> Bool {
        if shape.pointee.min != nil || shape.pointee.max != nil {
            var b = PlanBounds()
            if let min = shape.pointee.min {
                node.hasMin = true
                b.minReal = min.doubleValue
                b.minInt = Self.intBound(min, roundingUp: true)
            }
            if let max = shape.pointee.max {
                node.hasMax = true
                b.maxReal = max.doubleValue
                b.maxInt = Self.intBound(max, roundingUp: false)
            }
            node.bounds = Int32(bounds.count)
            bounds.push(b)
        }
        guard node.kind == .string else { return false }
        if let values = shape.pointee.enumValues {
            node.enumSet = enumSet(values)
        }
        if let pattern = shape.pointee.pattern {
            guard let index = patterns.compile(pattern, shape: shape.pointee.name ?? "(anonymous \(shape.pointee.type?.rawValue ?? "shape"))") else { return true }
            node.pattern = index
        }
        return false
    }

    private static func intBound(_ b: Bound, roundingUp: Bool) -> Int64 {
        switch b {
        case let .integer(i): return i
        case let .real(d):
            let r = roundingUp ? d.rounded(.up) : d.rounded(.down)
            if r >= 9.2e18 { return .max }
            if r <= -9.2e18 { return .min }
            return Int64(r)
        }
    }

    /// Enum sets by a hash of their values' bytes (candidates compared on a hit): hashing
    /// `[String]` through `Hasher` for every enum shape cost more than the rest of its compile.
    private var enumSetIndex: [UInt64: [Int32]] = [:]

    private func enumSet(_ values: [String]) -> Int32 {
        // The count and the first and last values: enough to tell most sets apart, and the
        // candidates are compared in full anyway.
        var h: UInt64 = UInt64(truncatingIfNeeded: values.count)
        if let first = values.first, let last = values.last {
            h = (h &* 0x9E37_79B9_7F4A_7C15) ^ byteKeyHash(first)
            h = (h &* 0x9E37_79B9_7F4A_7C15) ^ byteKeyHash(last)
        }
        if let candidates = enumSetIndex[h] {
            for i in candidates where enumSetHolds(i, exactly: values) { return i }
        }
        let start = Int32(enumValueRanges.count)
        for v in values {
            let start = namePool.count
            v.withUTF8InPlace { namePool.append(buffer: $0) }
            enumValueRanges.push((Int32(start), Int32(namePool.count - start)))
        }
        let (slotStart, mask) = buildSlots(count: values.count) { i in
            let r = enumValueRanges[Int(start) + i]
            return byteKeyHash(namePool.base + Int(r.start), Int(r.length))
        }
        enumSets.push(EnumSet(valueStart: start, valueCount: Int32(values.count), slotStart: slotStart, slotMask: mask))
        enumDisplay.append([])
        let i = Int32(enumSets.count - 1)
        enumSetIndex[h, default: []].append(i)
        return i
    }

    /// An enum set's values as the model lists them, for messages (read from the tables the
    /// first time: compiled or taken from the cache alike).
    func enumValues(_ set: Int32) -> [String] {
        let i = Int(set)
        if enumDisplay[i].isEmpty {
            let s = storagePointer.pointee
            let e = s.enumSets[i]
            enumDisplay[i] = (0..<Int(e.valueCount)).map { k in
                let r = s.enumValueRanges[Int(e.valueStart) + k]
                return String(decoding: UnsafeBufferPointer(rebasing: s.namePool[Int(r.start)..<Int(r.start + r.length)]), as: UTF8.self)
            }
        }
        return enumDisplay[i]
    }

    /// Whether enum set `set` holds these values, in this order, byte for byte.
    private func enumSetHolds(_ set: Int32, exactly values: [String]) -> Bool {
        let e = enumSets[Int(set)]
        guard Int(e.valueCount) == values.count else { return false }
        for (k, v) in values.enumerated() {
            let r = enumValueRanges[Int(e.valueStart) + k]
            let same = v.withUTF8InPlace { bytes in
                bytes.count == Int(r.length) && (bytes.isEmpty || memcmpBytes(namePool.base + Int(r.start), bytes.baseAddress!, bytes.count))
            }
            if !same { return false }
        }
        return true
    }

    /// An open-addressed table (power of two, at most half full) of offsets + 1.
    private func buildSlots(count: Int, hash: (Int) -> UInt64) -> (Int32, Int32) {
        var size = 4
        while size < count * 2 { size <<= 1 }
        let start = slots.count
        slots.append(contentsOf: repeatElement(0, count: size))
        for i in 0..<count {
            var s = Int(hash(i) & UInt64(size - 1))
            while slots[start + s] != 0 { s = (s + 1) & (size - 1) }
            slots[start + s] = Int32(i + 1)
        }
        return (Int32(start), Int32(size - 1))
    }
}

extension NodeKind {
    /// The kind's name in messages (what `"\(kind)"` printed, without reflection).
    var name: StaticString {
        switch self {
        case .structure: return "structure"
        case .union: return "union"
        case .list: return "list"
        case .map: return "map"
        case .string: return "string"
        case .integer: return "integer"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .boolean: return "boolean"
        case .timestamp: return "timestamp"
        case .blob: return "blob"
        case .document: return "document"
        }
    }

    init(_ t: ShapeType) {
        switch t {
        case .structure: self = .structure
        case .union: self = .union
        case .list: self = .list
        case .map: self = .map
        case .string: self = .string
        case .integer: self = .integer
        case .long: self = .long
        case .float: self = .float
        case .double: self = .double
        case .boolean: self = .boolean
        case .timestamp: self = .timestamp
        case .blob: self = .blob
        case .document: self = .document
        }
    }
}
