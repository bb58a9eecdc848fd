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
    @exclusivity(unchecked) private(set) var stopped = false

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

    /// The element at the reader, read through its end, written as a value of `shape`.
    func element(_ shape: WireShape, into out: CanonicalWriter) {
        switch shape.type {
        case .structure, .union:
            out.beginObject()
            members(shape, into: out)
            out.endObject()
        case .list: list(shape, into: out)
        case .map: map(shape, into: out)
        case .document: out.value(generic())
        default: out.value(ScalarText.decode(text(shape), shape, place: .xml, proto: proto, log: log))
        }
    }

    /// A structure's members from the element's attributes and child elements, written into the
    /// object `out` is writing; elements named in `skipping` (a protocol's own, like ec2's
    /// `requestId`) are passed over. Repeated elements of a flattened list or map are gathered
    /// wherever they stand, and written with elements no member names after the others.
    func members(_ shape: WireShape, into out: CanonicalWriter, skipping: [String] = []) {
        let body = shape.body
        if !body.attributes.isEmpty { attributes(of: body, into: out) }
        if reader.isEmptyElement { return }
        // Gathered values: a flattened member's items or entries, an unknown element's
        // occurrences, each written apart and put in place at the end.
        var gathered: [Gathered] = []
        while next() {
            switch reader.node {
            case .endElement:
                write(gathered, into: out)
                return
            case .element:
                guard let index = body.byXMLName[reader.localNameBytes] else {
                    let name = reader.localName
                    if skipping.contains(name) {
                        skip()
                        continue
                    }
                    let value = log.at(.member(name)) { generic() }
                    let w = CanonicalWriter(capacity: 64)
                    w.value(value)
                    if let at = gathered.firstIndex(where: { $0.kind == .unknown && $0.name == name }) {
                        gathered[at].items.append(w)
                    } else {
                        gathered.append(Gathered(kind: .unknown, name: name, items: [w]))
                    }
                    continue
                }
                let member = body.members[index]
                let m = member.shape
                if m.wire.flattened && (m.type == .list || m.type == .map) {
                    let at = gathered.firstIndex { $0.member == index } ?? {
                        gathered.append(Gathered(kind: m.type == .list ? .list : .map, name: member.name, member: index))
                        return gathered.count - 1
                    }()
                    log.push(.member(member.name))
                    if m.type == .list, let item = m.member {
                        let w = CanonicalWriter(capacity: 256)
                        log.at(.index(gathered[at].items.count)) { element(item, into: w) }
                        gathered[at].items.append(w)
                    } else if let entry = mapEntry(m) {
                        gathered[at].entries.append(entry)
                    }
                    log.pop()
                } else {
                    out.key(member.name)
                    log.push(.member(member.name))
                    element(m, into: out)
                    log.pop()
                }
            default: continue
            }
        }
        write(gathered, into: out)
    }

    /// Values of a structure's members read apart from its other members.
    private struct Gathered {
        enum Kind { case list, map, unknown }
        var kind: Kind
        var name: String
        var member = -1
        /// List items, or an unknown element's occurrences, serialized.
        var items: [CanonicalWriter] = []
        var entries: [(key: String, value: CanonicalWriter)] = []
    }

    /// Flattened lists and maps, and unknown elements: one value when there was one, a list
    /// of them when the element repeated (as botocore groups them).
    private func write(_ gathered: [Gathered], into out: CanonicalWriter) {
        for g in gathered {
            out.key(g.name)
            switch g.kind {
            case .list:
                out.beginArray()
                for item in g.items { out.rawValue(item) }
                out.endArray()
            case .map:
                out.beginObject()
                for e in g.entries { out.key(e.key); out.rawValue(e.value) }
                out.endObject()
            case .unknown:
                if g.items.count == 1 {
                    out.rawValue(g.items[0])
                } else {
                    out.beginArray()
                    for item in g.items { out.rawValue(item) }
                    out.endArray()
                }
            }
        }
    }

    /// `xmlAttribute` members: by qualified name (`xsi:type`), or by local name when the
    /// model names no prefix.
    private func attributes(of body: WireBody, into out: CanonicalWriter) {
        let present = reader.attributes()
        for index in body.attributes {
            let member = body.members[index]
            let wireName = member.shape.locationName ?? member.name
            let hasPrefix = wireName.contains(":")
            let local = hasPrefix ? String(wireName[wireName.index(after: wireName.firstIndex(of: ":")!)...]) : wireName
            guard let a = present.first(where: { $0.name == wireName || ($0.local == local && (hasPrefix == ($0.namespace != nil))) }) else { continue }
            out.key(member.name)
            out.value(log.at(.member(member.name)) { ScalarText.decode(a.value, member.shape, place: .xml, proto: proto, log: log) })
        }
    }

    /// A wrapped list: every child element is an item, whatever its name (botocore reads
    /// them so).
    func list(_ shape: WireShape, into out: CanonicalWriter) {
        guard let item = shape.member else { skip(); out.beginArray(); out.endArray(); return }
        out.beginArray()
        defer { out.endArray() }
        if reader.isEmptyElement { return }
        var count = 0
        while next() {
            switch reader.node {
            case .endElement: return
            case .element:
                log.push(.index(count))
                element(item, into: out)
                log.pop()
                count += 1
            default: continue
            }
        }
    }

    /// A wrapped map: `<entry><key>…</key><value>…</value></entry>` per entry.
    func map(_ shape: WireShape, into out: CanonicalWriter) {
        out.beginObject()
        defer { out.endObject() }
        if reader.isEmptyElement { return }
        while next() {
            switch reader.node {
            case .endElement: return
            case .element:
                if let e = mapEntry(shape) { out.key(e.key); out.rawValue(e.value) }
            default: continue
            }
        }
    }

    /// One entry element of a map (wrapped or flattened): its key, and its value serialized;
    /// nil (reported) when it has no key.
    private func mapEntry(_ shape: WireShape) -> (key: String, value: CanonicalWriter)? {
        guard let keyShape = shape.key, let valueShape = shape.value else { skip(); return nil }
        let keyName = keyShape.locationName ?? "key"
        let valueName = valueShape.locationName ?? "value"
        var key: String?
        var value: CanonicalWriter?
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
                    let w = CanonicalWriter(capacity: 64)
                    log.at(.key(key ?? "")) { element(valueShape, into: w) }
                    value = w
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
        if let value { return (key, value) }
        let empty = CanonicalWriter(capacity: 16)
        empty.string("")
        return (key, empty)
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

    /// Moves to the first child element of the element at the reader that `accept` takes,
    /// passing over the others; false (the reader past the element's end) when none does.
    func moveToChild(where accept: () -> Bool) -> Bool {
        if reader.node == .element && reader.isEmptyElement { return false }
        while next() {
            switch reader.node {
            case .endElement: return false
            case .element:
                if accept() { return true }
                skip()
            default: continue
            }
        }
        return false
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
