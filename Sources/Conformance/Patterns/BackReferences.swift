/// Back-references rewritten away, so that the engines decide such patterns instead of ICU.
///
/// A reference (`\3`) to a group that can only match one of a few strings (`(-?)`, `(:|\.)`), the
/// group outside any repetition and look-around, keeps the pattern regular: for each choice of
/// what each referenced group captured, the group becomes that string and every reference reached
/// after it on the same path too. A reference on a path that did not go through its group fails,
/// as in ICU (and Java). The union over the choices is the pattern's language exactly: ICU tries
/// every path, each with its own captures. Anything else returns nil and stays with ICU.
enum BackReferences {
    /// Whether the pattern's code points hold a `\` and a digit 1-9 (a back-reference, or a class's
    /// escape the parser then refuses): only such patterns keep their capturing groups.
    static func mentioned(in scalars: [UInt32]) -> Bool {
        var k = 0
        while k + 1 < scalars.count {
            if scalars[k] == 0x5C {
                if scalars[k + 1] >= 0x31 && scalars[k + 1] <= 0x39 { return true }
                k += 2
            } else {
                k += 1
            }
        }
        return false
    }

    /// Choices of captured strings tried at most (their product over the referenced groups).
    static let maxChoices = 64
    /// Strings one referenced group may match at most.
    static let maxStrings = 16

