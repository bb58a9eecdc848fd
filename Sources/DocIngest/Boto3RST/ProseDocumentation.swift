import APIModel

/// Puts the descriptions of a prose tree on the shapes built from it, following the same
/// nesting the builder reads: a structure's named children, a list's one unnamed item, a
/// map's value under its key. Shapes that close a recursion (`ref`) are left alone.
enum ProseDocumentation {
    static func isDocumented(_ prose: ProseNode) -> Bool {
        prose.documentation != nil || prose.children.contains(where: isDocumented)
    }

    static func attach(_ prose: ProseNode, to shape: inout Shape) {
        switch shape.type {
        case .structure?, .union?:
            for child in prose.children {
                guard let name = child.name, var member = shape.members[name] else { continue }
                describe(&member, child)
                shape.members[name] = member
            }
        case .list?:
            guard let item = prose.children.first, item.name == nil, var member = shape.member else { return }
            describe(&member, item)
            shape.member = member
        case .map?:
            guard let value = prose.children.first?.children.first, value.name == nil, var entry = shape.value else { return }
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
