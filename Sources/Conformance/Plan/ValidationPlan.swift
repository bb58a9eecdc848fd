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
    let model: Model
    let patterns: PatternTable

    // The tables, in manually managed memory: the scanner reads them through `storage`,
    // whose pointers stay valid until the next compile (which refreshes them).
    var nodes = ScratchStack<PlanNode>(capacity: 4096)
    var members = ScratchStack<PlanMember>(capacity: 4096)
    var memberNames: [String] = []
    var namePool = ScratchStack<UInt8>(capacity: 65536)
    var slots = ScratchStack<Int32>(capacity: 16384)
    var enumSets = ScratchStack<EnumSet>(capacity: 256)
    var enumValueRanges = ScratchStack<(start: Int32, length: Int32)>(capacity: 4096)
    private let storageCell = UncheckedCell(PlanStorage.empty)

    /// Raw views of the tables (read without exclusivity checks or reference counting);
    /// the pointee is replaced after every compile.
    var storagePointer: UnsafePointer<PlanStorage> { UnsafePointer(storageCell.pointer) }
    var enumDisplay: [[String]] = []

    public struct Roots: Sendable {
        public var input: Int32
        public var output: Int32
    }

    private var operations: [String: [String: Roots]] = [:]
    private var refNodes: [String: [String: Int32]] = [:]
    /// The node of an absent input/output: an empty structure (any member is unknown).
    private(set) var emptyStructure: Int32 = 0

    public init(model: Model, wholeValuePatterns: Bool = false) {
        self.model = model
        self.patterns = PatternTable(wholeValue: wholeValuePatterns)
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
        storageCell.free()
    }

    private func refreshStorage() {
        storageCell.pointer.pointee = PlanStorage(
            nodes: UnsafeBufferPointer(start: nodes.base, count: nodes.count),
            members: UnsafeBufferPointer(start: members.base, count: members.count),
            namePool: UnsafeBufferPointer(start: namePool.base, count: namePool.count),
            slots: UnsafeBufferPointer(start: slots.base, count: slots.count),
            enumSets: UnsafeBufferPointer(start: enumSets.base, count: enumSets.count),
            enumValueRanges: UnsafeBufferPointer(start: enumValueRanges.base, count: enumValueRanges.count))
    }

    /// Patterns no engine could compile, once each with the shape that uses it.
    public var unsupportedPatterns: [(pattern: String, shape: String, reason: String)] {
        patterns.unsupported.map { ($0.pattern, $0.shape, $0.reason) }
    }

    /// Patterns whose match hit the work bound, with how many values were left unchecked.
    public var patternsGivenUp: [(pattern: String, values: Int)] {
        patterns.gaveUp.sorted { $0.key < $1.key }.map { (patterns.sources[Int($0.key)], $0.value) }
    }

    public enum Lookup { case found(Roots), unknownService, unknownOperation }

    /// The roots of an operation, compiling it on first use.
    public func roots(service: String, operation: String) -> Lookup {
        if let r = operations[service]?[operation] { return .found(r) }
        guard let svc = model.services[service] else { return .unknownService }
        guard let op = svc.operations[operation] else { return .unknownOperation }
        let started = Self.threadCPUSeconds()
        defer {
            refreshStorage()
            compileSeconds += Self.threadCPUSeconds() - started
        }
        let input = op.input.map { compile($0, service: svc) } ?? emptyStructure
        let output = op.output.map { compile($0, service: svc) } ?? emptyStructure
        let r = Roots(input: input, output: output)
        operations[service, default: [:]][operation] = r
        return .found(r)
    }

    /// CPU time spent compiling operations so far (for throughput figures).
    public private(set) var compileSeconds: Double = 0

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Compiles every operation of every service (for export and for warming up benchmarks).
    public func compileAll() {
        for (s, svc) in model.services { for o in svc.operations.keys { _ = roots(service: s, operation: o) } }
    }

    // MARK: - compilation

    private func append(_ node: PlanNode) -> Int32 {
        nodes.push(node)
        return Int32(nodes.count - 1)
    }

    private func compile(_ shape: Shape, service: Service) -> Int32 {
        if let ref = shape.ref {
            if let n = refNodes[service.name]?[ref] { return n }
            guard let target = service.shapes[ref], !target.isRef else {
                // A dangling ref: accept anything rather than invent failures.
                return append(PlanNode(kind: .document))
            }
            let slot = append(PlanNode(kind: .document))
            refNodes[service.name, default: [:]][ref] = slot
            let compiled = compile(target, service: service)
            nodes[Int(slot)] = nodes[Int(compiled)]
            return slot
        }
        let kind = NodeKind(shape.type ?? .document)
        var node = PlanNode(kind: kind)
        switch kind {
        case .structure, .union:
            // Members read in place (no copy of each member's Shape value).
            let names = shape.members.keys.elements
            var entries: [(String, Int32, Bool)] = []
            entries.reserveCapacity(names.count)
            shape.members.values.withUnsafeBufferPointer { values in
                for k in values.indices {
                    entries.append((names[k], compile(values[k], service: service), shape.required.contains(names[k])))
                }
            }
            node.memberStart = Int32(members.count)
            node.memberCount = Int32(entries.count)
            node.requiredCount = Int32(entries.filter(\.2).count)
            for (name, child, required) in entries {
                let bytes = Array(name.utf8)
                members.push(PlanMember(nameStart: Int32(namePool.count), nameLength: Int32(bytes.count), node: child, required: required))
                memberNames.append(name)
                namePool.append(contentsOf: bytes)
            }
            (node.slotStart, node.slotMask) = buildSlots(count: entries.count) { i in
                let m = members[Int(node.memberStart) + i]
                return byteKeyHash(namePool.base + Int(m.nameStart), Int(m.nameLength))
            }
        case .list:
            node.child = shape.member.map { compile($0, service: service) } ?? append(PlanNode(kind: .document))
        case .map:
            node.keyChild = shape.key.map { compile($0, service: service) } ?? append(PlanNode(kind: .string))
            node.child = shape.value.map { compile($0, service: service) } ?? append(PlanNode(kind: .document))
        default:
            break
        }
        applyConstraints(shape, to: &node)
        return append(node)
    }

    private func applyConstraints(_ shape: Shape, to node: inout PlanNode) {
        if let min = shape.min {
            node.hasMin = true
            node.minReal = min.doubleValue
            node.minInt = Self.intBound(min, roundingUp: true)
        }
        if let max = shape.max {
            node.hasMax = true
            node.maxReal = max.doubleValue
            node.maxInt = Self.intBound(max, roundingUp: false)
        }
        if let values = shape.enumValues, node.kind == .string {
            node.enumSet = enumSet(values)
        }
        if let pattern = shape.pattern, node.kind == .string {
            node.pattern = patterns.compile(pattern, shape: shape.name ?? "(anonymous \(shape.type?.rawValue ?? "shape"))") ?? -1
        }
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
        var h: UInt64 = UInt64(truncatingIfNeeded: values.count)
        for v in values {
            var v = v
            let vh = v.withUTF8 { byteKeyHash($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            h = (h &* 0x9E37_79B9_7F4A_7C15) ^ vh
        }
        if let candidates = enumSetIndex[h] {
            for i in candidates where enumDisplay[Int(i)] == values { return i }
        }
        let start = Int32(enumValueRanges.count)
        for v in values {
            let bytes = Array(v.utf8)
            enumValueRanges.push((Int32(namePool.count), Int32(bytes.count)))
            namePool.append(contentsOf: bytes)
        }
        let (slotStart, mask) = buildSlots(count: values.count) { i in
            let r = enumValueRanges[Int(start) + i]
            return byteKeyHash(namePool.base + Int(r.start), Int(r.length))
        }
        enumSets.push(EnumSet(valueStart: start, valueCount: Int32(values.count), slotStart: slotStart, slotMask: mask))
        enumDisplay.append(values)
        let i = Int32(enumSets.count - 1)
        enumSetIndex[h, default: []].append(i)
        return i
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
