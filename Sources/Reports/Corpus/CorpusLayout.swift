import APIModel
import Foundation

/// Where things sit in a docs corpus: `snapshots/<name>/...` (one folder per dated doc
/// snapshot, any formats inside) and `payloads/<set>/...` (recorded payloads).
public struct CorpusLayout: Sendable {
    public var root: String
    /// Snapshot folders, oldest first (names in natural order: `botocore-1.9.0` < `botocore-1.10.0`).
    public var snapshots: [String] = []
    /// The payload sets: each folder right under `payloads/`.
    public var payloadSets: [String] = []
    /// `.json`/`.jsonl` files directly in `payloads/`: a set of their own, named `payloads`.
    public var loosePayloadFiles: [String] = []
    public var problems = DiagnosticLog()

    public init(root: String) {
        self.root = root
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            problems.error(root, "corpus folder not found")
            return
        }
        let snapshotRoot = (root as NSString).appendingPathComponent("snapshots")
        snapshots = Self.subfolders(of: snapshotRoot)
        if snapshots.isEmpty {
            problems.error(snapshotRoot, "no doc snapshots: expected one folder per snapshot under \(snapshotRoot)")
        } else if snapshots.count == 1 {
            problems.warning(snapshotRoot, "only one snapshot: there is nothing to compare it with")
        }
        let payloadRoot = (root as NSString).appendingPathComponent("payloads")
        payloadSets = Self.subfolders(of: payloadRoot)
        let names = (try? fm.contentsOfDirectory(atPath: payloadRoot)) ?? []
        loosePayloadFiles = names.filter { ($0.hasSuffix(".json") || $0.hasSuffix(".jsonl")) && !$0.hasPrefix(".") }
            .sorted().map { (payloadRoot as NSString).appendingPathComponent($0) }
        if payloadSets.isEmpty && loosePayloadFiles.isEmpty {
            problems.warning(payloadRoot, "no recorded payloads to validate")
        }
    }

    /// Name of a snapshot or payload set: its folder name.
    public static func name(of path: String) -> String { String(FileSystemPath.lastComponent(path)) }

    static func subfolders(of path: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: path) else { return [] }
        return names.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && fm.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDir) && isDir.boolValue
        }
        .sorted(by: NaturalOrder.less)
        .map { (path as NSString).appendingPathComponent($0) }
    }
}

/// Orders names with embedded numbers by value: `1.9.2` < `1.10.0`, `2024-9` < `2024-10`.
public enum NaturalOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let x = chunks(a), y = chunks(b)
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case let (.number(m), .number(n)): return m < n
            case let (.text(s), .text(t)): return s < t
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return x.count < y.count
    }

    enum Chunk: Equatable {
        case text(String)
        case number(UInt64)
    }

    static func chunks(_ s: String) -> [Chunk] {
        var out: [Chunk] = []
        var current = ""
        var digits = false
        func flush() {
            guard !current.isEmpty else { return }
            out.append(digits ? .number(UInt64(current.prefix(18)) ?? 0) : .text(current))
            current = ""
        }
        for ch in s {
            let isDigit = ch.isASCII && ch.isNumber
            if isDigit != digits { flush(); digits = isDigit }
            current.append(ch)
        }
        flush()
        return out
    }
}
