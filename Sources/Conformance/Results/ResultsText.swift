/// Human-readable results at any scale: the same issue (code, path and message) of the same
/// operation and direction is one line, with how many records have it and the first few of
/// them. Operations come in the order they first failed, their issues in the order they first
/// appeared; counts by code close the report.
public enum ResultsText {
    /// Records shown for each issue; the rest are counted.
    public static let examplesShown = 3

    public final class Grouper {
        private struct OperationKey: Hashable {
            var service: String?
            var operation: String?
            var direction: Direction?
        }
        private typealias Example = (file: String, line: Int, id: String?)
        private struct Group {
            var issue: ValidationIssue
            var operation: Int
            var records = 0
            var first: Example
            var more: [Example] = []
            /// The last record counted (a record with the same issue twice counts once).
            var lastRecord = -1
            var hash: UInt64
        }
        private struct OperationGroup {
            var key: OperationKey
            var records = 0
            var groups: [Int] = []
        }

        // Touched for every issue: stored without dynamic exclusivity checks.
        @exclusivity(unchecked) private var operations: [OperationGroup] = []
        @exclusivity(unchecked) private var operationIndex: [OperationKey: Int] = [:]
        /// Operation by interned name token and direction (3 slots per token; 0: not seen).
        @exclusivity(unchecked) private var operationByToken: [Int] = []
        @exclusivity(unchecked) private var groups: [Group] = []
        /// Groups by key hash, open addressing (group + 1; 0 empty; at most half full): byte
        /// hashes of path and message, since hashing the strings with the standard hasher cost
        /// more than the rest of the text output.
        @exclusivity(unchecked) private var slots = [Int32](repeating: 0, count: 1024)
        @exclusivity(unchecked) private var recordNumber = 0

        public init() {}

        public var isEmpty: Bool { operations.isEmpty }

        public func add(_ r: RecordResult) {
            guard !r.valid else { return }
            recordNumber += 1
            let op = operation(of: r)
            operations[op].records += 1
            for issue in r.issues {
                let h = Self.hash(op, issue)
                let g = group(op, issue, hash: h, record: r)
                if groups[g].lastRecord == recordNumber { continue }
                if groups[g].records > 0 && groups[g].records < ResultsText.examplesShown { groups[g].more.append((r.file, r.line, r.id)) }
                groups[g].lastRecord = recordNumber
                groups[g].records += 1
            }
        }

        /// The group of this issue, made on its first appearance.
        private func group(_ op: Int, _ issue: ValidationIssue, hash h: UInt64, record r: RecordResult) -> Int {
            var mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 {
                let g = Int(slots[i]) - 1
                if groups[g].hash == h && groups[g].operation == op && groups[g].issue.code == issue.code
                    && groups[g].issue.path == issue.path && groups[g].issue.message == issue.message { return g }
                i = (i + 1) & mask
            }
            let g = groups.count
            groups.append(Group(issue: issue, operation: op, first: (r.file, r.line, r.id), hash: h))
            operations[op].groups.append(g)
            if groups.count * 2 > slots.count {
                slots = [Int32](repeating: 0, count: slots.count * 2)
                mask = slots.count - 1
                for (k, other) in groups.enumerated() {
                    var j = Int(truncatingIfNeeded: other.hash) & mask
                    while slots[j] != 0 { j = (j + 1) & mask }
                    slots[j] = Int32(k + 1)
                }
            } else {
                slots[i] = Int32(g + 1)
            }
            return g
        }

        private static func hash(_ op: Int, _ issue: ValidationIssue) -> UInt64 {
            var path = issue.path, message = issue.message
            let p = path.withUTF8 { $0.isEmpty ? 0 : byteKeyHash($0.baseAddress!, $0.count) }
            let m = message.withUTF8 { $0.isEmpty ? 0 : byteKeyHash($0.baseAddress!, $0.count) }
            return (p &* 0x9E37_79B9_7F4A_7C15) ^ m ^ (UInt64(op) << 8 | UInt64(issue.code.ordinal))
        }

        /// The operation group of a record: by its interned name token and direction (a token
        /// stands for one service and operation, so a new one needs no lookup by name), or by name.
        private func operation(of r: RecordResult) -> Int {
            let slot = r.nameToken >= 0 ? r.direction.map { Int(r.nameToken) * 3 + ($0 == .request ? 0 : $0 == .response ? 1 : 2) } : nil
            if let slot, slot < operationByToken.count, operationByToken[slot] > 0 { return operationByToken[slot] - 1 }
            let key = OperationKey(service: r.service, operation: r.operation, direction: r.direction)
            if slot == nil, let found = operationIndex[key] { return found }
            let k = operations.count
            operations.append(OperationGroup(key: key))
            if let slot {
                if slot >= operationByToken.count { operationByToken += [Int](repeating: 0, count: max(slot + 1 - operationByToken.count, operationByToken.count)) }
                operationByToken[slot] = k + 1
            } else {
                operationIndex[key] = k
            }
            return k
        }

        /// The grouped issues, operation by operation (an operation counted both by token and
        /// by name shows once).
        public func render() -> [UInt8] {
            var merged: [OperationGroup] = []
            var at: [OperationKey: Int] = [:]
            for op in operations {
                if let k = at[op.key] {
                    merged[k].records += op.records
                    merged[k].groups += op.groups
                } else {
                    at[op.key] = merged.count
                    merged.append(op)
                }
            }
            var out = ""
            for op in merged {
                let name = "\(op.key.service ?? "?").\(op.key.operation ?? "?") \(op.key.direction?.rawValue ?? "?")"
                out += "\(name): \(op.records) invalid record\(op.records == 1 ? "" : "s")\n"
                for g in op.groups.map({ groups[$0] }) {
                    let path = g.issue.path.isEmpty ? "(root)" : g.issue.path
                    let examples = [g.first] + g.more
                    let shown = examples.map { "\($0.file):\($0.line)" + ($0.id.map { " [\($0)]" } ?? "") }.joined(separator: ", ")
                    let more = g.records > examples.count ? ", and \(g.records - examples.count) more" : ""
                    out += "  \(path): \(g.issue.code.rawValue): \(g.issue.message)\n"
                    out += "    \(g.records) record\(g.records == 1 ? "" : "s"): \(shown)\(more)\n"
                }
            }
            return Array(out.utf8)
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
        let services = summary.byOperation.services.sorted { ($1.issues, $0.service) < ($0.issues, $1.service) }
        lines.append("by service:")
        lines += services.map { line($0.service, $0) }
        let operations = summary.byOperation.operations.sorted { ($1.issues, $0.service, $0.operation) < ($0.issues, $1.service, $1.operation) }
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
