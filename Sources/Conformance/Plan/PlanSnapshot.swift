import APIModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A validation plan's tables as bytes, as `PlanCache` keeps them between runs: the node,
/// member, name, slot, enum and bound tables as they lie in memory (the key names the build, so
/// the layout is this binary's), the pattern sources, and
/// each operation's roots with whether its tree holds a pattern no engine runs, and the names of
/// every operation of those operations' services and of services read for their names alone (so
/// that a name a service lacks is answered without reading it). What error responses are judged
/// by is kept too: each service's error codes, each operation's documented errors and the error
/// roots compiled (so that a warm run reads no service for its error responses).
///
/// Read back, everything is checked before use: the checksum, every table's size, and every
/// index a node, member, enum set, operation or error root holds (a bad index would read
/// outside the tables), so a damaged file is refused, never trusted.
final class PlanSnapshot: @unchecked Sendable {
    struct OperationEntry {
        var input: Int32
        var output: Int32
        var reachesUnsupportedPattern: Bool
    }

    struct ErrorRootEntry {
        var root: Int32
        var reachesUnsupportedPattern: Bool
    }

    /// The cache key the file was written under (`PlanCache`).
    let key: String
    let operations: [String: [String: OperationEntry]]
    /// The operations in the order the file lists them.
    let operationOrder: [(service: String, operation: String)]
    /// Every operation name of each service `operations` holds some of, and of services a run
    /// read for their names alone.
    let operationNames: [String: Set<String>]
    /// The error codes of each service of `operationNames` (`ServiceErrorCodes`).
    let errorCodes: [String: ServiceErrorCodes]
    /// The errors operations document (`OperationErrors.documented`), for those a run judged
    /// error responses of.
    let operationErrors: [String: [String: [String]]]
    /// Error roots by service and error shape name ("" for none), as `ValidationPlan.errorRoot` keeps them.
    let errorRoots: [String: [String: ErrorRootEntry]]
    /// The error roots in the order the file lists them.
    let errorRootOrder: [(service: String, key: String)]
    let patternSources: [String]
    /// Views of the tables, in `memory` (shared, read-only, by every plan that adopts them).
    let storage: PlanStorage
    private let memory: UnsafeMutableRawPointer

    static let magic = Array("DCPLAN\u{0}\u{3}".utf8)

    private init(key: String, operations: [String: [String: OperationEntry]], operationOrder: [(service: String, operation: String)],
                 operationNames: [String: Set<String>], errorCodes: [String: ServiceErrorCodes], operationErrors: [String: [String: [String]]],
                 errorRoots: [String: [String: ErrorRootEntry]], errorRootOrder: [(service: String, key: String)],
                 patternSources: [String], storage: PlanStorage, memory: UnsafeMutableRawPointer) {
        self.key = key
        self.operations = operations
        self.operationOrder = operationOrder
        self.operationNames = operationNames
        self.errorCodes = errorCodes
        self.operationErrors = operationErrors
        self.errorRoots = errorRoots
        self.errorRootOrder = errorRootOrder
        self.patternSources = patternSources
        self.storage = storage
        self.memory = memory
    }

    deinit { memory.deallocate() }

    // MARK: - writing

