import APIModel
import ChangeRecords

/// Compares one operation of two service versions, walking input and output trees in
/// parallel (spec/formats.md §2):
/// - highest level only: below an added/removed member or a type change nothing is compared;
/// - `ref` nodes resolve through each side's `service.shapes`;
/// - recursion: a structure already on the path is entered once more; at its third
///   appearance nothing below it is compared (counted per side; either side stops the walk);
/// - paths: member names joined by `.`, `[]` after a list, `{}` after a map value, `{key}`
///   for the map's key shape, "" for the root.
struct ServiceComparer {
    let serviceKey: String
    let old: Service
    let new: Service
    let includeSummaries: Bool
    private var operation = ""
    private var changes: [Change] = []
    private var direction: Direction = .input
    /// Path components; joined only when a change is emitted.
    private var components: [String] = []
    private var oldSeen: [String: Int] = [:]
    private var newSeen: [String: Int] = [:]
    /// Walks stopped by the recursion rule so far.
    private var cuts = 0
    /// Names that appear twice on the current path (their next appearance is cut).
    private var doubled = 0
    /// What comparing the members of a named structure pair found, recorded when that walk
    /// met no recursion cut, i.e. it saw the whole (finite) subtree. Such a result holds
    /// wherever the pair appears again: always when it is empty (more ancestors can only cut
    /// a walk shorter), and when no name is doubled on the current path otherwise. Shared
    /// shapes are compared once per service instead of once per use.
    private var memo: [NamePair: [Change]] = [:]
    private var summaries: [String: TypeSummary] = [:]
    private var oldPartial = false
    private var newPartial = false
    /// A partial operation that still shows this root's members (boto3 rendered the syntax
    /// but not the parameter list): which are required is unknown on that side.
    private var oldRequiredUnknown = false
    private var newRequiredUnknown = false

    struct NamePair: Hashable {
        let old: String
        let new: String
    }

    init(serviceKey: String, old: Service, new: Service, includeSummaries: Bool) {
        self.serviceKey = serviceKey
        self.old = old
        self.new = new
        self.includeSummaries = includeSummaries
    }

    /// Every operation of the service, in name order.
    mutating func run() -> [Change] {
        for name in Set(old.operations.keys).union(new.operations.keys).sorted() {
            operation = name
            switch (old.operations[name], new.operations[name]) {
            case (nil, _?):
                // A source that shows only some operations says nothing of the others.
                if !old.partial { changes.append(Change(kind: .operationAdded, service: serviceKey, operation: name)) }
            case (_?, nil):
                if !new.partial { changes.append(Change(kind: .operationRemoved, service: serviceKey, operation: name)) }
            case let (o?, n?):
                if n.deprecated && !o.deprecated {
                    changes.append(Change(kind: .operationDeprecated, service: serviceKey, operation: name))
                }
                // A partial operation proves nothing by absence in a section its source did
                // not render (boto3: "too large to render"), seen as an empty or missing
                // root: members missing on that side are not reported there.
                direction = .input
                (oldPartial, newPartial) = (o.partial && isBlank(o.input), n.partial && isBlank(n.input))
                (oldRequiredUnknown, newRequiredUnknown) = (o.partial, n.partial)
                compareRoot(o.input, n.input)
                direction = .output
                (oldPartial, newPartial) = (o.partial && isBlank(o.output), n.partial && isBlank(n.output))
                compareRoot(o.output, n.output)
                (oldPartial, newPartial) = (false, false)
                (oldRequiredUnknown, newRequiredUnknown) = (false, false)
            default: break
            }
        }
        return changes
    }

    private func isBlank(_ root: Shape?) -> Bool {
        guard let root else { return true }
        return root.isRef ? false : root.members.isEmpty
    }

    private mutating func compareRoot(_ oldRoot: Shape?, _ newRoot: Shape?) {
        switch (oldRoot, newRoot) {
        case let (o?, n?):
            compare(o, n, isMember: false)
        case let (nil, n?):
            // Input/output appeared: each top-level member is an added member.
            guard let root = new.resolve(n) else { return }
            for (name, member) in root.members {
                components.append(name)
                if !oldPartial { emitAdded(member, required: root.isRequired(name)) }
                components.removeLast()
            }
        case let (o?, nil):
            guard let root = old.resolve(o) else { return }
            for name in root.members.keys {
                components.append(name)
                if !newPartial { emit(.memberRemoved) }
                components.removeLast()
            }
        case (nil, nil): break
        }
    }

