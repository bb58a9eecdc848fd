import APIModel
import ChangeRecords

/// The change dicts at the top of an operation section and the labels around them:
/// `Changes (request|response|both)`, `Request`, `Response` (alone on a line, or glued
/// after a dict: `{...}Response`). Each dict is read by the shared `SkeletonParser`.
struct ChangeDictArea {
    struct StatedDict {
        /// nil when the page does not say (a lone dict of the compact layout).
        var direction: Direction?
        var node: SkeletonNode
        /// 1-based.
        var line: Int
    }

    var dicts: [StatedDict] = []
    /// The directions a `Changes (...)` label gives.
    var labelled: Set<Direction>?
    /// First line after the area (0-based).
    var end: Int

    static let parser = SkeletonParser(dialect: .boto3)

    /// Reads from line `start` up to the first line that is neither blank, a label nor a dict.
    init(_ lines: ChangelogLines, start: Int, limit: Int, path: String, log: inout DiagnosticLog) {
        end = start
        var pending: Direction?
        var i = start
        while i < limit {
            if lines.isBlank(i) { i += 1; continue }
            if lines.hasPrefix(i, "Changes ("), let label = Self.label(lines.text(i)) {
                labelled = label
                pending = label.contains(.input) ? .input : .output
                i += 1
                continue
            }
            if lines.is(i, "Request") { pending = .input; i += 1; continue }
            if lines.is(i, "Response") { pending = .output; i += 1; continue }
            guard lines.hasPrefix(i, "{") else { break }
            let start = lines.page.contentStart(i)
            // A dict may wrap onto continuation lines (indented, or starting with a bracket or quote).
            var last = i
            while last + 1 < limit, Self.isContinuation(lines, last + 1) { last += 1 }
            let scanLimit = lines.page.range(last).upperBound
            // A well-formed dict is read in one pass; any other is bounded by counting brackets
            // and parsed again for the parser to say what is wrong with it.
            let wellFormed = Self.parser.parseBracketedValue(lines.bytes, from: start, limit: scanLimit, firstLine: i + 1)
            guard let literalEnd = wellFormed?.end ?? lines.literalEnd(from: start, limit: scanLimit) else {
                log.error(path, line: i + 1, "change dict is not a valid literal: '{' opened here is never closed")
                i = last + 1
                end = i
                continue
            }
            let endLine = lines.lineIndex(of: literalEnd - 1)
            do {
                let doc: SkeletonDocument
                if let read = wellFormed { doc = read.document } else {
                    doc = try Self.parser.parse(lines.bytes, range: start..<literalEnd, firstLine: i + 1)
                }
                if doc.assignedTo != nil {
                    log.error(path, line: i + 1, "change dict is not a valid literal: an assignment is no change dict")
                } else {
                    let direction = pending
                    if labelled == nil {
                        pending = nil // the compact layout labels only the dict after `Response`
                    } else if labelled?.count == 2, direction == .input {
                        pending = .output // `Changes (both)`: request first, then response
                    }
                    dicts.append(StatedDict(direction: direction, node: doc.value, line: i + 1))
                }
            } catch {
                log.error(path, line: error.line, "change dict is not a valid literal: \(error.message)")
            }
            // What follows the dict on its last line: a label for the next dict, or nothing.
            let rest = lines.string(literalEnd..<lines.page.range(endLine).upperBound).trimmed
            switch rest {
            case "": break
            case "Response": pending = .output
            case "Request": pending = .input
            default: log.error(path, line: endLine + 1, "change dict is not a valid literal: unexpected text after it: \(rest.prefix(40))")
            }
            i = endLine + 1
            end = i
        }
        end = max(end, i)
    }

    /// `Changes (request)`, `Changes (response)`, `Changes (both)`, `Changes (request, response)`.
    static func label(_ t: String) -> Set<Direction>? {
        guard t.hasPrefix("Changes ("), t.hasSuffix(")") else { return nil }
        let inner = t.dropFirst(9).dropLast()
        var set = Set<Direction>()
        for word in inner.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "&" }) {
            switch word.lowercased() {
            case "request": set.insert(.input)
            case "response": set.insert(.output)
            case "both": set = [.input, .output]
            case "and": break
            default: return nil
            }
        }
        return set.isEmpty ? nil : set
    }

    private static func isContinuation(_ lines: ChangelogLines, _ i: Int) -> Bool {
        let r = lines.page.range(i)
        guard let first = r.isEmpty ? nil : lines.bytes[r.lowerBound] else { return false }
        return first == 0x20 || first == 0x09 || first == UInt8(ascii: "'") || first == UInt8(ascii: "\"")
            || first == UInt8(ascii: "}") || first == UInt8(ascii: "]")
    }
}

extension ChangelogLines {
    func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
}
