import APIModel

/// The value of a `Type:` line, read: `String`, `Array of Entity objects`,
/// `String to array of strings map`, `String to array of String to AttributeValue object maps map`.
indirect enum TypePhrase: Sendable, Equatable {
    case scalar(ShapeType)
    /// A structure documented on its own data-type page.
    case structure(String)
    /// An exception member of an event stream (`Type: Exception`).
    case exception
    case list(TypePhrase)
    case map(key: TypePhrase, value: TypePhrase)

    static func parse(_ text: String) -> TypePhrase? {
        // ASCII phrases (all real ones) are read on bytes; others go through Unicode lower-casing.
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return parse(Substring(text), plural: false) }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return ASCIIPhrase(text: bytes, lower: lower).parse(0..<bytes.count, plural: false)
    }

    private static let singular: [String: ShapeType] = [
        "string": .string, "integer": .integer, "long": .long, "float": .float, "double": .double,
        "boolean": .boolean, "timestamp": .timestamp, "base64-encoded binary data object": .blob,
        "json value": .document,
    ]
    private static let plural: [String: ShapeType] = [
        "strings": .string, "integers": .integer, "longs": .long, "floats": .float, "doubles": .double,
        "booleans": .boolean, "timestamps": .timestamp, "base64-encoded binary data objects": .blob,
        "json values": .document,
    ]

    private static func parse(_ raw: Substring, plural isPlural: Bool) -> TypePhrase? {
        let text = raw.trimmingTextSpace
        let lower = text.lowercased()
        if let t = (isPlural ? plural : singular)[lower] { return .scalar(t) }
        if !isPlural && lower == "exception" { return .exception }
        // `Array of` opens a singular phrase; `arrays of` appears inside plural ones.
        let lead = isPlural ? "arrays of " : "array of "
        if lower.hasPrefix(lead) {
            return parse(text.dropFirst(lead.count), plural: true).map { .list($0) }
        }
        let mapSuffix = isPlural ? " maps" : " map"
        if lower.hasSuffix(mapSuffix), let to = text.utf8Range(of: " to ") {
            let keyText = text[..<to.lowerBound]
            let valueText = text[to.upperBound..<text.index(text.endIndex, offsetBy: -mapSuffix.count)]
            guard let key = parse(keyText, plural: false), let value = parse(valueText, plural: false) else { return nil }
            return .map(key: key, value: value)
        }
        for suffix in isPlural ? [" objects", " data types"] : [" object", " data type"] where lower.hasSuffix(suffix) {
            let name = text.dropLast(suffix.count).trimmingTextSpace
            guard !name.isEmpty, !name.contains(" ") else { return nil }
            return .structure(String(name))
        }
        return nil
    }
}

/// `TypePhrase.parse` on ASCII bytes: the same steps, without making lower-cased strings
/// and substring searches for every phrase.
private struct ASCIIPhrase {
    let text: [UInt8]
    /// `text` with ASCII letters lower-cased (same length, same indices).
    let lower: [UInt8]

    /// The scalar words, singular and plural, with their bytes (a handful: compared, not hashed).
    private static let singular: [([UInt8], ShapeType)] = ([
        ("string", .string), ("integer", .integer), ("long", .long), ("float", .float), ("double", .double),
        ("boolean", .boolean), ("timestamp", .timestamp), ("base64-encoded binary data object", .blob),
        ("json value", .document),
    ] as [(String, ShapeType)]).map { (Array($0.0.utf8), $0.1) }
    private static let plural: [([UInt8], ShapeType)] = ([
        ("strings", .string), ("integers", .integer), ("longs", .long), ("floats", .float), ("doubles", .double),
        ("booleans", .boolean), ("timestamps", .timestamp), ("base64-encoded binary data objects", .blob),
        ("json values", .document),
    ] as [(String, ShapeType)]).map { (Array($0.0.utf8), $0.1) }

    private func scalar(_ r: Range<Int>, plural isPlural: Bool) -> ShapeType? {
        for (word, type) in isPlural ? Self.plural : Self.singular where word.count == r.count {
            if word.indices.allSatisfy({ word[$0] == lower[r.lowerBound + $0] }) { return type }
        }
        return nil
    }

    private func lowerHasPrefix(_ r: Range<Int>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard r.count >= n else { return false }
        return p.withUTF8Buffer { q in (0..<n).allSatisfy { lower[r.lowerBound + $0] == q[$0] } }
    }

    private func lowerHasSuffix(_ r: Range<Int>, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard r.count >= n else { return false }
        return p.withUTF8Buffer { q in (0..<n).allSatisfy { lower[r.upperBound - n + $0] == q[$0] } }
    }

    func parse(_ raw: Range<Int>, plural isPlural: Bool) -> TypePhrase? {
        let r = TextSpace.trim(text, raw)
        if let t = scalar(r, plural: isPlural) { return .scalar(t) }
        if !isPlural, lowerHasPrefix(r, "exception"), r.count == 9 { return .exception }
        // `Array of` opens a singular phrase; `arrays of` appears inside plural ones.
        if isPlural ? lowerHasPrefix(r, "arrays of ") : lowerHasPrefix(r, "array of ") {
            return parse((r.lowerBound + (isPlural ? 10 : 9))..<r.upperBound, plural: true).map { .list($0) }
        }
        if isPlural ? lowerHasSuffix(r, " maps") : lowerHasSuffix(r, " map"), let to = firstTo(in: r) {
            let valueEnd = r.upperBound - (isPlural ? 5 : 4)
            guard let key = parse(r.lowerBound..<to, plural: false),
                  let value = parse(min(to + 4, valueEnd)..<valueEnd, plural: false) else { return nil }
            return .map(key: key, value: value)
        }
        let suffixes: [StaticString] = isPlural ? [" objects", " data types"] : [" object", " data type"]
        for suffix in suffixes where lowerHasSuffix(r, suffix) {
            let name = TextSpace.trim(text, r.lowerBound..<(r.upperBound - suffix.utf8CodeUnitCount))
            guard !name.isEmpty, !text[name].contains(0x20) else { return nil }
            return .structure(String(decoding: text[name], as: UTF8.self))
        }
        return nil
    }

    /// The first ` to ` (case-sensitive, as written).
    private func firstTo(in r: Range<Int>) -> Int? {
        guard r.count >= 4 else { return nil }
        var i = r.lowerBound
        while i + 4 <= r.upperBound {
            if text[i] == 0x20, text[i + 1] == 0x74, text[i + 2] == 0x6F, text[i + 3] == 0x20 { return i }
            i += 1
        }
        return nil
    }
}
