import APIModel
import Testing
import TestSupport
@testable import DocIngest

/// The byte-level helpers the reference reader uses for speed must give what the
/// Character-level or Dictionary-based code they replace gave.
@Suite struct ReferenceByteHelpersTests {
    @Test func fastSplitMatchesSplit() {
        let texts = ["POST /2015-03-31/functions HTTP/1.1", "GET /a//b/ HTTP/1.1", "/", "", "//x//", "a=b=c", "k=v&x=&=y&&z",
                     "PUT /café/{Name} HTTP/1.1", " leading and  double  spaces "]
        for text in texts {
            for separator: Character in [" ", "/", "=", "&"] {
                for maxSplits in [0, 1, 2, Int.max] {
                    for omitting in [true, false] {
                        let fast = text.fastSplit(separator, maxSplits: maxSplits, omittingEmptySubsequences: omitting).map(String.init)
                        let slow = text.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: omitting).map(String.init)
                        #expect(fast == slow, "\(text) split on \(separator), maxSplits \(maxSplits), omitting \(omitting)")
                    }
                }
            }
        }
        // On a substring too (query strings are split from the middle of a request line).
        let line = "GET /x?a=1&b=2 HTTP/1.1"
        let query = line[line.firstIndex(of: "?")!...].dropFirst()
        #expect(query.fastSplit("&").map(String.init) == ["a=1", "b=2 HTTP/1.1"])
    }

    @Test func textTableFindsExactlyWhatWasStored() {
        var table = TextTable<Int>(capacity: 4)
        // Long texts that share their length and both ends (only those are hashed) differ in the middle.
        let head = String(repeating: "A | ", count: 40), tail = String(repeating: " | Z", count: 40)
        let texts = (0..<300).map { "line \($0)" } + ["", "Required: No", "Required: No "]
            + ["x", "y"].map { head + $0 + tail }
        for (i, text) in texts.enumerated() { table[text] = i }
        for (i, text) in texts.enumerated() { #expect(table[text] == i, "\(text)") }
        #expect(table["Required: no"] == nil)
        #expect(table[head + "w" + tail] == nil)
        table["line 7"] = -7
        #expect(table["line 7"] == -7)
        // Two spellings of one text are two keys (facts are kept verbatim).
        table["caf\u{E9}"] = 1
        #expect(table["cafe\u{301}"] == nil)
    }

    @Test func memberListKeepsFirstPlaceAndLaterShape() {
        for count in [3, 40] {
            var list = MemberList()
            for i in 0..<count {
                let replaced = list.add(Shape(type: .string), forKey: "m\(i)")
                #expect(!replaced)
            }
            let replaced = list.add(Shape(type: .integer), forKey: "m1")
            #expect(replaced)
            let members = list.dictionary()
            #expect(members.keys.elementsEqual((0..<count).map { "m\($0)" }))
            #expect(members["m1"]?.type == .integer)
            #expect(members["m0"]?.type == .string)
        }
    }

    @Test func markdownLinkTextLosesLayoutSpacesOnly() {
        func render(_ line: String) -> MarkdownInline {
            Array(line.utf8).withUnsafeBufferPointer { MarkdownInline.render($0) }
        }
        let plain = render("Type: Array of [ TagSpecification ](API_TagSpecification.md) objects  ")
        #expect(plain.trimmedString == "Type: Array of TagSpecification objects")
        #expect(plain.links.map(\.text) == ["TagSpecification"])
        #expect(plain.links.map(\.pageID) == ["API_TagSpecification"])
        // Spaces that markup leaves at the start of a link text are dropped as well.
        let coded = render("See [` x `](API_X.md) and [ in-page ](#API_X_RequestSyntax).")
        #expect(coded.trimmedString == "See x and in-page.")
        #expect(coded.links.map(\.text) == ["x"])
        let sdk = render("[ AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/ec2-2016-11-15/AllocateAddress) ")
        #expect(sdk.links.map(\.target) == ["https://docs.aws.amazon.com/goto/boto3/ec2-2016-11-15/AllocateAddress"])
        #expect(sdk.links.map(\.pageID) == [nil])
    }

    /// Lines that made the renderer quadratic (each `[`, `<a ` or backtick run searched to the
    /// line's end again): rendered as their own text, in one pass.
    @Test func markdownRendersPathologicalLinesAsText() {
        func render(_ line: String) -> String {
            Array(line.utf8).withUnsafeBufferPointer { MarkdownInline.render($0).string }
        }
        for line in [String(repeating: "[", count: 2_000_000), String(repeating: "[a](b", count: 400_000),
                     (1..<1_500).map { String(repeating: "`", count: $0) + "x" }.joined()] {
            let same = render(line) == line
            #expect(same, "\(line.prefix(20))... not rendered as itself")
        }
        // An anchor left open runs to the line's end (found once, not once per `<a `).
        let anchors = render(String(repeating: "<a <a \"", count: 300_000))
        #expect(anchors.isEmpty)
        // Links still nest brackets, and a link's text holds no link.
        #expect(render("[a [b] c](API_X.md) [d](#e)") == "a [b] c d")
        #expect(render("[[x](API_Y.md)](API_X.md)") == "[x](API_Y.md)")
        #expect(render("``a`b`` and `c`") == "a`b and c")
    }

    /// Issue 21's reproducer: a real page with a 200 KB line of `[` reads as the page does.
    @Test func pageWithALineOfBracketsReadsAsThePage() throws {
        let page = String(decoding: try Fixtures.bytes("aws-reference/truncated/md-full/API_AttachRolePolicy.md"), as: UTF8.self)
        let cut = try #require(page.range(of: "## Request Parameters"))
        let padded = page[..<cut.lowerBound] + String(repeating: "[", count: 200_000) + "\n\n" + page[cut.lowerBound...]
        var log = DiagnosticLog()
        let read = { (bytes: [UInt8]) in
            ReferenceFormatParser(rendering: .markdown).parse([SourceDocument(path: "API_AttachRolePolicy.md", bytes: bytes)],
                                                            options: IngestOptions(serviceName: "iam"), log: &log)
        }
        let plain = read(Array(page.utf8)).services["iam"]?.operations["AttachRolePolicy"]
        let withBrackets = read(Array(padded.utf8)).services["iam"]?.operations["AttachRolePolicy"]
        #expect(withBrackets?.input == plain?.input && withBrackets?.errors == plain?.errors)
        #expect(plain?.input?.members.count == 2)
        #expect(log.diagnostics.isEmpty)
    }
}
