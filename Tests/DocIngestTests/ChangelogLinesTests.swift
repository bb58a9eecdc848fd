import Testing
@testable import DocIngest

/// A changelog page's bytes as the reader sees them: no-break spaces read as plain spaces.
@Suite struct ChangelogLinesTests {
    @Test func noBreakSpacesBecomePlainSpacesAndNothingElseChanges() {
        // `&nbsp;` rendered inside and around a heading, a lone 0xC2 byte (not a no-break
        // space) kept, and one at the very end.
        var raw = Array("CreateFleet\u{a0}(updated)\n\u{a0}\u{a0}Changes\u{a0} Network\n".utf8)
        raw += [0x61, 0xC2, 0x62, 0x0A] + Array("é\u{a0}".utf8)
        let lines = ChangelogLines(raw)
        #expect(lines.count == 4)
        #expect(lines.text(0) == "CreateFleet (updated)")
        #expect(lines.text(1) == "Changes  Network")
        #expect(lines.bytes[lines.page.range(2)] == [0x61, 0xC2, 0x62])
        #expect(lines.text(3) == "é")
        #expect(lines.bytes.count == raw.count - 5)
    }

    @Test func aPageWithoutNoBreakSpacesIsReadAsItIs() {
        let raw = Array("2024/01/02 - Amazon EC2 - 1 updated api methods\n\n    Changes  x\n".utf8)
        let lines = ChangelogLines(raw)
        #expect(lines.bytes == raw)
        #expect((0..<lines.count).map(lines.text) == ["2024/01/02 - Amazon EC2 - 1 updated api methods", "", "Changes  x"])
        #expect(ChangelogLines([]).count == 0)
    }
}
