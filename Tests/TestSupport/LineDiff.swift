/// A readable line diff of two texts for failure messages: hunks in the style of `diff -u`
/// (`@@ -old line +new line @@`, `-` old, `+` new, three lines of context), cut after `maxLines` lines.
public enum LineDiff {
    public static func render(old: [UInt8], new: [UInt8], maxLines: Int = 80) -> String {
        let a = lines(old), b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)]), newMiddle = Array(b[prefix..<(b.count - suffix)])
        if oldMiddle.isEmpty && newMiddle.isEmpty {
            return "(the texts differ only in bytes the line split hides, such as a missing final newline)"
        }

        var edits: [Edit] = (0..<prefix).map { .same($0, $0) }
        // Longest common subsequence of the differing middle, when small enough to tabulate;
        // otherwise the whole middle is shown as replaced.
        if oldMiddle.count * newMiddle.count <= 4_000_000 {
            edits += commonSubsequenceEdits(oldMiddle, newMiddle).map { $0.shifted(by: prefix) }
        } else {
            edits += oldMiddle.indices.map { .removed($0 + prefix) } + newMiddle.indices.map { .added($0 + prefix) }
        }
        edits += (0..<suffix).map { .same(a.count - suffix + $0, b.count - suffix + $0) }
        return hunks(edits, a, b, maxLines: maxLines)
    }

    enum Edit {
        case same(Int, Int), removed(Int), added(Int)

        func shifted(by n: Int) -> Edit {
            switch self {
            case let .same(i, j): return .same(i + n, j + n)
            case let .removed(i): return .removed(i + n)
            case let .added(j): return .added(j + n)
            }
        }

        var isSame: Bool { if case .same = self { return true } else { return false } }
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        var out = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if out.last == "" { out.removeLast() }
        return out
    }

    static func commonSubsequenceEdits(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        // length[i][j]: LCS length of a[i...] and b[j...], row-major in one array.
        var length = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                length[i * (m + 1) + j] = a[i] == b[j] ? length[(i + 1) * (m + 1) + j + 1] + 1
                    : max(length[(i + 1) * (m + 1) + j], length[i * (m + 1) + j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(.same(i, j)); i += 1; j += 1
            } else if i < n, j == m || length[(i + 1) * (m + 1) + j] >= length[i * (m + 1) + j + 1] {
                edits.append(.removed(i)); i += 1
            } else {
                edits.append(.added(j)); j += 1
            }
        }
        return edits
    }

    static func hunks(_ edits: [Edit], _ a: [String], _ b: [String], maxLines: Int) -> String {
        let context = 3
        let changed = edits.indices.filter { !edits[$0].isSame }
        var out: [String] = []
        var k = 0
        while k < changed.count {
            // One hunk: changes closer than two contexts apart belong together.
            var last = k
            while last + 1 < changed.count, changed[last + 1] - changed[last] <= 2 * context { last += 1 }
            let start = max(0, changed[k] - context), end = min(edits.count - 1, changed[last] + context)
            let (oldLine, newLine) = position(of: edits, at: start)
            out.append("@@ -\(oldLine + 1) +\(newLine + 1) @@")
            for e in edits[start...end] {
                switch e {
                case let .same(i, _): out.append("  " + a[i])
                case let .removed(i): out.append("- " + a[i])
                case let .added(j): out.append("+ " + b[j])
                }
            }
            k = last + 1
        }
        if out.count > maxLines {
            let more = out.count - maxLines
            out = Array(out.prefix(maxLines)) + ["... \(more) more diff lines"]
        }
        return out.joined(separator: "\n")
    }

    /// The old and new line numbers at which the edit at `index` starts.
    private static func position(of edits: [Edit], at index: Int) -> (Int, Int) {
        var oldLine = 0, newLine = 0
        for e in edits[..<index] {
            switch e {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        return (oldLine, newLine)
    }
}
