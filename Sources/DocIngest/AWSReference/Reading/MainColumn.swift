/// A served reference page from its `div#main-col-body` on: the head and navigation before it
/// are never read, so libxml2 need not build them. As many newlines as precede the div are
/// kept in front of it, so libxml2's line numbers stay those of the page. What follows the
/// div stays (a stray closing tag can end the div before its sections).
enum MainColumn {
    static func from(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { b -> [UInt8]? in
            guard let at = find(b, "main-col-body") else { return nil }
            // Back to the `<` of the tag holding the id; none (or a `>` first): not an attribute.
            var start = at
            while start > 0, b[start] != UInt8(ascii: "<") {
                if b[start] == UInt8(ascii: ">") { return nil }
                start -= 1
            }
            guard b[start] == UInt8(ascii: "<"), start + 3 < b.count, b[start + 1] | 0x20 == UInt8(ascii: "d"),
                  b[start + 2] | 0x20 == UInt8(ascii: "i"), b[start + 3] | 0x20 == UInt8(ascii: "v") else { return nil }
            var newlines = 0
            for k in 0..<start where b[k] == 0x0A { newlines += 1 }
            var out = [UInt8](repeating: 0x0A, count: newlines)
            out.reserveCapacity(newlines + b.count - start)
            out.append(contentsOf: b[start...])
            return out
        }
    }

    private static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Int? {
        needle.withUTF8Buffer { want -> Int? in
            let n = want.count
            guard b.count >= n else { return nil }
            var p = 0
            while p <= b.count - n {
                if b[p] == want[0] {
                    var k = 1
                    while k < n, b[p + k] == want[k] { k += 1 }
                    if k == n { return p }
                }
                p += 1
            }
            return nil
        }
    }
}
