import APIModel

/// Reads an XML body (rest-xml, query and ec2 responses, rest-xml requests) into the
/// canonical document, shape by shape, as botocore's XML parser does: member elements by
/// their `locationName`, wrapped lists (`member`, `item`) and flattened ones (repeated
/// elements), maps as `entry`/`key`/`value` (or flattened), `xmlAttribute` members from the
/// structure's attributes, namespaces ignored. Unlike botocore it keeps what the model does
/// not know (an element no member names becomes an unknown member, so `unknown` fires).
final class XMLBodyDecoder {
    let reader: XMLPullReader
    let log: DecodeLog
    let proto: WireProtocol
    /// The read stopped (a syntax error or a document cut short): nothing more is read.
    private(set) var stopped = false

    init(reader: XMLPullReader, log: DecodeLog, proto: WireProtocol) {
        self.reader = reader
        self.log = log
        self.proto = proto
    }

    /// Moves to the document's root element; false when there is none (or the body is not XML).
    func moveToRoot() -> Bool {
        while next() {
            if reader.node == .element { return true }
        }
        return false
    }

    private func next() -> Bool {
        guard !stopped else { return false }
        if reader.read() { return true }
        stopped = true
        return false
    }

    // MARK: - values

    /// The element at the reader, read through its end, as a value of `shape`.
    func element(_ shape: WireShape) -> JSONValue {
        switch shape.type {
        case .structure, .union: return structure(shape)
        case .list: return list(shape)
        case .map: return map(shape)
        case .document: return generic()
        default: return ScalarText.decode(text(shape), shape, place: .xml, proto: proto, log: log)
        }
    }

    /// A structure's members from its attributes and child elements. Repeated elements of a
    /// flattened list or map are gathered wherever they stand.
    func structure(_ shape: WireShape) -> JSONValue {
        let body = shape.body
        var pairs: [(key: String, value: JSONValue)] = []
        var gathered: [Int: (pair: Int, count: Int)] = [:]
        var unknown: [String: Int] = [:]
        if !body.attributes.isEmpty { attributes(of: body, into: &pairs) }
        if reader.isEmptyElement { return .object(pairs) }
        while next() {
            switch reader.node {
            case .endElement: return .object(pairs)
            case .element:
                guard let index = body.byXMLName[reader.localNameBytes] else {
                    let name = reader.localName
                    let value = log.at(.member(name)) { generic() }
                    if let at = unknown[name] {
                        // Repeated unknown elements read as one list, as botocore groups them.
                        if case let .array(items) = pairs[at].value {
                            pairs[at].value = .null
                            pairs[at].value = .array(items + [value])
                        } else {
                            pairs[at].value = .array([pairs[at].value, value])
                        }
                    } else {
                        unknown[name] = pairs.count
                        pairs.append((name, value))
                    }
                    continue
                }
                let member = body.members[index]
                let m = member.shape
                if m.wire.flattened && (m.type == .list || m.type == .map) {
                    let slot = gathered[index] ?? (pairs.count, 0)
                    if slot.count == 0 { pairs.append((member.name, m.type == .list ? .array([]) : .object([]))) }
                    log.push(.member(member.name))
                    if m.type == .list, let item = m.member {
                        let value = log.at(.index(slot.count)) { element(item) }
                        append(value, toArrayAt: slot.pair, in: &pairs)
                    } else {
                        let entry = mapEntry(m)
                        append(entry, toObjectAt: slot.pair, in: &pairs)
                    }
                    log.pop()
                    gathered[index] = (slot.pair, slot.count + 1)
                } else {
                    pairs.append((member.name, log.at(.member(member.name)) { element(m) }))
                }
            default: continue
            }
        }
        return .object(pairs)
    }

    private func append(_ value: JSONValue, toArrayAt i: Int, in pairs: inout [(key: String, value: JSONValue)]) {
        guard case var .array(items) = pairs[i].value else { return }
        pairs[i].value = .null
        items.append(value)
        pairs[i].value = .array(items)
    }

    private func append(_ entry: (key: String, value: JSONValue)?, toObjectAt i: Int, in pairs: inout [(key: String, value: JSONValue)]) {
        guard let entry, case var .object(entries) = pairs[i].value else { return }
        pairs[i].value = .null
        entries.append(entry)
        pairs[i].value = .object(entries)
    }

