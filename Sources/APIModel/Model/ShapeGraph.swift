/// A graph of shape references by name (botocore's structure members, list members, map keys
/// and values; a docconform service's `ref` nodes), for finding which shapes lie on a cycle.
public struct ShapeGraph {
    private let edges: [String: [String]]

    public init(edges: [String: [String]]) {
        self.edges = edges
    }

    func targets(of name: String) -> [String] { edges[name] ?? [] }

    /// Whether a component holds a cycle (more than one shape, or one that refers to itself).
    func isCycle(_ component: [String]) -> Bool {
        component.count > 1 || targets(of: component[0]).contains(component[0])
    }

    /// The strongly connected components, each after every component it refers to. Names
    /// without edges of their own appear only when something refers to them. The walk starts
    /// from the names in sorted order, so the order is the same from run to run.
    func components() -> [[String]] {
        // Numbers in the order the walk starts from (sorted names with edges), then the rest.
        var names = edges.keys.sorted()
        let starts = names.count
        var number: [String: Int] = Dictionary(minimumCapacity: starts * 2)
        for (i, name) in names.enumerated() { number[name] = i }
        var targets: [[Int]] = []
        targets.reserveCapacity(starts)
        for i in 0..<starts {
            targets.append(edges[names[i]]!.map { target in
                if let n = number[target] { return n }
                number[target] = names.count
                names.append(target)
                return names.count - 1
            })
        }
        targets.append(contentsOf: repeatElement([], count: names.count - starts))
        return Self.components(targets: targets, startingFrom: 0..<starts).map { $0.map { names[$0] } }
    }

    /// Whether a component of `components(targets:startingFrom:)` holds a cycle.
    public static func isCycle(_ component: [Int], targets: [[Int]]) -> Bool {
        component.count > 1 || targets[component[0]].contains(component[0])
    }

    /// The strongly connected components of a graph of numbered nodes (`targets[n]`: the nodes
    /// `n` refers to) reached from `starts`, each after every component it refers to (Tarjan's
    /// algorithm, iterative so deep graphs cannot overflow the stack; numbers, not names, so
    /// no step hashes).
    public static func components(targets: [[Int]], startingFrom starts: Range<Int>) -> [[Int]] {
        let count = targets.count
        var index = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        var frames: [(node: Int, next: Int)] = []

        for start in starts where index[start] < 0 {
            frames.append((start, 0))
            index[start] = counter; low[start] = counter; counter += 1
            stack.append(start); onStack[start] = true
            while let (node, next) = frames.last {
                if next < targets[node].count {
                    frames[frames.count - 1].next += 1
                    let target = targets[node][next]
                    if index[target] < 0 {
                        index[target] = counter; low[target] = counter; counter += 1
                        stack.append(target); onStack[target] = true
                        frames.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], index[target])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[node]) }
                guard low[node] == index[node] else { continue }
                var component: [Int] = []
                while let top = stack.popLast() {
                    onStack[top] = false
                    component.append(top)
                    if top == node { break }
                }
                result.append(component)
            }
        }
        return result
    }
}
