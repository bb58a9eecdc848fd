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
}
