import APIModel

/// Reads a query or ec2 request form (`Action=X&Version=V&Foo.member.1.Bar=baz`) into the
/// canonical document: keys split at `.` into a tree, then read shape by shape with the
/// protocol's naming (query: `locationName`, `member`/`entry` wrappers unless flattened; ec2:
/// `queryName` or the capitalised `locationName`, lists always `Name.N`).
struct QueryFormDecoder {
    let log: DecodeLog
    let proto: WireProtocol

    /// One level of the key tree: the value given for the key itself, and the keys below it.
    final class Node {
        var value: String?
        var children: [(name: Substring, node: Node)] = []

        func child(_ name: Substring) -> Node? { children.first { $0.name == name }?.node }

        func childOrNew(_ name: Substring) -> Node {
            if let n = child(name) { return n }
            let n = Node()
            children.append((name, n))
            return n
        }
    }

    /// The form's pairs, decoded (`+` is a space), in order.
    static func pairs(_ body: [UInt8]) -> [(key: String, value: String)] {
        RequestTarget.pairs(body[...]).map { ($0.key, $0.value ?? "") }
    }

    static func tree(_ pairs: [(key: String, value: String)]) -> Node {
        let root = Node()
        for (k, v) in pairs where k != "Action" && k != "Version" {
            var node = root
            for part in k.split(separator: ".", omittingEmptySubsequences: false) { node = node.childOrNew(part) }
            node.value = v
        }
        return root
    }

    func structure(_ node: Node, _ shape: WireShape) -> JSONValue {
        let body = shape.body
        var out: [(key: String, value: JSONValue)] = []
        var used = Set<ObjectIdentifier>()
        for member in body.members {
            let name = serializedName(member)
            guard let child = node.child(Substring(name)) else { continue }
            out.append((member.name, log.at(.member(member.name)) { value(child, member.shape) }))
            used.insert(ObjectIdentifier(child))
        }
        for (name, child) in node.children where !used.contains(ObjectIdentifier(child)) {
            out.append((String(name), generic(child)))
        }
        return .object(out)
    }

    /// The key a member goes under in its structure.
    private func serializedName(_ member: WireMember) -> String {
        let s = member.shape
        if proto == .ec2 {
            if let q = s.wire.queryName { return q }
            if let l = s.locationName, let first = l.first { return first.uppercased() + l.dropFirst() }
            return member.name
        }
        // A flattened list with a named item is keyed by the item's name.
        if s.type == .list, s.wire.flattened, let itemName = s.member?.locationName { return itemName }
        return s.locationName ?? member.name
    }

    func value(_ node: Node, _ shape: WireShape) -> JSONValue {
        switch shape.type {
        case .structure, .union: return structure(node, shape)
        case .list:
            guard let item = shape.member else { return generic(node) }
            // An empty list is sent as `Name=` with nothing below it.
            if node.children.isEmpty, node.value == "" { return .array([]) }
            var holder = node
            if proto != .ec2 && !shape.wire.flattened {
                guard let wrapped = node.child(Substring(item.locationName ?? "member")) else { return unexpected(node, "list items") }
                holder = wrapped
            }
            return .array(numbered(holder).enumerated().map { i, n in log.at(.index(i)) { value(n, item) } })
        case .map:
            guard let keyShape = shape.key, let valueShape = shape.value else { return generic(node) }
            var holder = node
            if !shape.wire.flattened {
                guard let wrapped = node.child("entry") else { return node.children.isEmpty ? .object([]) : unexpected(node, "map entries") }
                holder = wrapped
            }
            let keyName = Substring(keyShape.locationName ?? "key"), valueName = Substring(valueShape.locationName ?? "value")
            var entries: [(key: String, value: JSONValue)] = []
            for entry in numbered(holder) {
                guard let k = entry.child(keyName)?.value else {
                    log.report(.type, "map entry without \(keyName)")
                    continue
                }
                let v = entry.child(valueName).map { n in log.at(.key(k)) { value(n, valueShape) } } ?? .string("")
                entries.append((k, v))
            }
            return .object(entries)
        default:
            guard let text = node.value, node.children.isEmpty else { return unexpected(node, shape.type.rawValue) }
            return ScalarText.decode(text, shape, place: .form, proto: proto, log: log)
        }
    }

    /// Children `1`, `2`, ... in number order; other keys are reported.
    private func numbered(_ node: Node) -> [Node] {
        var items: [(Int, Node)] = []
        for (name, child) in node.children {
            if let n = Int(name), n >= 1 { items.append((n, child)) } else {
                log.report(.unknown, "form key \(DecodeLog.display(String(name))) where item numbers (1, 2, ...) are expected")
            }
        }
        return items.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private func unexpected(_ node: Node, _ what: String) -> JSONValue {
        log.report(.type, "expected \(what) in the form, got \(node.children.isEmpty ? "a single value" : "keys " + node.children.map { String($0.name) }.joined(separator: ", "))")
        return generic(node)
    }

    /// Keys the model does not describe, kept as they stand (a value, or an object of the keys below).
    func generic(_ node: Node) -> JSONValue {
        if node.children.isEmpty { return node.value.map(JSONValue.string) ?? .object([]) }
        return .object(node.children.map { (String($0.name), generic($0.node)) })
    }
}
