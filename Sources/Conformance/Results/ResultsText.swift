/// Human-readable results at any scale: the same issue (code, path and message) of the same
/// operation and direction is one line, with how many records have it and the first few of
/// them. Operations come in the order they first failed, their issues in the order they first
/// appeared; counts by code close the report.
public enum ResultsText {
    /// Records shown for each issue; the rest are counted.
    public static let examplesShown = 3

    /// Collects the issues of invalid records into groups. A group is a trivial record over one
    /// byte pool (its path and message bytes, the ids of its records), not a set of retained
    /// strings: the issues' own strings are freed record by record as before, and holding tens of
    /// thousands of them (with their allocator traffic) cost more than grouping itself.
    public final class Grouper {
        private struct OperationKey: Hashable {
            var service: String?
            var operation: String?
            var direction: Direction?
        }
        private struct OperationGroup {
            var key: OperationKey
            var records = 0
            /// Its slot in `operationByToken` (-1: none), cleared by `removeAll`.
            var tokenSlot = -1
        }
        /// A record shown for an issue: its file (an index into `files`), line and id (bytes in
        /// the pool; length -1 for none), and the next example of the same issue (-1: none).
        private struct Example {
            var file: Int32 = -1
            var idLength: Int32 = -1
            var idStart = 0
            var line = 0
            var next: Int32 = -1
        }
        private struct Group {
            var hash: UInt64
            var operation: Int32
            /// `IssueCode.ordinal` (the group stays a trivial value).
            var code: UInt8
            /// The path's bytes, then the message's, in the pool.
            var textStart: Int
            var pathLength: Int32
            var messageLength: Int32
            var records: Int32 = 0
            /// The last record counted (a record with the same issue twice counts once).
            var lastRecord: Int32 = -1
            /// The first and the last of its examples in `examples`.
            var firstExample: Int32 = -1
            var lastExample: Int32 = -1
        }

        // Touched for every issue: stored without dynamic exclusivity checks.
        @exclusivity(unchecked) private var operations: [OperationGroup] = []
        @exclusivity(unchecked) private var operationIndex: [OperationKey: Int] = [:]
        /// Operation by interned name token and direction (3 slots per token; 0: not seen).
        @exclusivity(unchecked) private var operationByToken: [Int] = []
        @exclusivity(unchecked) private var groups = ScratchStack<Group>(capacity: 1024)
        @exclusivity(unchecked) private var examples = ScratchStack<Example>(capacity: 1024)
        @exclusivity(unchecked) private var pool = ScratchStack<UInt8>(capacity: 1 << 16)
        /// Groups by key hash.
        @exclusivity(unchecked) private var slots = HashSlots()
        @exclusivity(unchecked) private var files: [String] = []
        @exclusivity(unchecked) private var recordNumber: Int32 = 0

        public init() {}

        deinit {
            groups.release()
            examples.release()
            pool.release()
        }

        public var isEmpty: Bool { operations.isEmpty }

        public func add(_ r: RecordResult) {
            guard !r.valid else { return }
            recordNumber += 1
            let op = operation(of: r)
            operations[op].records += 1
            var example: Example? = nil
            for issue in r.issues {
                issue.path.withUTF8InPlace { p in
                    issue.message.withUTF8InPlace { m in
                        let g = group(op, issue.code.ordinal, p, m, hash: Self.hash(op, issue.code.ordinal, p, m))
                        guard groups[g].lastRecord != recordNumber else { return }
                        groups[g].lastRecord = recordNumber
                        let n = Int(groups[g].records)
                        groups[g].records += 1
                        guard n < ResultsText.examplesShown else { return }
                        if example == nil { example = self.example(of: r) }
                        append(example!, to: g)
                    }
                }
            }
        }

