/// A graph of shape references by name (botocore's structure members, list members, map keys
/// and values; a docconform service's `ref` nodes), for finding which shapes lie on a cycle.
public struct ShapeGraph {
    private let edges: [String: [String]]

    public init(edges: [String: [String]]) {
        self.edges = edges
    }

    func targets(of name: String) -> [String] { edges[name] ?? [] }

    /// Shapes in a strongly connected component with more than one shape, or with a
    /// reference to themselves.
    public func cyclicShapes() -> Set<String> {
        var cyclic: Set<String> = []
        for component in components() where isCycle(component) { cyclic.formUnion(component) }
        return cyclic
    }

    /// Whether a component holds a cycle (more than one shape, or one that refers to itself).
    func isCycle(_ component: [String]) -> Bool {
        component.count > 1 || targets(of: component[0]).contains(component[0])
    }

    /// The strongly connected components, each after every component it refers to (Tarjan's
    /// algorithm, iterative so deep graphs cannot overflow the stack). Names without edges
    /// of their own appear only when something refers to them.
    func components() -> [[String]] {
        var index: [String: Int] = [:]
        var low: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [String] = []
        var result: [[String]] = []
        var counter = 0

        for start in edges.keys.sorted() where index[start] == nil {
            // Frames: (node, position of the next edge to follow).
            var frames: [(String, Int)] = [(start, 0)]
            index[start] = counter; low[start] = counter; counter += 1
            stack.append(start); onStack.insert(start)
            while let (node, next) = frames.last {
                let targets = edges[node] ?? []
                if next < targets.count {
                    frames[frames.count - 1].1 += 1
                    let target = targets[next]
                    if index[target] == nil {
                        index[target] = counter; low[target] = counter; counter += 1
                        stack.append(target); onStack.insert(target)
                        frames.append((target, 0))
                    } else if onStack.contains(target) {
                        low[node] = min(low[node]!, index[target]!)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.0 { low[parent] = min(low[parent]!, low[node]!) }
                guard low[node] == index[node] else { continue }
                var component: [String] = []
                while let top = stack.popLast() {
                    onStack.remove(top)
                    component.append(top)
                    if top == node { break }
                }
                result.append(component)
            }
        }
        return result
    }
}
