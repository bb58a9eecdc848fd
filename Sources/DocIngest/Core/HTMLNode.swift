import CLibXML2

/// Small read-only helpers over libxml2's DOM (element names, classes, attributes, text,
/// lines): what both HTML readers (boto3 pages, AWS reference pages) ask of a node.
struct HTMLNode {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// Lower-case element name (libxml2's HTML parser lower-cases tags).
    func named(_ name: StaticString) -> Bool {
        guard isElement, let n = pointer.pointee.name else { return false }
        return name.withUTF8Buffer { want in
            var k = 0
            while k < want.count {
                if n[k] != want[k] { return false }
                k += 1
            }
            return n[k] == 0
        }
    }

    /// 1-based; libxml2 gives no line (-1, 0) for nodes it made up while recovering: 1 then.
    var line: Int { max(1, Int(xmlGetLineNo(pointer))) }

    /// The attribute's value; nil when it is absent or empty (an empty `id` or `href` names nothing).
    func attribute(_ name: String) -> String? {
        guard let attr = xmlHasProp(pointer, name), let text = attr.pointee.children else { return nil }
        // One text node (every real attribute): read in place, nothing to copy and free.
        if text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
            return content.pointee == 0 ? nil : String(cString: content)
        }
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { free(value) } // xmlFree is a global var Swift 6 rejects; libxml2 allocates with malloc
        return value.pointee == 0 ? nil : String(cString: value)
    }

    /// Whether the `class` attribute lists `name` (read in place: this runs on every element searched).
    func hasClass(_ name: StaticString) -> Bool {
        guard isElement, let attr = xmlHasProp(pointer, "class"), let text = attr.pointee.children,
              let value = text.pointee.content else { return false }
        return name.withUTF8Buffer { want -> Bool in
            let n = want.count
            var start = 0
            while true {
                while value[start] == 0x20 { start += 1 }
                if value[start] == 0 { return false }
                var end = start
                while value[end] != 0, value[end] != 0x20 { end += 1 }
                if end - start == n {
                    var k = 0
                    while k < n, value[start + k] == want[k] { k += 1 }
                    if k == n { return true }
                }
                start = end
            }
        }
    }

    var children: [HTMLNode] {
        var out: [HTMLNode] = []
        var c = pointer.pointee.children
        while let node = c {
            out.append(HTMLNode(pointer: node))
            c = node.pointee.next
        }
        return out
    }

    var elementChildren: [HTMLNode] { children.filter(\.isElement) }

    /// All text below the node, as the reader sees it (entities decoded, tags dropped).
    var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { free(content) }
        return String(cString: content)
    }

    /// The bytes of all text below the node (the literal text of a highlighted block).
    var textBytes: [UInt8] {
        guard let content = xmlNodeGetContent(pointer) else { return [] }
        defer { free(content) }
        let count = Int(xmlStrlen(content))
        return content.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// The first element below the node (depth first, document order) that `match` accepts.
    /// Walks the tree through its links, allocating nothing.
    func first(where match: (HTMLNode) -> Bool) -> HTMLNode? {
        var current: xmlNodePtr? = pointer
        while let node = current {
            let n = HTMLNode(pointer: node)
            if n.isElement, match(n) { return n }
            if n.isElement || node == pointer, let child = node.pointee.children {
                current = child
                continue
            }
            // Next sibling, or the next sibling of the nearest ancestor below `self`.
            var up: xmlNodePtr? = node
            current = nil
            while let u = up, u != pointer {
                if let next = u.pointee.next { current = next; break }
                up = u.pointee.parent
            }
        }
        return nil
    }
}
