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
        parse(Substring(text), plural: false)
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
        let text = raw.trimming(" ")
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
            let name = text.dropLast(suffix.count).trimming(" ")
            guard !name.isEmpty, !name.contains(" ") else { return nil }
            return .structure(String(name))
        }
        return nil
    }
}
