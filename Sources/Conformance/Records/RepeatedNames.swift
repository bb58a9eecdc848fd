/// The envelope bytes that name a record's operation, from its first `service`, `operation` or
/// `direction` key to its payload's value (`"service": "sqs", "operation": "ListQueues",
/// "direction": "response", "payload": `), kept with what they were read as. Records of one
/// operation usually come in a row: when the next record has the same bytes at the same point of
/// its envelope, one compare stands for lexing its names and looking them up again.
struct RepeatedNames {
    private var bytes = ScratchStack<UInt8>(capacity: 256)
    /// The names' entry in the validator's `OperationNameCache`.
    private(set) var entry = -1
    private(set) var direction: Direction = .request

    func release() { bytes.release() }

    /// How many bytes at `pos` are the remembered ones (0: they are not, or nothing is remembered).
    @inline(__always)
    func length(at pos: Int, in p: UnsafePointer<UInt8>, end: Int) -> Int {
        let n = bytes.count
        // The first letter after the quote tells most other keys apart before the compare.
        guard n > 0, end - pos >= n, p[pos + 1] == bytes[1], memcmpBytes(bytes.base, p + pos, n) else { return 0 }
        return n
    }

    /// Remembers `p[from ..< to]` as naming the cache entry `entry` and `direction`.
    mutating func remember(_ p: UnsafePointer<UInt8>, from: Int, to: Int, entry: Int, direction: Direction) {
        bytes.removeAll()
        bytes.append(buffer: UnsafeBufferPointer(start: p + from, count: to - from))
        self.entry = entry
        self.direction = direction
    }
}
