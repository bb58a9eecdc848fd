import APIModel

/// Compares two operation trees by what they state, following `ref` nodes into their
/// services' shape tables. Recursive shapes are compared coinductively: a pair of refs
/// already under comparison is assumed equal, so two recursive definitions match when
/// every finite unfolding does, whatever the ref names. Every node is identified by the
/// definition it lies in and its path there, so the pairs compared are finite and mutual
/// recursion that puts a ref on one side against an inline node on the other terminates.
public struct ShapeEquivalence {
    let left: Service
    let right: Service
    private var assumed = Set<String>()

    public init(left: Service, right: Service) {
        self.left = left
        self.right = right
    }

    /// nil when equal, else the first difference found: `Path.To.Member: what differs`.
    public mutating func difference(_ a: Shape?, _ b: Shape?, path: String = "") -> String? {
        // A structure with no members and no shape at all read the same on a page.
        let a = a.flatMap { isEmptyStructure($0, in: left) ? nil : $0 }
        let b = b.flatMap { isEmptyStructure($0, in: right) ? nil : $0 }
        switch (a, b) {
        case (nil, nil): return nil
        case (nil, _?): return "\(label(path)): absent on the left"
        case (_?, nil): return "\(label(path)): absent on the right"
        case let (x?, y?): return compare(x, y, path: path, at: ("root", "root"))
        }
    }

    private func isEmptyStructure(_ s: Shape, in service: Service) -> Bool {
        !s.isRef && s.type == .structure && s.members.isEmpty && !s.eventstream
    }

    private func label(_ path: String) -> String { path.isEmpty ? "(root)" : path }

    /// `at`: where `a` and `b` lie (the definition they are in, and the path within it).
    private mutating func compare(_ a: Shape, _ b: Shape, path: String, at: (String, String)) -> String? {
        var at = at
        // In a view that does not say what a recursion repeats, only where it is cut counts.
        if a.ref == FormatView.unnamedRecursion || b.ref == FormatView.unnamedRecursion {
            return a.ref == b.ref ? nil : "\(label(path)): recursion cut on one side only"
        }
        if a.isRef || b.isRef {
            if let r = a.ref { at.0 = "ref:" + r }
            if let r = b.ref { at.1 = "ref:" + r }
            let key = at.0 + "\u{1}" + at.1
            if assumed.contains(key) { return nil }
            assumed.insert(key)
            guard let x = a.isRef ? left.resolve(a) : a else { return "\(label(path)): undefined ref \(a.ref!) on the left" }
            guard let y = b.isRef ? right.resolve(b) : b else { return "\(label(path)): undefined ref \(b.ref!) on the right" }
            if x.isRef || y.isRef { return "\(label(path)): a ref to a ref" }
            return compare(x, y, path: path, at: at)
        }
        if a.type != b.type { return "\(label(path)): type \(a.type?.rawValue ?? "?") vs \(b.type?.rawValue ?? "?")" }
        if a.enumValues != b.enumValues {
            return "\(label(path)): enum \(a.enumValues?.joined(separator: "|") ?? "none") vs \(b.enumValues?.joined(separator: "|") ?? "none")"
        }
        if a.streaming != b.streaming { return "\(label(path)): streaming \(a.streaming) vs \(b.streaming)" }
        if a.eventstream != b.eventstream { return "\(label(path)): eventstream \(a.eventstream) vs \(b.eventstream)" }
        // boto3 writes `[REQUIRED]` only on members it expands: a member that closes a
        // recursion is never marked, so its required flag is not compared.
        let ra = Set(a.required.filter { a.members[$0]?.isRef != true && b.members[$0]?.isRef != true })
        let rb = Set(b.required.filter { a.members[$0]?.isRef != true && b.members[$0]?.isRef != true })
        if ra != rb {
            return "\(label(path)): required [\(ra.sorted().joined(separator: ","))] vs [\(rb.sorted().joined(separator: ","))]"
        }
        let ka = Set(a.members.keys), kb = Set(b.members.keys)
        if ka != kb {
            let onlyA = ka.subtracting(kb).sorted(), onlyB = kb.subtracting(ka).sorted()
            return "\(label(path)): members only on the left [\(onlyA.joined(separator: ","))], only on the right [\(onlyB.joined(separator: ","))]"
        }
        for (name, m) in a.members {
            if let d = compare(m, b.members[name]!, path: path.isEmpty ? name : path + "." + name,
                               at: (at.0 + "." + name, at.1 + "." + name)) { return d }
        }
        if let d = pair(a.member, b.member, path: path + "[]", at: (at.0 + "[]", at.1 + "[]")) { return d }
        if let d = pair(a.key, b.key, path: path + "{key}", at: (at.0 + "{key}", at.1 + "{key}")) { return d }
        if let d = pair(a.value, b.value, path: path + "{}", at: (at.0 + "{}", at.1 + "{}")) { return d }
        return nil
    }

    private mutating func pair(_ a: Shape?, _ b: Shape?, path: String, at: (String, String)) -> String? {
        switch (a, b) {
        case (nil, nil): return nil
        case let (x?, y?): return compare(x, y, path: path, at: at)
        default: return "\(path): present on one side only"
        }
    }
}
