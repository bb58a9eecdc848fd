import APIModel

/// Writes the canonical document (compact JSON) for the checker while a body is decoded.
/// Unlike `JSONWriter` it keeps no layout state: with no whitespace written, the last byte
/// says whether a comma comes first (not after `{`, `[` or `:`). A class over one growing
/// buffer, so the decoders pass it around without copies or exclusivity checks.
final class CanonicalWriter {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(UnsafeBufferPointer(start: base, count: count)) }

    // MARK: - structure

    func beginObject() { separate(); append(UInt8(ascii: "{")) }
    func endObject() { append(UInt8(ascii: "}")) }
    func beginArray() { separate(); append(UInt8(ascii: "[")) }
    func endArray() { append(UInt8(ascii: "]")) }

    func key(_ name: String) {
        separate()
        appendString(name)
        append(UInt8(ascii: ":"))
    }

    /// A key given as a JSON string literal (quotes and escapes included), copied as it is.
    func rawKey(_ quoted: UnsafeBufferPointer<UInt8>) {
        separate()
        append(quoted)
        append(UInt8(ascii: ":"))
    }

    // MARK: - values

    func string(_ s: String) { separate(); appendString(s) }

    /// A number written as given (the caller guarantees a valid JSON number).
    func rawNumber(_ literal: String) {
        separate()
        var literal = literal
        literal.withUTF8 { append($0) }
    }

    /// JSON text checked elsewhere (a value copied from a JSON body, another writer's output).
    func rawValue(_ raw: UnsafeBufferPointer<UInt8>) { separate(); append(raw) }
    func rawValue(_ raw: [UInt8]) { raw.withUnsafeBufferPointer(rawValue) }
    func rawValue(_ other: CanonicalWriter) { other.withBytes(rawValue) }

    func value(_ v: JSONValue) {
        switch v {
        case .null: separate(); append("null")
        case let .bool(b): separate(); append(b ? "true" : "false")
        case var .number(n): separate(); n.withUTF8 { append($0) }
        case let .string(s): string(s)
        case let .array(items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case let .object(pairs):
            beginObject()
            for (k, item) in pairs { key(k); value(item) }
            endObject()
        }
    }

    // MARK: - bytes

    @inline(__always) private func separate() {
        guard count > 0 else { return }
        let last = base[count - 1]
        if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") && last != UInt8(ascii: ":") { append(UInt8(ascii: ",")) }
    }

    @inline(__always) private func append(_ b: UInt8) {
        if count == capacity { grow(1) }
        base[count] = b
        count += 1
    }

    @inline(__always) private func append(_ raw: UnsafeBufferPointer<UInt8>) {
        guard let source = raw.baseAddress, raw.count > 0 else { return }
        if count + raw.count > capacity { grow(raw.count) }
        (base + count).update(from: source, count: raw.count)
        count += raw.count
    }

    private func append(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A string literal: copied between quotes when nothing in it needs escaping (the usual
    /// case), else escaped as `JSONWriter` escapes.
    private func appendString(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                append(UInt8(ascii: "\""))
                append(utf8)
                append(UInt8(ascii: "\""))
            } else {
                var w = JSONWriter(pretty: false, reserve: utf8.count + 16)
                w.string(String(decoding: utf8, as: UTF8.self))
                w.bytes.withUnsafeBufferPointer { append($0) }
            }
        }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
