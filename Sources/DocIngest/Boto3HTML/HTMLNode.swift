import CLibXML2

/// Small read-only helpers over libxml2's DOM (element names, classes, text, lines).
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

    var line: Int { Int(xmlGetLineNo(pointer)) }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { free(value) } // xmlFree is a global var Swift 6 rejects; libxml2 allocates with malloc
        return String(cString: value)
    }

    /// Whether the `class` attribute lists `name`.
    func hasClass(_ name: String) -> Bool {
        guard let classes = attribute("class") else { return false }
        return classes.split(separator: " ").contains { $0 == name }
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
    func first(where match: (HTMLNode) -> Bool) -> HTMLNode? {
        var stack: [HTMLNode] = [self]
        while let node = stack.popLast() {
            if node.isElement, match(node) { return node }
            stack.append(contentsOf: node.elementChildren.reversed())
        }
        return nil
    }
}
