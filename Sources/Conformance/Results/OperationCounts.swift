/// Records, invalid records and issues per operation (and so per service), counted as records
/// go by. A record whose names were interned (`RecordResult.nameToken`) finds its counters by
/// the token in an array; only the others (placebo recordings, names with escapes) are looked
/// up by name. One operation may so have two slots: they are added up when read.
public struct OperationCounts: Sendable {
    public struct Count: Sendable, Equatable {
        public var service: String
        /// Empty in the per-service totals.
        public var operation: String
        public var records = 0
        public var invalid = 0
        public var issues = 0
    }

    private struct Name: Hashable {
        var service: String
        var operation: String
    }

    private var names: [Name] = []
    /// Records, invalid records, issues: three per slot.
    private var counts: [Int] = []
    /// Token → slot + 1 (0: not seen), and back (-1: counted by name).
    private var slotByToken: [Int] = []
    private var tokenOfSlot: [Int] = []
    private var slotByName: [Name: Int] = [:]

    public init() {}

    /// Counts a record that names a service and an operation (others are counted by code only).
    @inline(__always)
    mutating func add(_ r: RecordResult) {
        let t = Int(r.nameToken)
        let slot: Int
        if t >= 0, t < slotByToken.count, slotByToken[t] > 0 {
            slot = slotByToken[t] - 1
        } else {
            guard let service = r.service, let operation = r.operation else { return }
            slot = newSlot(Name(service: service, operation: operation), token: t)
        }
        let n = r.issues.count
        counts.withUnsafeMutableBufferPointer { c in
            c[3 * slot] += 1
            if n > 0 {
                c[3 * slot + 1] += 1
                c[3 * slot + 2] += n
            }
        }
    }

    private mutating func newSlot(_ name: Name, token: Int) -> Int {
        if token >= 0 {
            // An interned pair is new exactly when its token is: no lookup by name.
            if token >= slotByToken.count { slotByToken += [Int](repeating: 0, count: max(token + 1 - slotByToken.count, slotByToken.count)) }
            slotByToken[token] = names.count + 1
        } else if let slot = slotByName[name] {
            return slot
        } else {
            slotByName[name] = names.count
        }
        names.append(name)
        tokenOfSlot.append(token)
        counts += [0, 0, 0]
        return names.count - 1
    }

    /// Empties the counts, keeping the tables' room (a thread's counts, stretch after stretch).
    mutating func removeAll() {
        for t in tokenOfSlot where t >= 0 { slotByToken[t] = 0 }
        names.removeAll(keepingCapacity: true)
        tokenOfSlot.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        slotByName.removeAll(keepingCapacity: true)
    }

    /// Adds the counts of records that came after these (counted on another thread, by a
    /// validator whose name tokens no other gives): as if counted here one after another.
    mutating func append(_ later: OperationCounts) {
        for (slot, name) in later.names.enumerated() {
            let t = later.tokenOfSlot[slot]
            let mine = t >= 0 && t < slotByToken.count && slotByToken[t] > 0 ? slotByToken[t] - 1 : newSlot(name, token: t)
            for k in 0..<3 { counts[3 * mine + k] += later.counts[3 * slot + k] }
        }
    }

    /// Per operation, in order of first appearance.
    public var operations: [Count] {
        // Found by a cheap hash of the names' bytes (`HashSlots`, sized ahead): a `Dictionary`
        // hashed both strings with SipHash, ~40% of writing a run's summary.
        var merged: [Count] = []
        merged.reserveCapacity(names.count)
        var found = HashSlots(capacity: 2 * names.count)
        for (slot, name) in names.enumerated() {
            let hash = byteKeyHash(name.service) &* 31 &+ byteKeyHash(name.operation)
            let k = found.find(hash, where: { merged[$0].service == name.service && merged[$0].operation == name.operation }) ?? {
                merged.append(Count(service: name.service, operation: name.operation))
                found.append(hash)
                return merged.count - 1
            }()
            merged[k].records += counts[3 * slot]
            merged[k].invalid += counts[3 * slot + 1]
            merged[k].issues += counts[3 * slot + 2]
        }
        return merged
    }

    /// Totals per service, in order of first appearance.
    public var services: [Count] { Self.services(of: operations) }

    /// Totals per service of these per-operation counts (`operations`, made once by a caller that
    /// needs both), in order of first appearance.
    public static func services(of operations: [Count]) -> [Count] {
        var totals: [Count] = []
        var found = HashSlots()
        for c in operations {
            let hash = byteKeyHash(c.service)
            let k = found.find(hash, where: { totals[$0].service == c.service }) ?? {
                totals.append(Count(service: c.service, operation: ""))
                found.append(hash)
                return totals.count - 1
            }()
            totals[k].records += c.records
            totals[k].invalid += c.invalid
            totals[k].issues += c.issues
        }
        return totals
    }
}