        /// Adds an example at the end of group `g`'s list.
        @inline(__always)
        private func append(_ example: Example, to g: Int) {
            var e = example
            e.next = -1
            let k = Int32(examples.count)
            examples.push(e)
            if groups[g].lastExample >= 0 { examples[Int(groups[g].lastExample)].next = k } else { groups[g].firstExample = k }
            groups[g].lastExample = k
        }

        /// The record as an example: its file interned (records of one file come in a row), its id in the pool.
        private func example(of r: RecordResult) -> Example {
            var e = Example()
            if files.last != r.file { files.append(r.file) }
            e.file = Int32(files.count - 1)
            e.line = r.line
            if let id = r.id {
                e.idStart = pool.count
                pool.add(id)
                e.idLength = Int32(pool.count - e.idStart)
            }
            return e
        }

        /// An issue's key hash: its text's, with its operation and code in bits of their own (so
        /// `merge` can move a hash from one grouper's operation numbers to another's).
        @inline(__always)
        private static func hash(_ op: Int, _ code: Int, _ path: UnsafeBufferPointer<UInt8>, _ message: UnsafeBufferPointer<UInt8>) -> UInt64 {
            byteKeyHash(path) &* 0x9E37_79B9_7F4A_7C15 ^ byteKeyHash(message) ^ operationBits(op) ^ UInt64(code)
        }

        @inline(__always)
        private static func operationBits(_ op: Int) -> UInt64 { UInt64(op) << 8 }

        /// The group of this issue, made on its first appearance (`h` is its `hash`).
        private func group(_ op: Int, _ code: Int, _ path: UnsafeBufferPointer<UInt8>, _ message: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
            let found = slots.find(h) { g in
                let e = groups[g]
                return Int(e.operation) == op && e.code == UInt8(code) && Int(e.pathLength) == path.count
                    && Int(e.messageLength) == message.count
                    && Self.same(pool.base + e.textStart, path) && Self.same(pool.base + e.textStart + path.count, message)
            }
            if let found { return found }
            let g = groups.count
            let start = pool.count
            pool.append(buffer: path)
            pool.append(buffer: message)
            groups.push(Group(hash: h, operation: Int32(op), code: UInt8(code), textStart: start,
                              pathLength: Int32(path.count), messageLength: Int32(message.count)))
            slots.append(h)
            return g
        }

        @inline(__always)
        private static func same(_ p: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            b.isEmpty || memcmpBytes(p, b.baseAddress!, b.count)
        }

        /// The operation group of a record: by its interned name token and direction, or by
        /// name. A token stands for one service and operation, found by name once; one operation
        /// may have several tokens (validators that checked the records on several threads).
        private func operation(of r: RecordResult) -> Int {
            let slot = r.nameToken >= 0 ? r.direction.map { Int(r.nameToken) * 3 + ($0 == .request ? 0 : $0 == .response ? 1 : 2) } : nil
            if let slot, slot < operationByToken.count, operationByToken[slot] > 0 { return operationByToken[slot] - 1 }
            let k = operation(OperationKey(service: r.service, operation: r.operation, direction: r.direction))
            if let slot {
                if slot >= operationByToken.count { operationByToken += [Int](repeating: 0, count: max(slot + 1 - operationByToken.count, operationByToken.count)) }
                operationByToken[slot] = k + 1
                operations[k].tokenSlot = slot
            }
            return k
        }

        /// The operation group of this key, made on its first appearance.
        private func operation(_ key: OperationKey) -> Int {
            if let found = operationIndex[key] { return found }
            let k = operations.count
            operations.append(OperationGroup(key: key))
            operationIndex[key] = k
            return k
        }

