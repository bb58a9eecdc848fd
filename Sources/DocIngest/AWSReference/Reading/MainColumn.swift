/// A served reference page from its `div#main-col-body` on: the head and navigation before it
/// are never read, so libxml2 need not build them. As many newlines as precede the div are
/// kept in front of it, so libxml2's line numbers stay those of the page. What follows the
/// div stays (a stray closing tag can end the div before its sections).
enum MainColumn {
    static func from(_ bytes: [UInt8]) -> [UInt8]? {
        guard let at = HTMLDocumentReading.find(bytes, "main-col-body") else { return nil }
        // Back to the `<` of the tag holding the id; none (or a `>` first): not an attribute.
        var start = at
        while start > 0, bytes[start] != UInt8(ascii: "<") {
            if bytes[start] == UInt8(ascii: ">") { return nil }
            start -= 1
        }
        guard bytes[start] == UInt8(ascii: "<"), start + 3 < bytes.count, bytes[start + 1] | 0x20 == UInt8(ascii: "d"),
              bytes[start + 2] | 0x20 == UInt8(ascii: "i"), bytes[start + 3] | 0x20 == UInt8(ascii: "v") else { return nil }
        return HTMLDocumentReading.excerpt(bytes, start..<bytes.count)
    }
}
