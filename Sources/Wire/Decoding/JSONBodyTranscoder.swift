import APIModel
import Conformance

/// Reads a JSON body (json and rest-json) into the canonical document's bytes in one pass,
/// without a tree: members under their model names (a `locationName` is the JSON key), a
/// union's `__type` left out, timestamps as epoch seconds; everything else, the members the
/// model does not know included, is copied as it came (checked for well-formedness on the way).
struct JSONBodyTranscoder {
    private var lexer: JSONLexer
    private let log: DecodeLog
    private var stack = JSONSkipStack()
    private var depth = 0

    /// Writes `body` (not empty) as a value of `shape` (nil: as it is) into `out`; throws when
    /// the body is not JSON (`out` then holds a partial value).
    static func transcode(_ body: UnsafeBufferPointer<UInt8>, _ shape: WireShape?, log: DecodeLog, into out: CanonicalWriter) throws(MalformedJSON) {
        var t = JSONBodyTranscoder(lexer: JSONLexer(body), log: log)
        defer { t.stack.release() }
        t.lexer.skipWhitespace()
        if let shape { try t.value(shape, into: out) } else { try t.copyValue(into: out) }
        t.lexer.skipWhitespace()
        guard t.lexer.atEnd else { throw t.lexer.fail("unexpected data after the JSON value") }
    }

    /// Writes the members of the object `body` holds as members of `shape` into the object `out`
    /// is writing (a REST body beside its header and URI members). False when the body is no object.
    static func transcodeMembers(_ body: UnsafeBufferPointer<UInt8>, _ shape: WireShape, log: DecodeLog, into out: CanonicalWriter) throws(MalformedJSON) -> Bool {
        var t = JSONBodyTranscoder(lexer: JSONLexer(body), log: log)
        defer { t.stack.release() }
        t.lexer.skipWhitespace()
        guard t.lexer.byte == 0x7B else { return false }
        try t.members(shape, into: out)
        t.lexer.skipWhitespace()
        guard t.lexer.atEnd else { throw t.lexer.fail("unexpected data after the JSON value") }
        return true
    }

    private init(lexer: JSONLexer, log: DecodeLog) {
        self.lexer = lexer
        self.log = log
    }

    private mutating func value(_ shape: WireShape, into out: CanonicalWriter) throws(MalformedJSON) {
        switch (shape.type, lexer.byte) {
        case (.structure, 0x7B), (.union, 0x7B):
            out.beginObject()
            try members(shape, into: out)
            out.endObject()
        case (.list, 0x5B):
            guard let item = shape.member else { return try copyValue(into: out) }
            try nested()
            lexer.pos += 1
            out.beginArray()
            lexer.skipWhitespace()
            if lexer.byte == 0x5D {
                lexer.pos += 1
            } else {
                var i = 0
                repeat {
                    lexer.skipWhitespace()
                    log.push(.index(i))
                    try value(item, into: out)
                    log.pop()
                    i += 1
                } while try lexer.nextItem(closing: 0x5D)
            }
            out.endArray()
            depth -= 1
        case (.map, 0x7B):
            guard let valueShape = shape.value else { return try copyValue(into: out) }
            try nested()
            lexer.pos += 1
            out.beginObject()
            lexer.skipWhitespace()
            if lexer.byte == 0x7D {
                lexer.pos += 1
            } else {
                repeat {
                    let (key, _) = try quotedKey()
                    out.rawKey(key)
                    log.push(.quotedKey(key))
                    try value(valueShape, into: out)
                    log.pop()
                } while try lexer.nextItem(closing: 0x7D)
            }
            out.endObject()
            depth -= 1
        case (.timestamp, 0x22):
            let text = try stringValue()
            out.value(ScalarText.timestamp(text, shape, expected: .unixTimestamp, log: log))
        case (.timestamp, 0x2D), (.timestamp, 0x30...0x39):
            let number = try lexer.scanNumber()
            let raw = slice(number.start, number.end)
            let expected = shape.wire.timestampFormat.flatMap(TimestampFormat.init(modelName:)) ?? .unixTimestamp
            if expected != .unixTimestamp {
                log.report(.type, "timestamp \(String(decoding: raw, as: UTF8.self)) is epoch seconds; expected \(expected.label)")
            }
            out.rawValue(raw)
        case (.float, 0x22), (.double, 0x22):
            let start = lexer.pos
            let text = try lexer.scanString()
            // JSON protocols write the non-finite floats as strings.
            if !text.hasEscapes, Self.isNonFinite(slice(text.start, text.end)) { log.acceptAsIs() }
            out.rawValue(slice(start, lexer.pos))
        default:
            // Scalars and mismatched types go to the checker as they are.
            try copyValue(into: out)
        }
    }

