@testable import APIModel
@testable import Conformance
import Foundation
import Testing

/// Strings in `docconform.results/1` are escaped 8 bytes a step: every position of a special
/// byte in a word, runs longer than a word and non-ASCII text must come out as JSON that reads
/// back to the same string.
@Suite struct ResultsEscapingTests {
    private func literal(_ s: String) -> String {
        var out = ScratchStack<UInt8>(capacity: 16)
        defer { out.release() }
        ResultsJSON.string(s, &out)
        return String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self)
    }

    @Test func everySpecialByteAtEveryOffsetReadsBack() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}"]
        for special in specials {
            for offset in 0..<20 {
                for length in [offset + 1, offset + 9, offset + 25] {
                    var s = String(repeating: "a", count: length)
                    let at = s.index(s.startIndex, offsetBy: offset)
                    s.replaceSubrange(at...at, with: String(special))
                    let json = literal(s)
                    guard case let .string(back) = try JSONParser.parse(json) else { Issue.record("not a string: \(json)"); continue }
                    #expect(back == s, "\(json)")
                }
            }
        }
    }

    @Test func plainTextIsCopiedAsItIs() throws {
        for s in ["", "a", "ünïcødé 😀 text that runs past one word", String(repeating: "x", count: 100), "DEL\u{7F}kept"] {
            #expect(literal(s) == "\"" + s + "\"")
        }
        #expect(literal("value \"x\" is not one of A, B") == #""value \"x\" is not one of A, B""#)
        #expect(literal("\u{01}") == #""\u0001""#)
    }

    /// A result is written after reserving room for it piece by piece (no check per byte): the
    /// worst case, every byte of every string a 6-byte escape, many issues and accepted ones,
    /// from a nearly full buffer, must fit and read back.
    @Test func resultsOfEscapeOnlyStringsFitTheRoomReservedForThem() throws {
        let control = String(repeating: "\u{01}", count: 40)
        // Control characters only: every byte is a 6-byte escape, as the reservations assume.
        let issues = (0..<30).map { k in ValidationIssue(path: control, code: .undocumentedError, message: k == 0 ? control + "\"\\" : control) }
        var r = RecordResult(id: control, service: "s", operation: "Op", direction: .response, file: control,
                             line: Int.max, issues: issues)
        r.accepted = Array(issues.prefix(7))
        for layout in [ResultsJSON.Layout.array, .lines] {
            let writer = ResultsJSON.Writer(layout: layout)
            // Nearly fills the writer's first block, so that the results' reservations grow it.
            let filler = RecordResult(id: String(repeating: "x", count: (1 << 21) - 300), file: "f", line: 1)
            writer.add(filler)
            var unaccepted = r
            unaccepted.accepted = []
            var valid = unaccepted
            valid.issues = []
            writer.add(valid)
            writer.add(unaccepted)
            writer.add(r)
            var bytes: [UInt8] = layout == .array ? Array("[".utf8) : []
            writer.drain { bytes += $0 }
            if layout == .array { bytes += Array("]".utf8) }
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = layout == .array ? [text] : text.split(separator: "\n").map(String.init)
            var results: [JSONValue] = []
            for line in lines {
                switch try JSONParser.parse(line) {
                case let .array(items): results += items
                case let value: results.append(value)
                }
            }
            #expect(results.count == 4)
            guard let last = results.last, let errors = last["errors"]?.arrayValue, let accepted = last["accepted"]?.arrayValue,
                  let error = errors.last else {
                Issue.record("no result with errors and accepted issues"); continue
            }
            #expect(last["id"]?.stringValue == control)
            #expect(last["file"]?.stringValue == control)
            #expect(last["line"] == .number(String(Int.max)))
            #expect(errors.count == 30)
            #expect(accepted.count == 7)
            #expect(error["path"]?.stringValue == control)
            #expect(error["message"]?.stringValue == control)
            #expect(errors.first?["message"]?.stringValue == control + "\"\\")
            #expect(error["code"]?.stringValue == "undocumented-error")
        }
    }
}
