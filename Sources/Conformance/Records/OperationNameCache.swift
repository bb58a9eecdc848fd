/// Operation lookups by the raw bytes of a record's service and operation names: a repeated
/// pair costs a hash and a byte compare and reuses one String each (no String is made,
/// hashed or compared). Found by `HashSlots` over a byte pool, so a hit touches no reference counts;
/// entries are handed out by index, so neither does reading one's token or lookup.
struct OperationNameCache {
    struct Entry {
        var service: String
        var operation: String
        var lookup: ValidationPlan.Lookup
        /// The entry's number in this cache (-1 before it is inserted).
        var token: Int32 = -1
    }

    private struct Key {
        var serviceStart: Int
        var serviceLength: Int
        var operationStart: Int
        var operationLength: Int
    }
    private var keys: [Key] = []
    private var entries: [Entry] = []
    private var pool = ScratchStack<UInt8>(capacity: 4096)
    private var slots = HashSlots()

    func release() { pool.release() }

    private static func hash(_ service: UnsafeBufferPointer<UInt8>, _ operation: UnsafeBufferPointer<UInt8>) -> UInt64 {
        byteKeyHash(service) &* 0x9E37_79B9_7F4A_7C15 ^ byteKeyHash(operation)
    }

    /// The entry found last: records of one operation usually come in a row, and a byte
    /// compare with it spares the hash and the probe.
    private var last = -1

    /// The index of the entry for these names, if there is one.
    mutating func find(service: UnsafeBufferPointer<UInt8>, operation: UnsafeBufferPointer<UInt8>) -> Int? {
        if last >= 0, matches(keys[last], service, operation) { return last }
        let found = slots.find(Self.hash(service, operation)) { matches(keys[$0], service, operation) }
        guard let found else { return nil }
        last = found
        return found
    }

    subscript(token index: Int) -> Int32 { entries[index].token }
    subscript(lookup index: Int) -> ValidationPlan.Lookup { entries[index].lookup }
    subscript(service index: Int) -> String { entries[index].service }
    subscript(operation index: Int) -> String { entries[index].operation }

    @inline(__always)
    private func matches(_ k: Key, _ service: UnsafeBufferPointer<UInt8>, _ operation: UnsafeBufferPointer<UInt8>) -> Bool {
        k.serviceLength == service.count && k.operationLength == operation.count
            && (service.isEmpty || memcmpBytes(pool.base + k.serviceStart, service.baseAddress!, service.count))
            && (operation.isEmpty || memcmpBytes(pool.base + k.operationStart, operation.baseAddress!, operation.count))
    }

    /// Inserts the entry, numbered with its token, and returns its index: the entries' tokens go `offset`,
    /// `offset + stride`, ... (validators that check one run's records side by side give out
    /// tokens no other gives, so their results can be counted together).
    @discardableResult
    mutating func insert(service: UnsafeBufferPointer<UInt8>, operation: UnsafeBufferPointer<UInt8>, _ entry: Entry,
                         tokens: (stride: Int32, offset: Int32) = (1, 0)) -> Int {
        let key = Key(serviceStart: pool.count, serviceLength: service.count,
                      operationStart: pool.count + service.count, operationLength: operation.count)
        pool.append(contentsOf: service)
        pool.append(contentsOf: operation)
        keys.append(key)
        var entry = entry
        entry.token = Int32(entries.count) * tokens.stride + tokens.offset
        entries.append(entry)
        slots.append(Self.hash(service, operation))
        return entries.count - 1
    }
}
