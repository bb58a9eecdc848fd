import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libxml2's streaming reader (`xmlTextReader`) over one body in memory: no tree is built,
/// the network and DTDs are never loaded, CDATA reads as text, and a syntax error stops the
/// read with libxml2's message and line.
final class XMLPullReader {
    enum Node: Int32 {
        case element = 1, text = 3, cdata = 4, entityReference = 5, processingInstruction = 7, comment = 8
        case documentType = 10, whitespace = 13, significantWhitespace = 14, endElement = 15
        case other = -1
    }

    private let reader: xmlTextReaderPtr
    private let errorBox = ErrorBox()
    /// The first error libxml2 reported (a document that is not well-formed).
    var error: String? { errorBox.message }
    @exclusivity(unchecked) private(set) var node: Node = .other

    final class ErrorBox {
        var message: String?
    }

    init?(_ body: UnsafeBufferPointer<UInt8>) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let base = body.baseAddress, body.count > 0, body.count <= Int(Int32.max),
              let r = xmlReaderForMemory(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(body.count), nil, nil, options) else { return nil }
        reader = r
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
            guard box.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var text = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
            while text.last == "\n" { text.removeLast() }
            box.message = "line \(error.pointee.line): \(text)"
        }, Unmanaged.passUnretained(errorBox).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node; false at the end of the document or on an error.
    func read() -> Bool {
        let r = xmlTextReaderRead(reader)
        if r == 1 {
            node = Node(rawValue: xmlTextReaderNodeType(reader)) ?? .other
            return true
        }
        if r < 0, errorBox.message == nil { errorBox.message = "not well-formed XML" }
        node = .other
        return false
    }

    var depth: Int32 { xmlTextReaderDepth(reader) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    var localName: String { String(decoding: localNameBytes, as: UTF8.self) }
    /// The local name's bytes, valid until the next read.
    var localNameBytes: UnsafeBufferPointer<UInt8> { Self.bytes(xmlTextReaderConstLocalName(reader)) }
    /// The node's text, valid until the next read.
    var valueBytes: UnsafeBufferPointer<UInt8> { Self.bytes(xmlTextReaderConstValue(reader)) }

    private static func bytes(_ p: UnsafePointer<xmlChar>?) -> UnsafeBufferPointer<UInt8> {
        guard let p else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }
    /// The name with its prefix (`xsi:type`).
    var qualifiedName: String { xmlTextReaderConstName(reader).map { String(cString: $0) } ?? "" }
    var namespaceURI: String? { xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } }
    var value: String { String(decoding: valueBytes, as: UTF8.self) }

    /// Compares the current node's local name with `name` without making a String.
    func localNameIs(_ name: String) -> Bool {
        guard let p = xmlTextReaderConstLocalName(reader) else { return false }
        var name = name
        return name.withUTF8 { u in
            for i in 0..<u.count where p[i] != u[i] { return false }
            return p[u.count] == 0
        }
    }

    /// The current element's attributes, `(qualified name, local name, namespace, value)`; the
    /// reader stays on the element. Namespace declarations are left out.
    func attributes() -> [(name: String, local: String, namespace: String?, value: String)] {
        var out: [(String, String, String?, String)] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return out }
        var more = xmlTextReaderMoveToFirstAttribute(reader)
        while more == 1 {
            let name = qualifiedName
            if name != "xmlns" && !name.hasPrefix("xmlns:") {
                out.append((name, localName, namespaceURI, value))
            }
            more = xmlTextReaderMoveToNextAttribute(reader)
        }
        xmlTextReaderMoveToElement(reader)
        return out
    }
}
