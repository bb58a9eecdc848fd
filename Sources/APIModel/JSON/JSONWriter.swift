/// Writes JSON into a byte buffer: deterministic (no hidden ordering), pretty-printed with
/// two-space indents, and fast enough to emit a full botocore model in well under a second.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    private var needsComma = [false]
    public let pretty: Bool

    /// - Parameter indent: the nesting level this writer's top value sits at, so fragments
    ///   written separately (in parallel) can be spliced into an enclosing document.
    public init(pretty: Bool = true, reserve: Int = 1 << 16, indent: Int = 0) {
        self.pretty = pretty
        self.indent = indent
        bytes.reserveCapacity(reserve)
    }

    /// Hands over what has been written so far and starts an empty buffer (layout state is kept).
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// Writes a value serialized by another writer (started at this nesting level) as-is.
    public mutating func rawValue(_ raw: [UInt8]) { beginValue(); bytes.append(contentsOf: raw) }

    private mutating func appendStatic(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
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
    public mutating func bool(_ value: Bool) { beginValue(); if value { appendStatic("true") } else { appendStatic("false") } }
    public mutating func null() { beginValue(); appendStatic("null") }
    public mutating func int(_ value: Int) { rawNumber(String(value)) }
    /// A number written exactly as given (the caller guarantees it is a valid JSON number).
    public mutating func rawNumber(_ literal: String) {
        beginValue()
        var literal = literal
        literal.withUTF8 { bytes.append(contentsOf: $0) }
    }

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
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Copy runs of bytes that need no escaping in one go; most text has none.
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    appendStatic("u00")
                    bytes.append(Self.hex[Int(b >> 4)])
                    bytes.append(Self.hex[Int(b & 0xF)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
