/// Eight bytes tested at once, read as one `UInt64`: the high bit of every zero byte of `w` set,
/// every other bit clear (`w ^ 0x2222_2222_2222_2222` finds quotes, and so on). The lowest set
/// bit marks the first zero byte; bits above it may be false alarms (a borrow crosses into the
/// next byte), which callers sort out byte by byte or ignore.
@inlinable @inline(__always)
public func zeroByteMask(_ w: UInt64) -> UInt64 {
    (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
}
