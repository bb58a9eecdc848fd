import CLibXML2
import Foundation

/// Validates XML against an XML Schema (XSD) in-process with libxml2 (`xmlSchemaParse`,
/// `xmlSchemaValidateDoc`): no `xmllint` needed. The network is never used.
public final class XMLSchemaCheck: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    private let lock = NSLock() // validations take turns: cheap here, and the schema is shared between them

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses the XSD file; an unreadable or invalid schema throws with libxml2's messages.
    public init(schemaPath: String) throws {
        xmlInitParser() // once before libxml2 is used from several threads; later calls do nothing
        let messages = Messages()
        guard let parser = xmlSchemaNewParserCtxt(schemaPath) else {
            throw Failure(description: "cannot read the schema \(schemaPath)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, Messages.collect, Unmanaged.passUnretained(messages).toOpaque())
        guard let parsed = xmlSchemaParse(parser) else {
            throw Failure(description: "invalid schema \(schemaPath): \(messages.lines.joined(separator: "; "))")
        }
        schema = parsed
    }

    deinit { xmlSchemaFree(schema) }

    /// The schema's complaints about the document, `line N: message` each; empty when it is
    /// valid. A document that is not well-formed XML gives the parser's complaints.
    public func problems(in document: [UInt8], name: String = "document.xml") -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let messages = Messages()
        guard let parser = xmlNewParserCtxt() else { return ["libxml2: cannot create a parser context"] }
        defer { xmlFreeParserCtxt(parser) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = document.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(parser, chars.baseAddress, Int32(chars.count), name, "UTF-8", options)
            }
        }
        guard let doc else {
            // With NOERROR the parser keeps its complaint as the context's last error.
            guard let error = xmlCtxtGetLastError(parser), let message = error.pointee.message else { return ["not well-formed XML"] }
            return ["not well-formed XML: line \(error.pointee.line): " + String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)]
        }
        defer { xmlFreeDoc(doc) }
        guard let validator = xmlSchemaNewValidCtxt(schema) else { return ["libxml2: cannot create a validation context"] }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(validator, Messages.collect, Unmanaged.passUnretained(messages).toOpaque())
        let status = xmlSchemaValidateDoc(validator, doc)
        if status == 0 { return [] }
        if messages.lines.isEmpty { return [status < 0 ? "libxml2: internal validation error" : "invalid (no message given)"] }
        return messages.lines
    }

    public func problems(inFile path: String) throws -> [String] {
        try problems(in: Fixtures.bytes(atPath: path), name: path)
    }
}

/// Collects libxml2's structured error messages through the C callback's user pointer.
private final class Messages {
    var lines: [String] = []

    static let collect: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let messages = Unmanaged<Messages>.fromOpaque(context).takeUnretainedValue()
        let text = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        messages.lines.append("line \(error.pointee.line): \(text)")
    }
}
