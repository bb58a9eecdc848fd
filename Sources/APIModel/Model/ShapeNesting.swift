/// How deep shape trees may nest, and the one check of it.
///
/// Every walk over a tree (reading, merging, projecting, diffing, summarizing for changelogs,
/// compiling validation plans, exporting, writing, and Swift's own `==` and freeing of a
/// `Shape`) goes one call deeper per level; the differ and the changelog summaries also follow
/// a `ref` into its definition, up to twice per name on a path. Real models nest little
/// (botocore 1.43.11: 23 levels, 58 counting the definitions refs lead to), so rather than
/// making every walk iterative, trees enter the program only through producers that stop at
/// `limit` (the botocore importer, the model reader) and through `Ingest`, which checks every
/// partial model with `enforce` and drops what goes deeper, with an error naming the place.
/// Walks that follow refs once per name (plan compiling, export) take them from a worklist.
public enum ShapeNesting {
    /// Levels of nesting a walk may meet, refs' definitions included.
    public static let limit = 500

    public struct Violation: Sendable, Hashable {
        public var service: String
        /// The operation whose tree is too deep, or nil for an entry of the service's `shapes`.
        public var operation: String?
        /// The shapes entry (for `operation == nil`).
        public var shape: String?
        public var message: String
    }

    /// What a tree holds, measured without descending past `limit`.
    struct Measure {
        var depth = 0
        /// Refs met: (the level of the ref node, the name).
        var refs: [(level: Int, name: String)] = []
        /// The path to the first node past the limit.
        var overflow: [String]?
    }

    static func measure(_ shape: Shape) -> Measure {
        var m = Measure()
        withUnsafePointer(to: shape) { root in
            if let reversed = visit(root, level: 1, into: &m) { m.overflow = reversed.reversed() }
        }
        return m
    }

    /// Reads the tree in place (no `Shape` copied per node), recursing never deeper
    /// than `limit + 1` calls. Returns the steps to the first node past the limit, last step
    /// first (built on the way back up, so a tree within the limit builds no path at all).
    private static func visit(_ shape: UnsafePointer<Shape>, level: Int, into m: inout Measure) -> [String]? {
        if level > m.depth { m.depth = level }
        if level > limit { return [] }
        if let ref = shape.pointee.ref {
            m.refs.append((level, ref))
            return nil
        }
        // Children by type (most nodes are scalars, with none to look for); a child a type
        // does not have is still followed if a source gave it one.
        switch shape.pointee.type {
        case .structure?, .union?:
            break
        case .list?:
            if let steps = visit(shape, .member, level: level, into: &m) { return steps + ["[]"] }
        case .map?:
            if let steps = visit(shape, .key, level: level, into: &m) { return steps + ["{key}"] }
            if let steps = visit(shape, .value, level: level, into: &m) { return steps + ["{}"] }
        default:
            if shape.pointee.hasNoChildren { return nil }
            if let steps = visit(shape, .member, level: level, into: &m) { return steps + ["[]"] }
            if let steps = visit(shape, .key, level: level, into: &m) { return steps + ["{key}"] }
            if let steps = visit(shape, .value, level: level, into: &m) { return steps + ["{}"] }
        }
        if !shape.pointee.members.isEmpty {
            let found: (Int, [String])? = shape.pointee.members.values.withUnsafeBufferPointer { members in
                for k in members.indices {
                    if let steps = visit(members.baseAddress! + k, level: level + 1, into: &m) { return (k, steps) }
                }
                return nil
            }
            if let (k, steps) = found { return steps + [shape.pointee.members.keys[k]] }
        }
        return nil
    }

    @inline(__always)
    private static func visit(_ shape: UnsafePointer<Shape>, _ child: Shape.Child, level: Int, into m: inout Measure) -> [String]? {
        shape.pointee.withChild(child) { pointer in pointer.flatMap { visit($0, level: level + 1, into: &m) } }
    }

