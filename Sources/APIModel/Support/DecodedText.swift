extension String {
    /// The text of UTF-8 `bytes`, invalid sequences repaired as `String(decoding:as:)` repairs
    /// them. Cheaper for short text: up to 15 ASCII bytes become a small string without a
    /// validation pass (the standard library's fast path for text written into a new string),
    /// and readers decode many short words and keys.
    @inlinable
    public init(decodingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        self.init(unsafeUninitializedCapacity: bytes.count) { buffer in
            buffer.initialize(fromContentsOf: bytes)
        }
    }
}
