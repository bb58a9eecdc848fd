/// Small text helpers for boto3 pages.
enum RSTText {
    /// `describe_db_instances` → `DescribeDbInstances`: only used when a page has no API link,
    /// since method names do not round-trip to API names (`DescribeDBInstances`).
    static func operationName(fromMethod method: String) -> String {
        guard method.utf8.allSatisfy({ $0 < 0x80 }) else {
            return method.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        // ASCII (every method name boto3 has): the same on the bytes.
        var name: [UInt8] = []
        name.reserveCapacity(method.utf8.count)
        var startsWord = true
        for b in method.utf8 {
            if b == UInt8(ascii: "_") { startsWord = true; continue }
            name.append(startsWord && b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b - 0x20 : b)
            startsWord = false
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// The description paragraphs in `lines`, whitespace collapsed, without the "See also"
    /// link line and the `.. py:` / `.. danger::` directives.
    /// `from`: an offset on the first line to start at (the text after a bullet's head).
    static func paragraphs(_ page: TextLines, lines: Range<Int>, from: Int = 0) -> String? {
        var out: [UInt8] = []
        var pendingBreak = false
        for i in lines {
            let start = max(page.contentStart(i), from)
            let end = page.range(i).upperBound
            if start >= end {
                if !out.isEmpty { pendingBreak = true }
                continue
            }
            if page.hasPrefix(at: start, end: end, "See also: `AWS API Documentation") { continue }
            if page.hasPrefix(at: start, end: end, ".. ") { continue }
            if !out.isEmpty { out.append(contentsOf: pendingBreak ? [0x0A, 0x0A] : [0x20]) }
            pendingBreak = false
            // A note glued to the end of a line (boto3 of 2022) is no description, as on a line of its own.
            var stop = end
            if let note = page.findNote(in: start..<end), note > start, page.bytes[note - 1] == 0x20 {
                stop = note
                while stop > start, page.bytes[stop - 1] == 0x20 { stop -= 1 }
            }
            out.append(contentsOf: page.bytes[start..<stop])
        }
        while out.last == 0x20 { out.removeLast() }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
