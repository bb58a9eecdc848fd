import Testing
@testable import DocIngest

/// The one line splitter and notion of space the text readers share.
@Suite struct TextLinesTests {
    func lines(_ text: String) -> TextLines { TextLines(Array(text.utf8)) }

    @Test func linesEndAtNewlinesWithoutThemOrAStrayCarriageReturn() {
        let page = lines("a\r\nbb\n\nccc\r\n")
        #expect(page.count == 4)
        #expect((0..<page.count).map(page.text) == ["a", "bb", "", "ccc"])
        #expect(page.range(3) == 7..<10)
        // No empty line after the final newline; an unterminated last line is a line.
        #expect(lines("x\ny").count == 2)
        #expect(lines("x\ny").text(1) == "y")
        #expect(lines("").count == 0)
        #expect(lines("\n").count == 1)
    }

    @Test func spaceIsSpaceTabAndNoBreakSpace() {
        let page = lines("  \u{a0}\tName (string) \u{a0}\n \t \n\u{a0}x")
        #expect(page.indent(0) == 4)
        #expect(page.text(0) == "Name (string)")
        #expect(page.isBlank(1))
        #expect(page.indent(1) == nil)
        #expect(page.leadingSpace(1).columns == 3)
        #expect(page.indent(2) == 1)
        #expect(page.startsWith(0, "Name ("))
        #expect(page.is(0, "Name (string)"))
        #expect(TextSpace.trim("\n \u{a0}text\t\r\n") == "text")
        #expect(TextSpace.isSpace("\u{a0}") && TextSpace.isSpace("\t") && !TextSpace.isSpace("\n"))
    }

    @Test func everyLineTrimmedAtOnceAsOneByOne() {
        // Indentation longer than a word of eight spaces, ending in a tab or a no-break space;
        // lines of spaces only, of exactly eight, and a last line without a newline.
        let text = "                    'Name': 'string',\r\n        \n" + String(repeating: " ", count: 17) + "\t\u{a0}x \u{a0}\n"
            + "\u{a0}\u{a0}        y\n\n                z"
        let page = lines(text)
        #expect(page.trimmedRanges() == (0..<page.count).map(page.trimmed))
        #expect(page.trimmedRanges().map(page.string) == ["'Name': 'string',", "", "x", "y", "", "z"])
    }

    @Test func byteSearchesAndLineLookup() {
        let page = lines("first line\n  - **Name** *(dict) --* .. note::    tail\nlast")
        #expect(page.find(".. note::", in: page.range(1)) == 36)
        #expect(page.find(".. note::", in: page.range(0)) == nil)
        #expect(page.contains("tail", lines: 0..<2))
        #expect(!page.contains("last", lines: 0..<2))
        #expect(page.lineIndex(of: 0) == 0)
        #expect(page.lineIndex(of: 11) == 1)
        #expect(page.lineIndex(of: page.bytes.count - 1) == 2)
        #expect(page.hasSuffix(page.range(1), "tail"))
        #expect(page.nextContent(from: 0, before: 3) == 0)
        #expect(page.ranges.map { $0.count } == [10, 42, 4])
    }

    /// Ranges joined as one text decode as their joined bytes would: a character split
    /// across two ranges is repaired once, as in the joined text; none or one range work too.
    @Test func rangesJoinedAsOneText() {
        let page = lines("Ünïcode line\n  second  \nthird é")
        #expect(page.string(joining: [page.trimmed(0), page.trimmed(1), page.trimmed(2)], separator: "\n\n")
            == "Ünïcode line\n\nsecond\n\nthird é")
        #expect(page.string(joining: [Range<Int>](), separator: "\n\n") == "")
        #expect(page.string(joining: [page.trimmed(1)], separator: "--") == "second")
        let split = [0..<1, 1..<page.bytes.count]
        let joined = page.bytes[0..<1] + page.bytes[1...]
        #expect(page.string(joining: split, separator: "|") == String(decoding: page.bytes[0..<1] + Array("|".utf8) + page.bytes[1...], as: UTF8.self))
        #expect(page.string(joining: [0..<page.bytes.count], separator: "|") == String(decoding: joined, as: UTF8.self))
    }
}
