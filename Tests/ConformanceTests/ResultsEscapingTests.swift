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
}