    /// At `{`: each member under its model name, through the closing `}`.
    private mutating func members(_ shape: WireShape, into out: CanonicalWriter) throws(MalformedJSON) {
        try nested()
        lexer.pos += 1
        lexer.skipWhitespace()
        if lexer.byte == 0x7D {
            lexer.pos += 1
            depth -= 1
            return
        }
        let body = shape.body
        let isUnion = shape.type == .union
        repeat {
            let (key, escaped) = try quotedKey()
            let name = UnsafeBufferPointer(rebasing: key.dropFirst().dropLast())
            if let i = escaped ? body.byJSONName[JSONParser.string(literal: key) ?? ""] : body.byJSONName[name] {
                let m = body.members[i]
                out.key(m.name)
                log.push(.member(m.name))
                try value(m.shape, into: out)
                log.pop()
            } else if isUnion && Self.isTypeKey(name) {
                // A union's `__type` names its member (botocore drops it).
                _ = try skipValue()
            } else {
                out.rawKey(key)
                try copyValue(into: out)
            }
        } while try lexer.nextItem(closing: 0x7D)
        depth -= 1
    }

    /// Copies one value as it stands.
    private mutating func copyValue(into out: CanonicalWriter) throws(MalformedJSON) {
        out.rawValue(try skipValue())
    }

    /// Passes over one value (strictly JSON: no `NaN` or `Infinity` literals); its text.
    private mutating func skipValue() throws(MalformedJSON) -> UnsafeBufferPointer<UInt8> {
        let start = lexer.pos
        var nonFinite: Int?
        try lexer.skipValue(&stack) { _, at in nonFinite = nonFinite ?? at }
        if let at = nonFinite { throw MalformedJSON(offset: at, reason: "NaN and Infinity are not JSON") }
        return slice(start, lexer.pos)
    }

    /// A key with its quotes (`"Name"`) and whether it holds escapes; the lexer after the colon.
    private mutating func quotedKey() throws(MalformedJSON) -> (UnsafeBufferPointer<UInt8>, escaped: Bool) {
        let key = try lexer.scanKey()
        return (slice(key.start - 1, key.end + 1), key.hasEscapes)
    }

    private mutating func stringValue() throws(MalformedJSON) -> String {
        let start = lexer.pos
        let s = try lexer.scanString()
        if !s.hasEscapes { return String(decoding: slice(s.start, s.end), as: UTF8.self) }
        // A literal the lexer has checked, decoded by the project's one JSON unescaper.
        return JSONParser.string(literal: slice(start, lexer.pos)) ?? ""
    }

    private mutating func nested() throws(MalformedJSON) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw lexer.fail("nesting deeper than \(JSONParser.maximumDepth)") }
    }

    private func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: lexer.p + from, count: to - from)
    }

    private static func isTypeKey(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.elementsEqual("__type".utf8)
    }

    private static func isNonFinite(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.elementsEqual("NaN".utf8) || text.elementsEqual("Infinity".utf8) || text.elementsEqual("-Infinity".utf8)
    }
}