    private mutating func compare(_ oldNode: Shape, _ newNode: Shape, isMember: Bool) {
        // An unresolvable ref (a partial model) has nothing to compare.
        guard let old = self.old.resolve(oldNode), let new = self.new.resolve(newNode),
              let oldType = old.type, let newType = new.type else { return }
        if oldType != newType {
            emit(.typeChanged, from: .text(oldType.rawValue), to: .text(newType.rawValue))
            return
        }
        if isMember && new.deprecated && !old.deprecated { emit(.memberDeprecated) }
        if old.enumValues != new.enumValues { compareEnums(old.enumValues ?? [], new.enumValues ?? []) }
        compareConstraints(old, new)

        switch newType {
        case .structure, .union:
            let oldID = oldNode.ref ?? old.name
            let newID = newNode.ref ?? new.name
            if let id = oldID, oldSeen[id, default: 0] >= 2 { cuts += 1; return }
            if let id = newID, newSeen[id, default: 0] >= 2 { cuts += 1; return }
            let key = oldID.flatMap { o in newID.map { NamePair(old: o, new: $0) } }
            let memoUsable = !oldPartial && !newPartial && !oldRequiredUnknown && !newRequiredUnknown
            if memoUsable, let key, let recorded = memo[key], recorded.isEmpty || doubled == 0 {
                replay(recorded)
                return
            }
            let (changesBefore, cutsBefore) = (changes.count, cuts)
            if let id = oldID { oldSeen[id] = counted(oldSeen[id, default: 0], by: 1) }
            if let id = newID { newSeen[id] = counted(newSeen[id, default: 0], by: 1) }
            compareMembers(old, new)
            if let id = oldID { oldSeen[id] = counted(oldSeen[id]!, by: -1) }
            if let id = newID { newSeen[id] = counted(newSeen[id]!, by: -1) }
            if memoUsable, let key, cuts == cutsBefore { record(key, from: changesBefore) }
        case .list, .map:
            // A ref may also name a list or map (a page that cuts recursion at a map of
            // itself): the same once-more rule as for structures keeps the walk finite.
            let (oldRef, newRef) = (oldNode.ref, newNode.ref)
            if let id = oldRef, oldSeen[id, default: 0] >= 2 { cuts += 1; return }
            if let id = newRef, newSeen[id, default: 0] >= 2 { cuts += 1; return }
            if let id = oldRef { oldSeen[id] = counted(oldSeen[id, default: 0], by: 1) }
            if let id = newRef { newSeen[id] = counted(newSeen[id, default: 0], by: 1) }
            compareItems(old, new)
            if let id = oldRef { oldSeen[id] = counted(oldSeen[id]!, by: -1) }
            if let id = newRef { newSeen[id] = counted(newSeen[id]!, by: -1) }
        default: break
        }
    }

    /// The items of a list, or the keys and values of a map.
    private mutating func compareItems(_ old: Shape, _ new: Shape) {
        if let om = old.member, let nm = new.member {
            components.append("[]")
            compare(om, nm, isMember: false)
            components.removeLast()
        }
        if let ok = old.key, let nk = new.key {
            components.append("{key}")
            compare(ok, nk, isMember: false)
            components.removeLast()
        }
        if let ov = old.value, let nv = new.value {
            components.append("{}")
            compare(ov, nv, isMember: false)
            components.removeLast()
        }
    }

    /// A name's count on the path moved by `delta`, keeping `doubled` up to date.
    private mutating func counted(_ count: Int, by delta: Int) -> Int {
        let n = count + delta
        if delta > 0 && n == 2 { doubled += 1 }
        if delta < 0 && n == 1 { doubled -= 1 }
        return n
    }