    /// `node` without `.capture` and `.backReference`, or nil when a reference cannot be rewritten.
    /// (Arrays, not sets or dictionaries, throughout: the groups are few, and each generic type a
    /// run meets first costs the Swift runtime more than these walks do.)
    static func expanded(_ node: RegexNode) -> RegexNode? {
        var referenced: [Int] = []
        collectReferences(node, into: &referenced)
        guard referenced.count <= 64 else { return nil }
        referenced.sort()
        var choices: [[[UInt32]]] = [[]]  // per choice, the string of each referenced group in order
        for k in referenced {
            // A group that may be entered more than once, or whose strings are many, or that holds
            // another referenced group (replaced with its string, that one would never be entered).
            guard let (body, mayRepeat) = group(k, in: node), !mayRepeat, !holdsGroup(of: referenced, in: body),
                  let options = strings(body) else { return nil }
            choices = choices.flatMap { choice in options.map { choice + [$0] } }
            guard choices.count <= maxChoices else { return nil }
        }
        var branches: [RegexNode] = []
        for choice in choices {
            guard let paths = Paths(groups: referenced, captured: choice).variants(node, entered: 0) else { return nil }
            branches.append(contentsOf: paths.map(\.node))
        }
        // No path can match: a class that matches nothing.
        if branches.isEmpty { return .chars(CharSet(items: [])) }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private static func collectReferences(_ node: RegexNode, into out: inout [Int]) {
        switch node {
        case let .backReference(k): if !out.contains(k) { out.append(k) }
        case let .sequence(items), let .alternation(items): for item in items { collectReferences(item, into: &out) }
        case let .repeated(body, _, _), let .look(body, _, _), let .capture(_, body): collectReferences(body, into: &out)
        case .chars, .start, .end: break
        }
    }

    /// Group `k`'s body, and whether it stands inside a repetition or a look-around (whose
    /// captures are not modelled either); nil when `node` holds no group `k`.
    private static func group(_ k: Int, in node: RegexNode, mayRepeat: Bool = false) -> (body: RegexNode, mayRepeat: Bool)? {
        switch node {
        case let .capture(index, body):
            return index == k ? (body, mayRepeat) : group(k, in: body, mayRepeat: mayRepeat)
        case let .sequence(items), let .alternation(items):
            for item in items { if let found = group(k, in: item, mayRepeat: mayRepeat) { return found } }
            return nil
        case let .repeated(body, _, max):
            return group(k, in: body, mayRepeat: mayRepeat || max > 1)
        case let .look(body, _, _):
            return group(k, in: body, mayRepeat: true)
        case .chars, .start, .end, .backReference:
            return nil
        }
    }

    /// Whether `node` holds one of these groups.
    private static func holdsGroup(of groups: [Int], in node: RegexNode) -> Bool {
        switch node {
        case .chars, .start, .end, .backReference: return false
        case let .capture(index, body): return groups.contains(index) || holdsGroup(of: groups, in: body)
        case let .sequence(items), let .alternation(items): return items.contains { holdsGroup(of: groups, in: $0) }
        case let .repeated(inner, _, _), let .look(inner, _, _): return holdsGroup(of: groups, in: inner)
        }
    }

    /// Every string `node` matches, when they are few and it holds no anchor, look-around or
    /// reference.
    private static func strings(_ node: RegexNode) -> [[UInt32]]? {
        var out: [[UInt32]]
        switch node {
        case let .chars(set):
            guard let members = set.fewMembers(atMost: maxStrings) else { return nil }
            out = members.map { [$0] }
        case let .sequence(items):
            out = [[]]
            for item in items {
                guard let next = strings(item) else { return nil }
                out = out.flatMap { prefix in next.map { prefix + $0 } }
                guard out.count <= maxStrings else { return nil }
            }
        case let .alternation(branches):
            out = []
            for branch in branches {
                guard let more = strings(branch) else { return nil }
                out += more
            }
        case let .repeated(body, min, max):
            guard max <= 8, let once = strings(body) else { return nil }
            var power: [[UInt32]] = [[]]  // the strings of `count` repetitions
            out = min == 0 ? [[]] : []
            for count in stride(from: 1, through: max, by: 1) {
                power = power.flatMap { prefix in once.map { prefix + $0 } }
                guard power.count <= maxStrings * maxStrings else { return nil }
                if count >= min { out += power }
            }
        case let .capture(_, body):
            return strings(body)
        case .start, .end, .look, .backReference:
            return nil
        }
        let distinct = out.distinctInOrder()
        return distinct.count <= maxStrings ? distinct : nil
    }

    /// The paths through a tree for one choice of captured strings, split by which referenced
    /// groups they went through (a reference needs to know whether its group came before it).
    private struct Paths {
        /// The referenced groups, and what each captured in this choice: group `groups[b]` is bit
        /// `b` of a path's `entered` mask.
        let groups: [Int]
        let captured: [[UInt32]]

        /// The node restricted to the paths through it that enter one set of referenced groups.
        struct Variant {
            var entered: UInt64
            var node: RegexNode
        }

        /// Per set of referenced groups a path through `node` enters, the node restricted to such
        /// paths, its groups and references replaced; `entered`: the groups entered before `node`.
        /// A set missing from the answer: no such path matches. nil: not rewritable.
        func variants(_ node: RegexNode, entered: UInt64) -> [Variant]? {
            switch node {
            case .chars, .start, .end:
                return [Variant(entered: 0, node: node)]
            case let .capture(k, body):
                guard let b = groups.firstIndex(of: k) else { return variants(body, entered: entered) }
                return [Variant(entered: 1 << UInt64(b), node: literal(captured[b]))]
            case let .backReference(k):
                guard let b = groups.firstIndex(of: k), entered & (1 << UInt64(b)) != 0 else { return [] }
                return [Variant(entered: 0, node: literal(captured[b]))]
            case let .look(body, ahead, negated):
                guard let inner = variants(body, entered: entered), inner.allSatisfy({ $0.entered == 0 }) else { return nil }
                guard let body = inner.first?.node else { return negated ? [Variant(entered: 0, node: .sequence([]))] : [] }
                return [Variant(entered: 0, node: .look(body, ahead: ahead, negated: negated))]
            case let .alternation(branches):
                var out: [Variant] = []
                for branch in branches {
                    guard let found = variants(branch, entered: entered) else { return nil }
                    for v in found { Self.add(v, to: &out) }
                }
                return out
            case let .sequence(items):
                var out = [Variant(entered: 0, node: .sequence([]))]
                for item in items {
                    var next: [Variant] = []
                    for prefix in out {
                        guard let found = variants(item, entered: entered | prefix.entered) else { return nil }
                        for v in found {
                            Self.add(Variant(entered: prefix.entered | v.entered, node: Self.appending(v.node, to: prefix.node)), to: &next)
                        }
                    }
                    out = next
                }
                return out
            case let .repeated(body, min, max):
                if max == 0 { return [Variant(entered: 0, node: .sequence([]))] }
                guard let found = variants(body, entered: entered) else { return nil }
                if found.allSatisfy({ $0.entered == 0 }) {
                    guard let once = found.first?.node else { return min == 0 ? [Variant(entered: 0, node: .sequence([]))] : [] }
                    return [Variant(entered: 0, node: .repeated(once, min: min, max: max))]
                }
                // A referenced group inside: `expanded` allowed it only under `?`-like repeats.
                guard max <= 1 else { return nil }
                guard min == 0 else { return found }
                var out = found.filter { $0.entered != 0 }
                let skipped = found.first { $0.entered == 0 }.map { RegexNode.repeated($0.node, min: 0, max: 1) } ?? .sequence([])
                out.insert(Variant(entered: 0, node: skipped), at: 0)
                return out
            }
        }

        private func literal(_ text: [UInt32]) -> RegexNode {
            text.count == 1 ? .chars(.single(text[0])) : .sequence(text.map { .chars(.single($0)) })
        }

        /// `v` among `list`: beside the paths that enter the same groups, as an alternation.
        private static func add(_ v: Variant, to list: inout [Variant]) {
            guard let k = list.firstIndex(where: { $0.entered == v.entered }) else { return list.append(v) }
            if case let .alternation(branches) = list[k].node {
                list[k].node = .alternation(branches + [v.node])
            } else {
                list[k].node = .alternation([list[k].node, v.node])
            }
        }

        private static func appending(_ node: RegexNode, to prefix: RegexNode) -> RegexNode {
            if case let .sequence(items) = prefix { return .sequence(items + [node]) }
            return .sequence([prefix, node])
        }
    }
}
