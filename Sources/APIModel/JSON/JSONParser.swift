/// A strict RFC 8259 parser from UTF-8 bytes to `JSONValue`.
///
/// Errors carry the byte offset and line so a diagnostic can point at the spot.
/// Nesting depth is bounded so hostile input cannot overflow the stack.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var line: Int
    public var description: String { "\(message) at line \(line), byte \(offset)" }
}

public enum JSONParser {
    public static let maximumDepth = 10_000

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try parse(bytes, omittingStringMembers: nil)
    }

    /// Parses as `parse` does, but leaves out every object member named `omittedKey` whose
    /// value is a string (checked as strictly, never made): botocore's `documentation` when
    /// descriptions are not wanted, most of a service file's bytes.
    public static func parse(_ bytes: [UInt8], omittingStringMembers omittedKey: String?) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var reader = Reader(buffer)
            reader.skipWhitespace()
            let value = try reader.parseValue(omitting: omittedKey)
            reader.skipWhitespace()
            if reader.position != buffer.count {
                throw reader.error("unexpected data after the JSON value")
            }
            return value
        }
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The text of one JSON string literal (its quotes included), escapes resolved: the one
    /// unescaper of JSON strings. Nil when the bytes are not exactly one valid string literal.
    public static func string(literal: UnsafeBufferPointer<UInt8>) -> String? {
        guard literal.count >= 2, literal[0] == UInt8(ascii: "\""), literal[literal.count - 1] == UInt8(ascii: "\"") else { return nil }
        var reader = Reader(literal)
        guard let text = try? reader.parseString(), reader.position == literal.count else { return nil }
        return text
    }

    /// The member `key` of the object starting in `head` (the first bytes of a larger
    /// document), when it comes before any member the head cuts off; nil otherwise.
    public static func leadingMember(_ key: String, in head: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var r = Reader(head)
        r.skipWhitespace()
        guard r.position < head.count, head[r.position] == UInt8(ascii: "{") else { return nil }
        r.position += 1
        while true {
            guard let name = try? r.parseKey() else { return nil }
            r.skipWhitespace()
            guard let value = try? r.parseValue() else { return nil }
            if name == key { return value }
            r.skipWhitespace()
            guard r.position < head.count, head[r.position] == UInt8(ascii: ",") else { return nil }
            r.position += 1
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func error(_ message: String) -> JSONParseError {
            let end = min(position, bytes.count)
            var line = 1
            for i in 0..<end where bytes[i] == UInt8(ascii: "\n") { line += 1 }
            return JSONParseError(message: message, offset: position, line: line)
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        /// Containers being filled, innermost last. An explicit stack instead of recursion:
        /// depth is bounded by `maximumDepth`, never by the thread's stack size. Arrays and
        /// objects live in separate stacks and are appended to in place (no copy-on-write).
        /// - Parameter omittedKey: members with this key and a string value are checked and
        ///   skipped (see `parse`). A parameter, not a field: the model stream reader holds a
        ///   `Reader` in every frame of its recursion, where each byte counts.
        mutating func parseValue(omitting omittedKey: String? = nil) throws(JSONParseError) -> JSONValue {
            var isObject: [Bool] = []
            var arrays: [[JSONValue]] = []
            var objects: [[(key: String, value: JSONValue)]] = []
            var keys: [String] = []
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input") }
                var value: JSONValue
                switch bytes[position] {
                case UInt8(ascii: "{"):
                    position += 1
                    skipWhitespace()
                    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                        position += 1
                        value = .object([])
                    } else {
                        guard isObject.count < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
                        isObject.append(true)
                        objects.append([])
                        if try nextKey(into: &keys, omitting: omittedKey) { continue }
                        isObject.removeLast()
                        value = .object(objects.removeLast())
                    }
                case UInt8(ascii: "["):
                    position += 1
                    skipWhitespace()
                    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                        position += 1
                        value = .array([])
                    } else {
                        guard isObject.count < JSONParser.maximumDepth else { throw error("nesting deeper than \(JSONParser.maximumDepth)") }
                        isObject.append(false)
                        arrays.append([])
                        continue
                    }
                case UInt8(ascii: "\""): value = .string(try parseString())
                case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
                case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
                case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
                default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[position])))'")
                }
                // Attach the finished value to its container; close the containers that end here.
                while let inObject = isObject.last {
                    skipWhitespace()
                    guard position < bytes.count else { throw error("unexpected end of input") }
                    let next = bytes[position]
                    position += 1
                    if inObject {
                        objects[objects.count - 1].append((keys.removeLast(), value))
                        if next == UInt8(ascii: ","), try nextKey(into: &keys, omitting: omittedKey) { break }
                        guard next == UInt8(ascii: "}") || next == UInt8(ascii: ",") else { position -= 1; throw error("expected ',' or '}'") }
                        value = .object(objects.removeLast())
                    } else {
                        arrays[arrays.count - 1].append(value)
                        if next == UInt8(ascii: ",") { break }
                        guard next == UInt8(ascii: "]") else { position -= 1; throw error("expected ',' or ']'") }
                        value = .array(arrays.removeLast())
                    }
                    isObject.removeLast()
                }
                if isObject.isEmpty { return value }
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw error("unexpected end of input") }
            let lit = literal.utf8Start
            for i in 0..<count where bytes[position + i] != lit[i] {
                throw error("invalid literal")
            }
            position += count
        }

        /// The next member's key pushed onto `keys`, after skipping omitted members; false when
        /// the object ends with omitted members (its closing brace consumed).
        mutating func nextKey(into keys: inout [String], omitting omittedKey: String?) throws(JSONParseError) -> Bool {
            while true {
                let key = try parseKey()
                guard let omittedKey, key == omittedKey else { keys.append(key); return true }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { keys.append(key); return true }
                let start = position
                do { try skipString() } catch {
                    // The error exactly as a kept string would give it (`skipString` may stop elsewhere).
                    position = start
                    _ = try parseString()
                    throw error
                }
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input") }
                let next = bytes[position]
                position += 1
                if next == UInt8(ascii: "}") { return false }
                guard next == UInt8(ascii: ",") else { position -= 1; throw error("expected ',' or '}'") }
            }
        }

        /// `"key" :` inside an object.
        mutating func parseKey() throws(JSONParseError) -> String {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            return key
        }

        mutating func parseNumber() throws(JSONParseError) -> String {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number") }
                while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

        /// Moves over plain ASCII string bytes (no quote, backslash, control character or byte
        /// above ASCII) eight at a time.
        @inline(__always) mutating func skipPlainASCII() {
            guard let base = bytes.baseAddress else { return }
            while position + 8 <= bytes.count {
                let w = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let special = (w & 0x8080_8080_8080_8080) | zeroByteMask(w ^ 0x2222_2222_2222_2222) | zeroByteMask(w ^ 0x5C5C_5C5C_5C5C_5C5C)
                    | ((w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080)
                if special != 0 {
                    position += special.trailingZeroBitCount >> 3
                    return
                }
                position += 8
            }
        }

        mutating func parseString() throws(JSONParseError) -> String {
            position += 1
            let start = position
            // Fast path: no escapes. ASCII needs no validation (`String(validating:)` is generic
            // and unspecialized: its metadata lookups were a tenth of reading a model file).
            var high: UInt8 = 0
            while position < bytes.count {
                skipPlainASCII()
                guard position < bytes.count else { break }
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    position += 1
                    if high < 0x80 { return String(decoding: slice, as: UTF8.self) }
                    guard let s = String(validating: slice, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("control character in string") }
                high |= b
                position += 1
            }
            // Escapes: plain runs copied at once, each escape unescaped, into a buffer that
            // grows by doubling (HAR bodies are long strings with an escape every few bytes).
            var out = Unescaped(capacity: min(bytes.count - start, 2 * (position - start) + 64))
            defer { out.release() }
            out.append(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < bytes.count {
                let run = position
                while position < bytes.count {
                    skipPlainASCII()
                    guard position < bytes.count else { break }
                    let b = bytes[position]
                    if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                    high |= b
                    position += 1
                }
                if position > run { out.append(UnsafeBufferPointer(rebasing: bytes[run..<position])) }
                guard position < bytes.count else { break }
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    position += 1
                    // Escapes write valid UTF-8: only raw bytes above ASCII need validating.
                    if high < 0x80 { return String(decoding: out.text, as: UTF8.self) }
                    guard let s = String(validating: out.text, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
                    return s
                }
                if b < 0x20 { throw error("control character in string") }
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        let save = position
                        position += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                        }
                    }
                    // A lone surrogate cannot be represented in a Swift String: U+FFFD stands in.
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    for unit in UTF8.encode(scalar)! { out.append(unit) }
                default: throw error("invalid escape")
                }
            }
            throw error("unterminated string")
        }

        /// Checks a string as `parseString` does (escapes, control characters, UTF-8) and steps
        /// past it without making it.
        mutating func skipString() throws(JSONParseError) {
            position += 1
            var start = position
            var high = false
            while true {
                skipPlainASCII()
                guard position < bytes.count else { throw error("unterminated string") }
                let b = bytes[position]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    // The run before a quote or an escape is checked as a piece of its own.
                    if high, String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) == nil {
                        throw error("invalid UTF-8 in string")
                    }
                    high = false
                    position += 1
                    if b == UInt8(ascii: "\"") { return }
                    guard position < bytes.count else { throw error("unterminated string") }
                    switch bytes[position] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        position += 1
                    case UInt8(ascii: "u"):
                        position += 1
                        _ = try parseHex4()
                    default: throw error("invalid escape")
                    }
                    start = position
                    continue
                }
                if b < 0x20 { throw error("control character in string") }
                high = true
                position += 1
            }
        }

        /// The bytes of a string being unescaped.
        struct Unescaped {
            private var base: UnsafeMutablePointer<UInt8>
            private var count = 0
            private var capacity: Int

            init(capacity: Int) {
                self.capacity = max(16, capacity)
                base = .allocate(capacity: self.capacity)
            }

            func release() { base.deallocate() }

            var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

            @inline(__always) mutating func append(_ b: UInt8) {
                if count == capacity { grow(1) }
                base[count] = b
                count += 1
            }

            @inline(__always) mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
                guard let source = run.baseAddress, run.count > 0 else { return }
                if count + run.count > capacity { grow(run.count) }
                (base + count).initialize(from: source, count: run.count)
                count += run.count
            }

            private mutating func grow(_ needed: Int) {
                var newCapacity = capacity * 2
                while newCapacity < count + needed { newCapacity *= 2 }
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
                bigger.initialize(from: base, count: count)
                base.deallocate()
                base = bigger
                capacity = newCapacity
            }
        }

        mutating func parseHex4() throws(JSONParseError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("invalid \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[position]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw error("invalid \\u escape")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}
