@testable import Reports
import Testing

@Suite("Page text helpers")
struct HTMLMarkupTests {
    @Test("README backticks become code; everything stays escaped")
    func inlineCode() {
        #expect(HTML.withInlineCode("a `<b>` c") == "a <code>&lt;b&gt;</code> c")
        #expect(HTML.withInlineCode("odd ` tick") == "odd ` tick")
        #expect(HTML.withInlineCode("`x` and `y") == "<code>x</code> and `y")
        #expect(HTML.withInlineCode("no code & <tags>") == "no code &amp; &lt;tags&gt;")
    }

    @Test("numbers with thousands separators; ids from any text")
    func numbersAndIDs() {
        #expect(HTML.number(1_234_567) == "1,234,567")
        #expect(HTML.number(999) == "999")
        #expect(HTML.id("op", "ec2", "Describe Images/x") == "op--ec2--Describe-Images-x")
    }
}
