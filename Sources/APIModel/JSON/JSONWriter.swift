/// Writes JSON into a byte buffer: deterministic (no hidden ordering), pretty-printed with
/// two-space indents, and fast enough to emit a full botocore model in well under a second.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    private var needsComma = [false]
    public let pretty: Bool

    public init(pretty: Bool = true, reserve: Int = 1 << 16) {
        self.pretty = pretty
        bytes.reserveCapacity(reserve)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { beginValue(); bytes.append(UInt8(ascii: "{")); push() }
    public mutating func endObject() { pop(UInt8(ascii: "}")) }
    public mutating func beginArray() { beginValue(); bytes.append(UInt8(ascii: "[")); push() }
    public mutating func endArray() { pop(UInt8(ascii: "]")) }

    /// Writes `"key": ` inside an object; the value follows with one of the value calls.
    public mutating func key(_ key: String) {
        separator()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        pendingKey = true
    }

    public mutating func string(_ value: String) { beginValue(); appendString(value) }
    public mutating func bool(_ value: Bool) { beginValue(); bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8)) }
    public mutating func null() { beginValue(); bytes.append(contentsOf: Array("null".utf8)) }
    public mutating func int(_ value: Int) { beginValue(); bytes.append(contentsOf: Array(String(value).utf8)) }
    /// A number written exactly as given (the caller guarantees it is a valid JSON number).
    public mutating func rawNumber(_ literal: String) { beginValue(); bytes.append(contentsOf: Array(literal.utf8)) }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case let .bool(b): bool(b)
        case let .number(n): rawNumber(n)
        case let .string(s): string(s)
        case let .array(items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case let .object(pairs):
            beginObject()
            for (k, v) in pairs { key(k); self.value(v) }
            endObject()
        }
    }

    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    // MARK: - layout

    private var pendingKey = false

    private mutating func beginValue() {
        if pendingKey { pendingKey = false; return }
        separator()
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if pretty && needsComma.count > 1 { lineBreak() }
    }

    private mutating func push() { indent += 1; needsComma.append(false) }

    private mutating func pop(_ close: UInt8) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if pretty && hadItems { lineBreak() }
        bytes.append(close)
    }

    private mutating func lineBreak() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { bytes.append(UInt8(ascii: " ")); bytes.append(UInt8(ascii: " ")) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(Self.hex[Int(b >> 4)])
                    bytes.append(Self.hex[Int(b & 0xF)])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
