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
        let to = base + count
        // Most appends are short literals and names: a byte loop beats a call to memcpy.
        if n <= 16 {
            for i in 0..<n { to[i] = from[i] }
        } else {
            to.update(from: from, count: n)
        }
        count += n
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
