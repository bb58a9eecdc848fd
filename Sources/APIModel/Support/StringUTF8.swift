extension String {
    /// The string's UTF-8 read in place where it is contiguous (native strings), else from a
    /// copy: `withUTF8` needs a mutable string, so a borrowed one was copied, retained and
    /// released first.
    /// Inlinable: the validator's hot loops call it from another module, and a call through
    /// a generic closure there made validating ~15% slower.
    @inlinable @inline(__always)
    package func withUTF8InPlace<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }
}
