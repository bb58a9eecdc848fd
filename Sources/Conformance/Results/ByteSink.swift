/// Where the result writers put bytes: an Array, or a writer's own scratch buffer.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

extension ScratchStack: ByteSink where Element == UInt8 {
    @inline(__always) mutating func append(_ byte: UInt8) { push(byte) }

    @inline(__always) mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        let n = bytes.count
        reserve(n)
        copyBytes(from, to: base + count, n)
        count += n
    }
}

/// Copies `n` bytes. Most appends are short literals and names: a byte loop beats a call to memcpy.
@inline(__always) func copyBytes(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>, _ n: Int) {
    if n <= 16 {
        for i in 0..<n { to[i] = from[i] }
    } else {
        to.update(from: from, count: n)
    }
}

/// Bytes written at a pointer with no capacity check: the writer reserved room for all of them
/// first (a record's result is written after one reservation, not a check per piece).
struct ReservedBytes: ByteSink {
    var next: UnsafeMutablePointer<UInt8>

    @inline(__always) mutating func append(_ byte: UInt8) {
        next.pointee = byte
        next += 1
    }

    @inline(__always) mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        copyBytes(from, to: next, bytes.count)
        next += bytes.count
    }
}

/// Message and path pieces (see PayloadChecker.message).
extension ScratchStack where Element == UInt8 {
    @inline(__always) mutating func add(_ s: StaticString) {
        append(bytes: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func add(_ s: String) {
        s.withUTF8InPlace { append(bytes: $0) }
    }

    mutating func add(_ v: Int) { ResultsJSON.integer(v, &self) }
}
