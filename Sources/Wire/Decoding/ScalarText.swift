import APIModel

/// A scalar written as text (an XML element, a form value, a header, a label, a query
/// parameter) read into the canonical document's JSON value for its shape. Text that is not
/// a value of the shape is reported and kept as a string, so the checker's own `type`
/// complaint about it is replaced by this one (same path, same code).
enum ScalarText {
    enum Place {
        case xml, form, header, query, uri

        /// The timestamp form a protocol uses here when the model states none.
        func defaultTimestamp(_ proto: WireProtocol) -> TimestampFormat {
            switch self {
            case .header: return .rfc822
            case .query, .uri, .form, .xml: return .iso8601
            }
        }
    }

    static func decode(_ text: String, _ shape: WireShape, place: Place, proto: WireProtocol, log: DecodeLog) -> JSONValue {
        switch shape.type {
        case .string:
            return .string(text)
        case .blob:
            return .string(text)
        case .integer, .long:
            let t = text.trimmedOfSpaces
            if Int64(t) != nil, let literal = JSONNumbers.literal(t) { return .number(literal) }
            log.report(.type, "expected \(shape.type.rawValue), got \(DecodeLog.display(text))")
            return .string(text)
        case .float, .double:
            let t = text.trimmedOfSpaces
            if t == "NaN" || t == "Infinity" || t == "-Infinity" {
                // Valid on the wire, not representable in JSON.
                log.acceptAsIs()
                return .string(t)
            }
            if let d = Double(t), d.isFinite { return .number(JSONNumbers.literal(t) ?? JSONNumbers.format(d)) }
            log.report(.type, "expected \(shape.type.rawValue), got \(DecodeLog.display(text))")
            return .string(text)
        case .boolean:
            switch text.trimmedOfSpaces {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                log.report(.type, "expected boolean (true or false), got \(DecodeLog.display(text))")
                return .string(text)
            }
        case .timestamp:
            return timestamp(text, shape, expected: place.defaultTimestamp(proto), log: log)
        case .document:
            return .string(text)
        case .structure, .union, .list, .map:
            log.report(.type, "expected \(shape.type.rawValue), got text \(DecodeLog.display(text))")
            return .string(text)
        }
    }

    /// A timestamp in the form the model (or the protocol, for this place) says; another form
    /// is read but reported, since clients of other SDKs reject it.
    static func timestamp(_ text: String, _ shape: WireShape, expected protocolDefault: TimestampFormat, log: DecodeLog) -> JSONValue {
        let expected = shape.wire.timestampFormat.flatMap(TimestampFormat.init(modelName:)) ?? protocolDefault
        guard let (epoch, format) = Timestamps.parse(text) else {
            log.report(.type, "expected a timestamp (\(expected.label)), got \(DecodeLog.display(text))")
            return .string(text)
        }
        if format != expected {
            log.report(.type, "timestamp \(DecodeLog.display(text)) is \(format.label); expected \(expected.label)")
        }
        return .number(epoch)
    }
}
