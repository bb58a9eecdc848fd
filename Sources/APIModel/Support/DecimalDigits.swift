extension Int {
    /// The number's decimal text as ASCII bytes (a leading `-` when negative), made in a small
    /// stack buffer without a String: JSON writers append it with one copy. Inlinable: the
    /// validator's results writer calls it per record from another module.
    @inlinable @inline(__always)
    package func withDecimalDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var n = magnitude
        // 19 digits for the largest magnitude, and the sign.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            repeat {
                i -= 1
                digits[i] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            if self < 0 {
                i -= 1
                digits[i] = 0x2D
            }
            return body(UnsafeBufferPointer(rebasing: digits[i..<20]))
        }
    }
}