    /// The bytes of `plan`'s tables and operations: those of the cache it took on (as they were
    /// written) and those it compiled.
    static func encode(_ plan: ValidationPlan, key: String) -> [UInt8] {
        var entries: [(service: String, operation: String, entry: OperationEntry)] = []
        if let cached = plan.adopted {
            for (service, operation) in cached.operationOrder {
                if let entry = cached.operations[service]?[operation] { entries.append((service, operation, entry)) }
            }
        }
        var compiled: [(service: String, operation: String, roots: ValidationPlan.Roots)] = []
        for (service, operation) in plan.compiledOperations {
            if let roots = plan.operations[service]?[operation] { compiled.append((service, operation, roots)) }
        }
        var errorRootEntries: [(service: String, key: String, entry: ErrorRootEntry)] = []
        if let cached = plan.adopted {
            for (service, key) in cached.errorRootOrder {
                if let entry = cached.errorRoots[service]?[key] { errorRootEntries.append((service, key, entry)) }
            }
        }
        let compiledErrorRoots = plan.compiledErrorRoots.compactMap { e in plan.errorRoots[e.service]?[e.shapeName].map { (e.service, e.shapeName, $0) } }
        // Each service's operation names and error codes: as the cache had them, or from the
        // service just compiled from. A service without them (not readable now) is left out,
        // with its operations and error roots.
        var services: [(name: String, operations: [String], codes: ServiceErrorCodes)] = []
        var kept = Set<String>()
        var documented = plan.adopted?.operationErrors ?? [:]
        ValidationPlan.merging(plan.errorsRead.mapValues { $0.mapValues(\.documented) }, into: &documented)
        for service in entries.map(\.service) + compiled.map(\.service) + (plan.adopted?.operationNames.keys.sorted() ?? []) + plan.namesRead.sorted()
            + plan.errorsRead.keys.sorted() where !kept.contains(service) {
            if let names = plan.adopted?.operationNames[service], let codes = plan.adopted?.errorCodes[service] {
                services.append((service, names.sorted(), codes))
            } else if let loaded = plan.catalog.service(service) {
                services.append((service, loaded.operations.keys.sorted(), plan.serviceErrorCodes[service] ?? ServiceErrorCodes(loaded)))
            } else {
                continue
            }
            kept.insert(service)
        }
        entries.removeAll { !kept.contains($0.service) }
        compiled.removeAll { !kept.contains($0.service) }
        errorRootEntries.removeAll { !kept.contains($0.service) }
        var out = ByteWriter()
        out.bytes(magic)
        // First the services' operation names: their count is what `holdsPlans(atPath:)` reads.
        out.int(services.count)
        for (service, operations, codes) in services {
            out.string(service)
            out.strings(operations)
            out.int((codes.byQueryErrorCode ? 1 : 0) | (codes.documentsErrors ? 2 : 0))
            out.int(codes.shapesByCode.count)
            for code in codes.shapesByCode.keys.sorted() {
                out.string(code)
                out.strings(codes.shapesByCode[code] ?? [])
            }
            let errors = documented[service] ?? [:]
            out.int(errors.count)
            for operation in errors.keys.sorted() {
                out.string(operation)
                out.strings(errors[operation] ?? [])
            }
        }
        out.string(key)
        out.table(plan.nodes)
        out.table(plan.members)
        out.table(plan.namePool)
        out.table(plan.slots)
        out.table(plan.enumSets)
        out.table(plan.enumValueRanges)
        out.table(plan.bounds)
        out.int(plan.patterns.sources.count)
        for p in plan.patterns.sources { out.string(p) }
        let reaching = plan.rootsReachingUnsupportedPatterns(compiled.flatMap { [$0.roots.input, $0.roots.output] }
                                                             + compiledErrorRoots.map(\.2))
        for (service, operation, roots) in compiled {
            entries.append((service, operation, OperationEntry(input: roots.input, output: roots.output,
                                                               reachesUnsupportedPattern: reaching.contains(roots.input) || reaching.contains(roots.output))))
        }
        out.int(entries.count)
        for (service, operation, entry) in entries {
            out.string(service)
            out.string(operation)
            out.int(Int(entry.input))
            out.int(Int(entry.output))
            out.int(entry.reachesUnsupportedPattern ? 1 : 0)
        }
        for (service, key, root) in compiledErrorRoots where kept.contains(service) {
            errorRootEntries.append((service, key, ErrorRootEntry(root: root, reachesUnsupportedPattern: reaching.contains(root))))
        }
        out.int(errorRootEntries.count)
        for (service, key, entry) in errorRootEntries {
            out.string(service)
            out.string(key)
            out.int(Int(entry.root))
            out.int(entry.reachesUnsupportedPattern ? 1 : 0)
        }
        out.finish()
        return out.buffer
    }

    // MARK: - reading

    typealias Refused = ByteDecodingError

    /// The snapshot in the file at `path`, checked through; nil when there is no such file.
    static func read(path: String) throws(Refused) -> PlanSnapshot? {
        // No file yet, or a folder that is not one (the write that follows says so).
        if access(path, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR) { return nil }
        // Read into one block aligned for every table, which the tables are then read in place from.
        let file: UnsafeMutableRawBufferPointer
        do throws(FileReadError) { file = try FileReading.alignedBytes(atPath: path) } catch { throw Refused(reason: error.reason) }
        guard let memory = file.baseAddress else { throw Refused(reason: "not a docconform plan cache file") }
        do throws(Refused) {
            return try decode(UnsafeRawBufferPointer(file), memory: memory)
        } catch {
            memory.deallocate()
            throw error
        }
    }

