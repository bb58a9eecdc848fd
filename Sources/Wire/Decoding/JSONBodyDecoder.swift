import APIModel

/// Reads a JSON body (json and rest-json) into the canonical document: members under their
/// model names (a `locationName` is the JSON key), timestamps as epoch seconds, everything
/// the model does not know kept as it came.
struct JSONBodyDecoder {
    let log: DecodeLog
    let proto: WireProtocol

    func value(_ v: JSONValue, _ shape: WireShape) -> JSONValue {
        switch (shape.type, v) {
        case (_, .null):
            return .null
        case (.structure, .object(let pairs)), (.union, .object(let pairs)):
            return structure(pairs, shape)
        case (.list, .array(let items)):
            guard let item = shape.member else { return v }
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for (i, x) in items.enumerated() { out.append(log.at(.index(i)) { value(x, item) }) }
            return .array(out)
        case (.map, .object(let entries)):
            guard let valueShape = shape.value else { return v }
            return .object(entries.map { e in (e.key, log.at(.key(e.key)) { value(e.value, valueShape) }) })
        case (.timestamp, .number):
            let expected = shape.wire.timestampFormat.flatMap(TimestampFormat.init(modelName:)) ?? .unixTimestamp
            if expected != .unixTimestamp {
                log.report(.type, "timestamp \(v.numberText) is epoch seconds; expected \(expected.label)")
            }
            return v
        case (.timestamp, .string(let s)):
            return ScalarText.timestamp(s, shape, expected: .unixTimestamp, log: log)
        case (.float, .string(let s)), (.double, .string(let s)):
            // JSON protocols write the non-finite floats as strings.
            if s == "NaN" || s == "Infinity" || s == "-Infinity" { log.acceptAsIs() }
            return v
        default:
            // Scalars and mismatched types go to the checker as they are.
            return v
        }
    }

    private func structure(_ pairs: [(key: String, value: JSONValue)], _ shape: WireShape) -> JSONValue {
        let body = shape.body
        var out: [(key: String, value: JSONValue)] = []
        out.reserveCapacity(pairs.count)
        for (k, v) in pairs {
            guard let i = body.byJSONName[k] else {
                // A union's `__type` names its member (botocore drops it); anything else is unknown.
                if shape.type == .union && k == "__type" { continue }
                out.append((k, v))
                continue
            }
            let m = body.members[i]
            out.append((m.name, log.at(.member(m.name)) { value(v, m.shape) }))
        }
        return .object(out)
    }
}

extension JSONValue {
    var numberText: String {
        if case let .number(n) = self { return n }
        return ""
    }
}