        /// Adds the groups of `later`, whose records all come after those added here, as if its
        /// records had been added here one by one: operations and issues new here come in the
        /// order `later` met them, and an issue's examples are its first records. A thread that
        /// checks a stretch of a file groups its records; the calling thread merges the
        /// stretches in input order, touching each group once instead of each record's strings.
        public func merge(_ later: Grouper) {
            guard !later.operations.isEmpty else { return }
            var here: [Int] = []
            here.reserveCapacity(later.operations.count)
            for op in later.operations {
                let k = operation(op.key)
                operations[k].records += op.records
                here.append(k)
            }
            var fileHere: [Int32] = []
            fileHere.reserveCapacity(later.files.count)
            for name in later.files {
                if files.last != name { files.append(name) }
                fileHere.append(Int32(files.count - 1))
            }
            for i in 0..<later.groups.count {
                let from = later.groups[i]
                let op = here[Int(from.operation)]
                let text = later.pool.base + from.textStart
                let path = UnsafeBufferPointer(start: text, count: Int(from.pathLength))
                let message = UnsafeBufferPointer(start: text + path.count, count: Int(from.messageLength))
                let h = from.hash ^ Self.operationBits(Int(from.operation)) ^ Self.operationBits(op)
                let g = group(op, Int(from.code), path, message, hash: h)
                let before = Int(groups[g].records)
                groups[g].records += from.records
                // (`lastRecord`, the last record added here, stays: the next one added is new.)
                var k = Int(from.firstExample)
                var shown = before
                while k >= 0 && shown < ResultsText.examplesShown {
                    var e = later.examples[k]
                    k = Int(e.next)
                    e.file = fileHere[Int(e.file)]
                    if e.idLength >= 0 {
                        let start = pool.count
                        pool.append(buffer: UnsafeBufferPointer(start: later.pool.base + e.idStart, count: Int(e.idLength)))
                        e.idStart = start
                    }
                    append(e, to: g)
                    shown += 1
                }
            }
        }

        /// Empties the grouper for another stretch of records, keeping its room.
        public func removeAll() {
            for op in operations where op.tokenSlot >= 0 { operationByToken[op.tokenSlot] = 0 }
            operations.removeAll(keepingCapacity: true)
            operationIndex.removeAll(keepingCapacity: true)
            groups.removeAll()
            examples.removeAll()
            pool.removeAll()
            slots.removeAll()
            files.removeAll(keepingCapacity: true)
            recordNumber = 0
        }

        /// The grouped issues, operation by operation.
        public func render() -> [UInt8] {
            var all: [UInt8] = []
            render { all.append(contentsOf: $0) }
            return all
        }

        /// The same, handed on in blocks of about 64 KB (no buffer of the whole report).
        public func render(_ sink: (UnsafeBufferPointer<UInt8>) -> Void) {
            var groupsOf = [[Int]](repeating: [], count: operations.count)
            for g in 0..<groups.count { groupsOf[Int(groups[g].operation)].append(g) }
            var out = ScratchStack<UInt8>(capacity: 1 << 17)
            defer { out.release() }
            for (m, op) in operations.enumerated() {
                out.add(op.key.service ?? "?"); out.push(0x2E); out.add(op.key.operation ?? "?"); out.push(0x20)
                out.add(op.key.direction?.rawValue ?? "?"); ResultsJSON.raw(": ", &out)
                ResultsJSON.integer(op.records, &out); ResultsJSON.raw(op.records == 1 ? " invalid record\n" : " invalid records\n", &out)
                for g in groupsOf[m] {
                    write(groups[g], &out)
                    if out.count >= 1 << 16 {
                        sink(UnsafeBufferPointer(start: out.base, count: out.count))
                        out.removeAll()
                    }
                }
            }
            sink(UnsafeBufferPointer(start: out.base, count: out.count))
        }

