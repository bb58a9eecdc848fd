import APIModel

/// Turns botocore's HTML documentation into plain text: tags dropped, entities decoded,
/// block elements as line breaks, runs of white space folded. Works on UTF-8 bytes because
/// a full botocore release carries tens of megabytes of it.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        var html = html
        return html.withUTF8 { plainText(utf8: $0) }
    }

    public static func plainText(utf8 src: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(src.count)
        var pendingSpace = false
        var pendingBreaks = 0
        func emit(_ bytes: some Collection<UInt8>) {
            if pendingBreaks > 0, !out.isEmpty {
                out.append(0x0A)
                if pendingBreaks > 1 { out.append(0x0A) }
            } else if pendingSpace, !out.isEmpty, out.last != 0x0A {
                out.append(0x20)
            }
            pendingBreaks = 0
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        var i = 0
        let n = src.count
        while i < n {
            let c = src[i]
            if c == UInt8(ascii: "<") {
                var j = i + 1
                while j < n, src[j] != UInt8(ascii: ">") { j += 1 }
                if j < n {
                    var k = i + 1
                    if k < j, src[k] == UInt8(ascii: "/") { k += 1 }
                    var name: [UInt8] = []
                    while k < j, name.count < 12, isAlnum(src[k]) { name.append(src[k] | 0x20); k += 1 }
                    pendingBreaks = Swift.max(pendingBreaks, breaks(for: name))
                    i = j + 1
                    continue
                }
            }
            if c == UInt8(ascii: "&") {
                var j = i + 1
                while j < n, j - i < 10, src[j] != UInt8(ascii: ";") { j += 1 }
                if j < n, src[j] == UInt8(ascii: ";"),
                   let scalar = decodeEntity(String(decoding: UnsafeBufferPointer(rebasing: src[(i + 1)..<j]), as: UTF8.self)) {
                    if scalar == " " { pendingSpace = true } else { emit(Array(String(scalar).utf8)) }
                    i = j + 1
                    continue
                }
            }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                pendingSpace = true
            } else {
                emit(CollectionOfOne(c))
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }

    private static func breaks(for tag: [UInt8]) -> Int {
        switch String(decoding: tag, as: UTF8.self) {
        case "p", "ul", "ol", "div", "h1", "h2", "h3", "h4", "note", "important", "pre": return 2
        case "li", "br", "dt", "dd": return 1
        default: return 0
        }
    }

    static func decodeEntity(_ entity: String) -> Unicode.Scalar? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") { return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            if entity.hasPrefix("#") { return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
            return nil
        }
    }
}
