@testable import Conformance
import Testing

/// How issue messages show the values they quote (`IssueText`), decoded by the one JSON
/// unescaper (`JSONParser.string(literal:)`).
@Suite struct IssueTextTests {
    /// `"` + content + `"` as a record would hold it, and the content's ScannedString.
    private func scanned(_ content: String, _ body: (UnsafePointer<UInt8>, ScannedString) -> Void) {
        let bytes = Array(("\"" + content + "\"").utf8)
        bytes.withUnsafeBufferPointer { buf in
            var lexer = JSONLexer(buf)
            let str = try! lexer.scanString()
            body(buf.baseAddress!, str)
        }
    }

    @Test func escapedValuesAreShownDecoded() {
        scanned(#"tab\there \"q\" \ud83d\ude00 \u00e9"#) { p, str in
            #expect(IssueText.string(str, record: p) == "tab\there \"q\" 😀 é")
            #expect(IssueText.display(str, record: p) == #""tab\there \"q\" 😀 é""#)
        }
    }

    /// A long value is decoded only so far, cut where no escape or character is split: a cut
    /// inside `\u00e9` or inside a surrogate pair shows no stray hex digits or U+FFFD.
    @Test func longValuesAreCutOnWholeCharacters() {
        for unit in [#"\u00e9"#, #"\ud83d\ude00"#, "é", "😀"] {
            let content = String(repeating: unit, count: 100)
            scanned(content) { p, str in
                let shown = IssueText.display(str, record: p)
                let expectedCharacter = unit.hasPrefix(#"\u00"#) || unit == "é" ? "é" : "😀"
                #expect(shown.hasPrefix("\"") && shown.hasSuffix("…\""))
                let inner = shown.dropFirst().dropLast(2)
                #expect(!inner.isEmpty && inner.allSatisfy { String($0) == expectedCharacter }, "\(unit): \(shown)")
            }
        }
    }
}