        /// `  path: code: message` and `    N records: file:line [id], ..., and M more`.
        private func write(_ g: Group, _ out: inout ScratchStack<UInt8>) {
            ResultsJSON.raw("  ", &out)
            if g.pathLength == 0 { ResultsJSON.raw("(root)", &out) } else { bytes(g.textStart, Int(g.pathLength), &out) }
            ResultsJSON.raw(": ", &out); ResultsJSON.raw(IssueCode.allCases[Int(g.code)].literal, &out); ResultsJSON.raw(": ", &out)
            bytes(g.textStart + Int(g.pathLength), Int(g.messageLength), &out)
            let records = Int(g.records)
            ResultsJSON.raw("\n    ", &out); ResultsJSON.integer(records, &out)
            ResultsJSON.raw(records == 1 ? " record: " : " records: ", &out)
            var shown = 0
            var k = Int(g.firstExample)
            while k >= 0 {
                let e = examples[k]
                if shown > 0 { ResultsJSON.raw(", ", &out) }
                out.add(files[Int(e.file)]); out.push(0x3A); ResultsJSON.integer(e.line, &out)
                if e.idLength >= 0 { ResultsJSON.raw(" [", &out); bytes(e.idStart, Int(e.idLength), &out); out.push(0x5D) }
                shown += 1
                k = Int(e.next)
            }
            if records > shown { ResultsJSON.raw(", and ", &out); ResultsJSON.integer(records - shown, &out); ResultsJSON.raw(" more", &out) }
            out.push(0x0A)
        }

        private func bytes(_ start: Int, _ count: Int, _ out: inout ScratchStack<UInt8>) {
            out.append(buffer: UnsafeBufferPointer(start: pool.base + start, count: count))
        }
    }

    /// The counts `--stats` prints: issues by code, then records, invalid records and issues by
    /// service and by operation, most issues first (the first `limit` operations).
    public static func counts(_ summary: PayloadFiles.Summary, limit: Int = 20) -> [String] {
        let byCode = summary.issuesByCode
        var lines = ["by code: " + (byCode.isEmpty ? "no issues" : IssueCode.allCases.compactMap { c in byCode[c].map { "\(c.rawValue) \($0)" } }.joined(separator: ", "))]
        func line(_ name: String, _ c: OperationCounts.Count) -> String {
            "  \(name): \(c.records) record\(c.records == 1 ? "" : "s"), \(c.invalid) invalid, \(c.issues) issue\(c.issues == 1 ? "" : "s")"
        }
        let unsorted = summary.byOperation.operations
        let services = OperationCounts.services(of: unsorted).sorted { ($1.issues, $0.service) < ($0.issues, $1.service) }
        lines.append("by service:")
        lines += services.map { line($0.service, $0) }
        let operations = unsorted.sorted { ($1.issues, $0.service, $0.operation) < ($0.issues, $1.service, $1.operation) }
        lines.append("by operation" + (operations.count > limit ? " (the \(limit) with most issues of \(operations.count))" : "") + ":")
        lines += operations.prefix(limit).map { line("\($0.service).\($0.operation)", $0) }
        if summary.accepted > 0 { lines.append("accepted: \(summary.accepted) known issue\(summary.accepted == 1 ? "" : "s")") }
        return lines
    }

    public static func footer(summary: PayloadFiles.Summary, byCode: [IssueCode: Int],
                              unsupportedPatterns: [(pattern: String, shape: String, reason: String)],
                              patternsGivenUp: [(pattern: String, values: Int)]) -> [UInt8] {
        var out = "\n\(summary.records) records in \(summary.files) files: \(summary.records - summary.invalid) valid, \(summary.invalid) invalid\n"
        for code in IssueCode.allCases where byCode[code, default: 0] > 0 {
            out += "  \(code.rawValue): \(byCode[code]!)\n"
        }
        if summary.accepted > 0 {
            out += "\(summary.accepted) known issue\(summary.accepted == 1 ? "" : "s") accepted (--ignore, --baseline)\n"
        }
        for u in unsupportedPatterns {
            out += "unsupported pattern (not checked) on \(u.shape): \(u.pattern) — \(u.reason)\n"
        }
        for g in patternsGivenUp {
            out += "pattern not checked on \(g.values) value(s) (work bound reached): \(g.pattern)\n"
        }
        return Array(out.utf8)
    }
}
