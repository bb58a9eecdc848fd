import APIModel

/// Puts the descriptions of a prose tree on the shapes built from it, following the same
/// nesting the builder reads: a structure's named children, a list's one unnamed item, a
/// map's value under its key. Shapes that close a recursion (`ref`) are left alone.
///
/// A pass of its own, run by the readers only when they keep documentation: setting
/// descriptions while building the tree, or even a reachable branch for it there, cost 20%
/// more CPU and 15% more peak memory on 20,000 pages with none to set.
enum ProseDocumentation {
    /// Puts the descriptions of `prose` on the root built from it.
    static func attach(_ prose: ProseNode?, to root: inout Shape?) {
        guard let prose, var shape = root else { return }
        attach(prose, to: &shape)
        root = shape
    }

    static func attach(_ prose: ProseNode, to shape: inout Shape) {
        switch shape.type {
        // Children are changed in place, or taken out while changed: a copy that the parent
        // still holds would copy the child's own member table on its first write.
        case .structure?, .union?:
            for child in prose.children {
                guard let name = child.name, let index = shape.members.index(forKey: name) else { continue }
                describe(&shape.members.values[index], child)
            }
        case .list?:
            guard let item = prose.children.first, item.name == nil, var member = shape.member else { return }
            shape.member = nil
            describe(&member, item)
            shape.member = member
        case .map?:
            guard let value = prose.children.first?.children.first, value.name == nil, var entry = shape.value else { return }
            shape.value = nil
            describe(&entry, value)
            shape.value = entry
        default:
            return
        }
    }

    private static func describe(_ shape: inout Shape, _ prose: ProseNode) {
        guard !shape.isRef else { return }
        if let documentation = prose.documentation { shape.documentation = documentation }
        attach(prose, to: &shape)
    }
}