    /// Whether the file at `path` holds plans of some service, told by its head alone: the magic
    /// and a count of services the file's size could hold (false when there is no such file or
    /// it is not one). Not checked against the rest: what it is for (whether to read services
    /// ahead) decides only when services are read, never a result.
    static func holdsPlans(atPath path: String) -> Bool {
        guard let (head, size) = try? FileReading.head(atPath: path, count: magic.count + 8), head.count == magic.count + 8,
              head.starts(with: magic) else { return false }
        let count = head.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: magic.count, as: Int64.self)) }
        // Each service takes at least its name's length and its names' count (8 bytes each).
        return count > 0 && count <= Int64((size - head.count) / 16)
    }

    /// The snapshot in `bytes` (`memory`'s, which it keeps), checked through.
    private static func decode(_ bytes: UnsafeRawBufferPointer, memory: UnsafeMutableRawPointer) throws(Refused) -> PlanSnapshot {
        var r = try ByteReader.checked(bytes, magic: magic, kind: "plan cache")
        var operationNames: [String: Set<String>] = [:]
        var errorCodes: [String: ServiceErrorCodes] = [:]
        var operationErrors: [String: [String: [String]]] = [:]
        for _ in 0..<(try r.count()) {
            let service = try r.string()
            let names = Set(try r.strings())
            operationNames[service] = names
            let flags = try r.int()
            guard flags >= 0 && flags <= 3 else { throw Refused(reason: "a service's error flags are damaged") }
            var shapesByCode: [String: [String]] = [:]
            for _ in 0..<(try r.count()) {
                let code = try r.string()
                shapesByCode[code] = try r.strings()
            }
            errorCodes[service] = ServiceErrorCodes(shapesByCode: shapesByCode, byQueryErrorCode: flags & 1 != 0, documentsErrors: flags & 2 != 0)
            var errors: [String: [String]] = [:]
            for _ in 0..<(try r.count()) {
                let operation = try r.string()
                guard names.contains(operation) else { throw Refused(reason: "an operation is missing from its service's names") }
                errors[operation] = try r.strings()
            }
            if !errors.isEmpty { operationErrors[service] = errors }
        }
        let key = try r.string()
        var sizes: [(count: Int, bytes: Int, at: Int)] = []
        for _ in 0..<7 { sizes.append(try r.table()) }
        func view<T>(_ k: Int, _: T.Type) throws(Refused) -> UnsafeBufferPointer<T> {
            guard sizes[k].count * MemoryLayout<T>.stride == sizes[k].bytes else { throw Refused(reason: "a table's size does not match this build") }
            return UnsafeBufferPointer(start: (memory + sizes[k].at).bindMemory(to: T.self, capacity: sizes[k].count), count: sizes[k].count)
        }
        // Enum and Bool fields are checked as bytes before the tables are read as their types.
        try checkNodeBytes(memory + sizes[0].at, count: sizes[0].count)
        try checkMemberBytes(memory + sizes[1].at, count: sizes[1].count)
        let storage = PlanStorage(nodes: try view(0, PlanNode.self), members: try view(1, PlanMember.self),
                                  namePool: try view(2, UInt8.self), slots: try view(3, Int32.self),
                                  enumSets: try view(4, EnumSet.self), enumValueRanges: try view(5, (start: Int32, length: Int32).self),
                                  bounds: try view(6, PlanBounds.self))
        var patternSources: [String] = []
        for _ in 0..<(try r.count()) { patternSources.append(try r.string()) }
        var operations: [String: [String: OperationEntry]] = [:]
        var order: [(service: String, operation: String)] = []
        let count = try r.count()
        order.reserveCapacity(count)
        for _ in 0..<count {
            let service = try r.string(), operation = try r.string()
            let entry = OperationEntry(input: try r.int32(), output: try r.int32(), reachesUnsupportedPattern: try r.int() != 0)
            operations[service, default: [:]][operation] = entry
            order.append((service, operation))
        }
        var errorRoots: [String: [String: ErrorRootEntry]] = [:]
        var errorRootOrder: [(service: String, key: String)] = []
        for _ in 0..<(try r.count()) {
            let service = try r.string(), key = try r.string()
            errorRoots[service, default: [:]][key] = ErrorRootEntry(root: try r.int32(), reachesUnsupportedPattern: try r.int() != 0)
            errorRootOrder.append((service, key))
        }
        guard r.atEnd else { throw Refused(reason: "bytes after the error roots") }
        // Every cached operation is one of its service's.
        for (service, ops) in operations {
            guard let names = operationNames[service], ops.keys.allSatisfy(names.contains) else {
                throw Refused(reason: "an operation is missing from its service's names")
            }
        }
        for service in errorRoots.keys where operationNames[service] == nil {
            throw Refused(reason: "an error root's service is missing")
        }
        try checkIndexes(storage, patterns: patternSources.count, operations: operations, errorRoots: errorRoots)
        return PlanSnapshot(key: key, operations: operations, operationOrder: order, operationNames: operationNames,
                            errorCodes: errorCodes, operationErrors: operationErrors, errorRoots: errorRoots, errorRootOrder: errorRootOrder,
                            patternSources: patternSources, storage: storage, memory: memory)
    }

    /// Where the one-byte fields of nodes and members lie (read once).
    private static let nodeKindOffset = MemoryLayout<PlanNode>.offset(of: \PlanNode.kind)!
    private static let nodeFlagOffsets = [MemoryLayout<PlanNode>.offset(of: \PlanNode.hasMin)!, MemoryLayout<PlanNode>.offset(of: \PlanNode.hasMax)!]
    private static let memberRequiredOffset = MemoryLayout<PlanMember>.offset(of: \PlanMember.required)!

    private static func checkNodeBytes(_ p: UnsafeMutableRawPointer, count: Int) throws(Refused) {
        let kind = nodeKindOffset, hasMin = nodeFlagOffsets[0], hasMax = nodeFlagOffsets[1]
        for i in 0..<count {
            let node = p + i * MemoryLayout<PlanNode>.stride
            guard NodeKind(rawValue: node.load(fromByteOffset: kind, as: UInt8.self)) != nil,
                  node.load(fromByteOffset: hasMin, as: UInt8.self) <= 1,
                  node.load(fromByteOffset: hasMax, as: UInt8.self) <= 1 else { throw Refused(reason: "a plan node is damaged") }
        }
    }

    private static func checkMemberBytes(_ p: UnsafeMutableRawPointer, count: Int) throws(Refused) {
        let required = memberRequiredOffset
        for i in 0..<count where p.load(fromByteOffset: i * MemoryLayout<PlanMember>.stride + required, as: UInt8.self) > 1 {
            throw Refused(reason: "a plan member is damaged")
        }
    }

    /// Every index points inside its table, and every slot table looked up in (a power of two,
    /// probed until an empty slot) has an empty slot and only indexes of its own entries.
    private static func checkIndexes(_ s: PlanStorage, patterns: Int, operations: [String: [String: OperationEntry]],
                                     errorRoots: [String: [String: ErrorRootEntry]]) throws(Refused) {
        func inside(_ start: Int32, _ count: Int32, _ limit: Int) -> Bool { start >= 0 && count >= 0 && Int(start) + Int(count) <= limit }
        func optional(_ i: Int32, _ limit: Int) -> Bool { i == -1 || (i >= 0 && Int(i) < limit) }
        func slotTable(_ start: Int32, _ mask: Int32, entries: Int32) -> Bool {
            guard mask >= 0, (Int(mask) + 1) & Int(mask) == 0, inside(start, mask + 1, s.slots.count) else { return false }
            var empty = false
            for k in Int(start)...Int(start + mask) {
                let v = s.slots[k]
                if v == 0 { empty = true } else if v < 0 || v > entries { return false }
            }
            return empty
        }
        func bad(_ what: String, _ i: Int) -> Refused { Refused(reason: "a plan table holds an index outside its tables (\(what) \(i))") }
        guard !s.nodes.isEmpty else { throw bad("nodes", 0) }
        for (i, node) in s.nodes.enumerated() {
            switch node.kind {
            case .structure, .union:
                // A structure without members is never looked up in (the empty structure has no slots).
                guard inside(node.memberStart, node.memberCount, s.members.count),
                      node.memberCount == 0 || slotTable(node.slotStart, node.slotMask, entries: node.memberCount) else { throw bad("node", i) }
            case .list:
                guard node.child >= 0, Int(node.child) < s.nodes.count else { throw bad("node", i) }
            case .map:
                guard node.child >= 0, node.keyChild >= 0, Int(node.child) < s.nodes.count, Int(node.keyChild) < s.nodes.count else { throw bad("node", i) }
            default: break
            }
            guard optional(node.enumSet, s.enumSets.count), optional(node.pattern, patterns), optional(node.bounds, s.bounds.count),
                  !node.hasMin || node.bounds >= 0, !node.hasMax || node.bounds >= 0 else { throw bad("node", i) }
        }
        for (i, m) in s.members.enumerated() {
            guard inside(m.nameStart, m.nameLength, s.namePool.count), m.node >= 0, Int(m.node) < s.nodes.count else { throw bad("member", i) }
        }
        for (i, set) in s.enumSets.enumerated() {
            guard inside(set.valueStart, set.valueCount, s.enumValueRanges.count),
                  slotTable(set.slotStart, set.slotMask, entries: set.valueCount) else { throw bad("enum set", i) }
        }
        for (i, r) in s.enumValueRanges.enumerated() where !inside(r.start, r.length, s.namePool.count) { throw bad("enum value", i) }
        for ops in operations.values {
            for e in ops.values where !(e.input >= 0 && Int(e.input) < s.nodes.count && e.output >= 0 && Int(e.output) < s.nodes.count) {
                throw bad("operation root", Int(e.input))
            }
        }
        for roots in errorRoots.values {
            for e in roots.values where !(e.root >= 0 && Int(e.root) < s.nodes.count) { throw bad("error root", Int(e.root)) }
        }
    }
}

/// A plan table's bytes as they lie in memory (`ByteWriter.table`).
extension ByteWriter {
    mutating func table<T: BitwiseCopyable>(_ t: ScratchStack<T>) {
        table(UnsafeRawBufferPointer(start: t.base, count: t.count * MemoryLayout<T>.stride), count: t.count)
    }
}
