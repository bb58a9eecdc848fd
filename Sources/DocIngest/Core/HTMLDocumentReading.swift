import CLibXML2

/// libxml2's HTML parser as both HTML formats (boto3 pages, AWS reference pages) use it:
/// recovering from real-world markup, silent, never touching the network.
enum HTMLDocumentReading {
    /// libxml2 must be initialised once before parsing from several threads.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static let baseOptions = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue

    /// The parsed document (the caller frees it with `xmlFreeDoc`), or nil when libxml2 gives none.
    static func parse(_ bytes: [UInt8], path: String, extraOptions: UInt32 = 0) -> htmlDocPtr? {
        _ = initialized
        let options = Int32(baseOptions | extraOptions)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), path, "UTF-8", options)
                }
            }
        }
    }

    /// `bytes[range]` preceded by as many newlines as the page has before it, so libxml2's
    /// line numbers stay those of the page when only part of it is parsed.
    static func excerpt(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        var newlines = 0
        for k in 0..<range.lowerBound where bytes[k] == 0x0A { newlines += 1 }
        var out = [UInt8](repeating: 0x0A, count: newlines)
        out.reserveCapacity(newlines + range.count)
        out.append(contentsOf: bytes[range])
        return out
    }

    /// The offset of the first `needle` at or after `from`.
    static func find(_ bytes: [UInt8], _ needle: StaticString, from: Int = 0) -> Int? {
        needle.withUTF8Buffer { want -> Int? in
            let n = want.count
            guard n > 0, bytes.count - from >= n else { return nil }
            return bytes.withUnsafeBufferPointer { b -> Int? in
                var p = from
                let last = b.count - n
                while p <= last {
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

    /// The page was written whole: `</html>` (or at least `</body>`) near its end, in any letter case.
    static func endsWhole(_ bytes: [UInt8]) -> Bool {
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self).lowercased()
        return tail.contains("</html>") || tail.contains("</body>")
    }

    /// The number of the page's last line (a final newline ends the last line, it opens none).
    static func lastLine(_ bytes: [UInt8]) -> Int {
        var newlines = 0
        bytes.withUnsafeBufferPointer { b in for byte in b where byte == 0x0A { newlines += 1 } }
        return max(1, 1 + newlines - (bytes.last == 0x0A ? 1 : 0))
    }
}
