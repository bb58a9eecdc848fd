import Testing
import TestSupport

@Suite struct LineDiffTests {
    func diff(_ old: String, _ new: String) -> String {
        LineDiff.render(old: Array(old.utf8), new: Array(new.utf8))
    }

    @Test func showsChangedLinesWithContextAndLineNumbers() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 10\n", with: "line ten\n").replacingOccurrences(of: "line 15\n", with: "")
        #expect(diff(old, new) == """
            @@ -7 +7 @@
              line 7
              line 8
              line 9
            - line 10
            + line ten
              line 11
              line 12
              line 13
              line 14
            - line 15
              line 16
              line 17
              line 18
            """)
    }

    @Test func farApartChangesAreSeparateHunks() {
        let old = (1...30).map { "l\($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "l2\n", with: "x\n").replacingOccurrences(of: "l28\n", with: "y\n")
        let text = diff(old, new)
        #expect(text.components(separatedBy: "@@ -").count - 1 == 2)
        #expect(text.contains("@@ -25 +25 @@"))
    }

    @Test func aMissingFinalNewlineIsNamed() {
        #expect(diff("a\nb\n", "a\nb").contains("missing final newline"))
    }

    @Test func longDiffsAreCut() {
        let old = (1...500).map { "old \($0)" }.joined(separator: "\n")
        let new = (1...500).map { "new \($0)" }.joined(separator: "\n")
        let lines = diff(old, new).split(separator: "\n")
        #expect(lines.count == 81)
        #expect(lines.last?.hasPrefix("... ") == true)
    }
}