    /// `xmlAttribute` members: by qualified name (`xsi:type`), or by local name when the
    /// model names no prefix.
    private func attributes(of body: WireBody, into pairs: inout [(key: String, value: JSONValue)]) {
        let present = reader.attributes()
        for index in body.attributes {
            let member = body.members[index]
            let wireName = member.shape.locationName ?? member.name
            let hasPrefix = wireName.contains(":")
            let local = hasPrefix ? String(wireName[wireName.index(after: wireName.firstIndex(of: ":")!)...]) : wireName
            guard let a = present.first(where: { $0.name == wireName || ($0.local == local && (hasPrefix == ($0.namespace != nil))) }) else { continue }
            pairs.append((member.name, log.at(.member(member.name)) { ScalarText.decode(a.value, member.shape, place: .xml, proto: proto, log: log) }))
        }
    }

    /// A wrapped list: every child element is an item, whatever its name (botocore reads
    /// them so).
    func list(_ shape: WireShape) -> JSONValue {
        guard let item = shape.member else { skip(); return .array([]) }
        var items: [JSONValue] = []
        if reader.isEmptyElement { return .array(items) }
        while next() {
            switch reader.node {
            case .endElement: return .array(items)
            case .element: items.append(log.at(.index(items.count)) { element(item) })
            default: continue
            }
        }
        return .array(items)
    }

    /// A wrapped map: `<entry><key>…</key><value>…</value></entry>` per entry.
    func map(_ shape: WireShape) -> JSONValue {
        var entries: [(key: String, value: JSONValue)] = []
        if reader.isEmptyElement { return .object(entries) }
        while next() {
            switch reader.node {
            case .endElement: return .object(entries)
            case .element: if let e = mapEntry(shape) { entries.append(e) }
            default: continue
            }
        }
        return .object(entries)
    }

    /// One entry element of a map (wrapped or flattened): its key and value children.
    private func mapEntry(_ shape: WireShape) -> (key: String, value: JSONValue)? {
        guard let keyShape = shape.key, let valueShape = shape.value else { skip(); return nil }
        let keyName = keyShape.locationName ?? "key"
        let valueName = valueShape.locationName ?? "value"
        var key: String?
        var value: JSONValue?
        if reader.isEmptyElement {
            log.report(.type, "map entry without \(keyName) and \(valueName)")
            return nil
        }
        loop: while next() {
            switch reader.node {
            case .endElement: break loop
            case .element:
                if reader.localNameIs(keyName) {
                    key = text(keyShape)
                } else if reader.localNameIs(valueName) {
                    value = log.at(.key(key ?? "")) { element(valueShape) }
                } else {
                    let name = reader.localName
                    log.report(.unknown, "unknown element <\(name)> in a map entry (expected <\(keyName)> and <\(valueName)>)")
                    skip()
                }
            default: continue
            }
        }
        guard let key else {
            log.report(.type, "map entry without <\(keyName)>")
            return nil
        }
        return (key, value ?? .string(""))
    }

    /// The text of a scalar element; child elements are reported and skipped.
    func text(_ shape: WireShape) -> String {
        if reader.isEmptyElement { return "" }
        var text = ""
        var first = true
        while next() {
            switch reader.node {
            case .endElement: return text
            case .text, .cdata, .whitespace, .significantWhitespace:
                // Most elements hold one text node: taken as it is, not appended to an empty string.
                if first { text = reader.value; first = false } else { text += reader.value }
            case .element:
                log.report(.type, "expected \(shape.type.rawValue) text, got element <\(reader.localName)>")
                skip()
            default: continue
            }
        }
        return text
    }

    /// An element the model does not describe, kept as it stands: child elements become an
    /// object (repeated names a list), text a string.
    func generic() -> JSONValue {
        if reader.isEmptyElement { return .string("") }
        var pairs: [(key: String, value: JSONValue)] = []
        var text = ""
        while next() {
            switch reader.node {
            case .endElement: return pairs.isEmpty ? .string(text) : .object(pairs)
            case .text, .cdata, .whitespace, .significantWhitespace: text += reader.value
            case .element:
                let name = reader.localName
                let value = generic()
                if let at = pairs.firstIndex(where: { $0.key == name }) {
                    if case let .array(items) = pairs[at].value {
                        pairs[at].value = .array(items + [value])
                    } else {
                        pairs[at].value = .array([pairs[at].value, value])
                    }
                } else {
                    pairs.append((name, value))
                }
            default: continue
            }
        }
        return pairs.isEmpty ? .string(text) : .object(pairs)
    }

    /// Passes over the element at the reader and everything in it.
    func skip() {
        if reader.isEmptyElement { return }
        var depth = 1
        while depth > 0, next() {
            switch reader.node {
            case .element: if !reader.isEmptyElement { depth += 1 }
            case .endElement: depth -= 1
            default: continue
            }
        }
    }
}