    /// Trees of `service` deeper than `limit`, counting what refs lead to: per operation root,
    /// its own depth plus, for each ref in it, a bound on the levels a walk can meet in the
    /// definition and in the definitions it refers to (twice each inside a cycle).
    /// With `definedRefs`, a ref that names no `shapes` entry is a violation too (a model file
    /// must define what it refers to; page readers may leave a recursion target unnamed).
    public static func violations(in service: Service, definedRefs: Bool = false) -> [Violation] {
        var violations: [Violation] = []
        var depthOf: [String: Int] = [:]
        var edges: [String: [String]] = [:]
        for (name, shape) in service.shapes {
            let m = measure(shape)
            if let overflow = m.overflow {
                violations.append(Violation(service: service.name, operation: nil, shape: name,
                                            message: "shapes entry \(name) nests deeper than \(limit) levels (at \(describe(overflow)))"))
            }
            if definedRefs, let missing = m.refs.first(where: { service.shapes[$0.name] == nil }) {
                violations.append(Violation(service: service.name, operation: nil, shape: name,
                                            message: "shapes entry \(name): ref \"\(missing.name)\" names no entry of the service's shapes"))
            }
            depthOf[name] = m.depth
            edges[name] = m.refs.map(\.name).filter { service.shapes[$0] != nil }
        }
        // Levels a walk entering each definition can meet, component by component (each
        // after the components it refers to); capped, so sums cannot overflow.
        let graph = ShapeGraph(edges: edges)
        var reach: [String: Int] = [:]
        for component in graph.components() {
            let inside = Set(component)
            var own = 0
            var below = 0
            for name in component {
                own += depthOf[name] ?? 0
                for target in graph.targets(of: name) where !inside.contains(target) { below = max(below, reach[target] ?? 0) }
            }
            let bound = min((graph.isCycle(component) ? 2 * own : own) + below, limit + 1)
            for name in component { reach[name] = bound }
        }
        for (opName, op) in service.operations {
            for (direction, root) in [("input", op.input), ("output", op.output)] {
                guard let root else { continue }
                let m = measure(root)
                if let overflow = m.overflow {
                    violations.append(Violation(service: service.name, operation: opName, shape: nil,
                                                message: "\(opName) \(direction) nests deeper than \(limit) levels (at \(describe(overflow)))"))
                    break
                }
                if definedRefs, let missing = m.refs.first(where: { service.shapes[$0.name] == nil }) {
                    violations.append(Violation(service: service.name, operation: opName, shape: nil,
                                                message: "\(opName) \(direction): ref \"\(missing.name)\" names no entry of the service's shapes"))
                    break
                }
                if let (level, ref) = m.refs.first(where: { $0.level - 1 + (reach[$0.name] ?? 1) > limit }) {
                    violations.append(Violation(service: service.name, operation: opName, shape: nil,
                                                message: "\(opName) \(direction) nests deeper than \(limit) levels through the definitions its ref \(ref) leads to (at level \(level))"))
                    break
                }
            }
        }
        return violations
    }

    /// Drops the operations and `shapes` entries of `model` that nest too deep, with an error
    /// each (at the operation's first source, else the service).
    public static func enforce(_ model: inout Model, log: inout DiagnosticLog) {
        let found = Array(model.services.values).parallelMap { violations(in: $0) }
        for violations in found {
            for v in violations {
                guard var service = model.services[v.service] else { continue }
                if let op = v.operation {
                    log.error(service.operations[op]?.sources.first ?? v.service, "\(v.message); operation not read")
                    service.operations.removeValue(forKey: op)
                } else if let shape = v.shape {
                    log.error(service.name, "\(v.message); not read")
                    service.shapes.removeValue(forKey: shape)
                }
                model.services[v.service] = service
            }
        }
    }

    /// A path for a message: its last steps and its length (a path past the limit is long).
    static func describe(_ path: [String]) -> String {
        var text = ""
        for step in path.suffix(4) {
            if !text.isEmpty && !(step.hasPrefix("[") || step.hasPrefix("{")) { text += "." }
            text += step
        }
        return path.count > 4 ? "…\(text), \(path.count) levels down" : text
    }
}