    /// Stores the changes emitted since `start` with paths relative to the current node
    /// (each starting with `.` for a member).
    private mutating func record(_ key: NamePair, from start: Int) {
        let prefix = path
        memo[key] = changes[start...].map { c in
            var r = c
            let suffix = String(c.path!.utf8.dropFirst(prefix.utf8.count))!
            r.path = prefix.isEmpty ? "." + suffix : suffix
            return r
        }
    }

    /// Emits recorded changes at the current node, for this operation and direction.
    private mutating func replay(_ recorded: [Change]) {
        guard !recorded.isEmpty else { return }
        let prefix = path
        for r in recorded {
            let relative = r.path!
            let full = prefix.isEmpty ? String(relative.dropFirst()) : prefix + relative
            changes.append(Change(kind: r.kind, service: serviceKey, operation: operation, direction: direction, path: full,
                                  required: r.required, value: r.value, constraint: r.constraint, from: r.from, to: r.to,
                                  summary: r.summary))
        }
    }

    private mutating func compareMembers(_ old: Shape, _ new: Shape) {
        // A structure its source showed only in part proves nothing by absence, nor by a
        // member it does not mark required.
        let (oldShort, newShort) = (oldPartial || old.partial, newPartial || new.partial)
        for (name, newMember) in new.members {
            components.append(name)
            if let oldMember = old.members[name] {
                let wasRequired = old.isRequired(name), isRequired = new.isRequired(name)
                if isRequired && !wasRequired && !oldRequiredUnknown && !old.partial { emit(.requiredAdded) }
                if wasRequired && !isRequired && !newRequiredUnknown && !new.partial { emit(.requiredRemoved) }
                compare(oldMember, newMember, isMember: true)
            } else {
                if !oldShort { emitAdded(newMember, required: new.isRequired(name)) }
            }
            components.removeLast()
        }
        for name in old.members.keys where !newShort && new.members[name] == nil {
            components.append(name)
            emit(.memberRemoved)
            components.removeLast()
        }
    }

    private mutating func compareEnums(_ old: [String], _ new: [String]) {
        let oldSet = Set(old), newSet = Set(new)
        var reported = Set<String>()
        for v in old where !newSet.contains(v) && reported.insert(v).inserted { emit(.enumValueRemoved, value: v) }
        reported.removeAll()
        for v in new where !oldSet.contains(v) && reported.insert(v).inserted { emit(.enumValueAdded, value: v) }
    }

    private mutating func compareConstraints(_ old: Shape, _ new: Shape) {
        if old.min != new.min {
            emit(.constraintChanged, constraint: .min, from: old.min.map(ChangeValue.number), to: new.min.map(ChangeValue.number))
        }
        if old.max != new.max {
            emit(.constraintChanged, constraint: .max, from: old.max.map(ChangeValue.number), to: new.max.map(ChangeValue.number))
        }
        if old.pattern != new.pattern {
            emit(.constraintChanged, constraint: .pattern, from: old.pattern.map(ChangeValue.text), to: new.pattern.map(ChangeValue.text))
        }
    }

    private var path: String {
        var s = ""
        for c in components {
            if !s.isEmpty && !PathSyntax.isContainerStep(c) { s += "." }
            s += c
        }
        return s
    }

    private mutating func emitAdded(_ member: Shape, required: Bool) {
        changes.append(Change(kind: .memberAdded, service: serviceKey, operation: operation, direction: direction,
                              path: path, required: required, summary: includeSummaries ? summary(of: member) : nil))
    }

    /// Summaries do not depend on where the member sits: cached per shape name.
    private mutating func summary(of member: Shape) -> TypeSummary {
        guard let name = member.ref ?? member.name else { return TypeSummary.of(member, in: new) }
        if let cached = summaries[name] { return cached }
        let s = TypeSummary.of(member, in: new)
        summaries[name] = s
        return s
    }

    private mutating func emit(_ kind: ChangeKind, value: String? = nil, constraint: ConstraintName? = nil,
                               from: ChangeValue? = nil, to: ChangeValue? = nil) {
        changes.append(Change(kind: kind, service: serviceKey, operation: operation, direction: direction,
                              path: path, value: value, constraint: constraint, from: from, to: to))
    }
}
