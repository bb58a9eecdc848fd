/// Writes JSON into a byte buffer: deterministic (no hidden ordering), pretty-printed with
/// two-space indents, and fast enough to emit a full botocore model in well under a second.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// Whether the innermost open value (or the top level) has an item yet: the next one is
    /// preceded by a comma. Kept apart from the enclosing levels' (`outerHaveItems`), which are
    /// read only when a value closes: every item read and wrote the last of one array.
    private var hasItems = false
    private var outerHaveItems: [Bool] = []
    public let pretty: Bool

    /// - Parameter indent: the nesting level this writer's top value sits at, so fragments
    ///   written separately (in parallel) can be spliced into an enclosing document.
    public init(pretty: Bool = true, reserve: Int = 1 << 16, indent: Int = 0) {
        self.pretty = pretty
        self.indent = indent
        bytes.reserveCapacity(reserve)
    }

    /// A writer that writes into `buffer`'s storage (emptied first): a buffer handed back by
    /// `takeBytes` is reused without growing again.
    public init(pretty: Bool = true, indent: Int = 0, buffer: [UInt8]) {
        self.pretty = pretty
        self.indent = indent
        bytes = buffer
        bytes.removeAll(keepingCapacity: true)
        if bytes.capacity < 1 << 16 { bytes.reserveCapacity(1 << 16) }
    }

    /// The bytes written so far, read in place.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    /// Drops what has been written so far, keeping the buffer (layout state is kept).
    public mutating func discardBytes() { bytes.removeAll(keepingCapacity: true) }

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
        if pretty { appendStatic(": ") } else { bytes.append(UInt8(ascii: ":")) }
        pendingKey = true
    }

    /// `key` for one of the format's own keys, a literal that needs no escaping: copied as it is
    /// (the model writer's keys were a sixth of its time, each scanned for escapes).
    public mutating func key(literal key: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        appendStatic(key)
        if pretty { appendStatic("\": ") } else { appendStatic("\":") }
        pendingKey = true
    }

    public mutating func string(_ value: String) { beginValue(); appendString(value) }
    public mutating func bool(_ value: Bool) { beginValue(); if value { appendStatic("true") } else { appendStatic("false") } }
    public mutating func null() { beginValue(); appendStatic("null") }
    public mutating func int(_ value: Int) {
        beginValue()
        value.withDecimalDigits { bytes.append(contentsOf: $0) }
    }
    /// A number written exactly as given (the caller guarantees it is a valid JSON number).
    public mutating func rawNumber(_ literal: String) {
        beginValue()
        literal.withUTF8InPlace { bytes.append(contentsOf: $0) }
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
        if hasItems { bytes.append(UInt8(ascii: ",")) }
        hasItems = true
        if pretty && !outerHaveItems.isEmpty { lineBreak() }
    }

    private mutating func push() {
        indent += 1
        outerHaveItems.append(hasItems)
        hasItems = false
    }

    private mutating func pop(_ close: UInt8) {
        let hadItems = hasItems
        hasItems = outerHaveItems.removeLast()
        indent -= 1
        if pretty && hadItems { lineBreak() }
        bytes.append(close)
    }

    /// A newline and the indentation, copied from a run of spaces (not appended one space at a
    /// time through a generic sequence).
    private mutating func lineBreak() {
        bytes.append(UInt8(ascii: "\n"))
        var left = 2 * indent
        while left > 0 {
            let n = min(left, Self.spaces.utf8CodeUnitCount)
            bytes.append(contentsOf: UnsafeBufferPointer(start: Self.spaces.utf8Start, count: n))
            left -= n
        }
    }

    private static let spaces: StaticString = "                                                                                                                                "

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8InPlace { utf8 in
            // Copy runs of bytes that need no escaping in one go; most text has none, and is
            // scanned eight bytes at a time.
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                if let base = utf8.baseAddress {
                    while i + 8 <= n, !Self.needsEscaping(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
                    guard i < n else { break }
                }
                let b = utf8[i]
                i += 1
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                let at = i - 1
                if runStart < at { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<at])) }
                runStart = i
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

    /// One of the eight bytes of `word` is a control character, `"` or `\\` (exact: each test
    /// is the classic has-zero-byte / has-byte-less-than bit trick).
    @inline(__always)
    private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }
}
