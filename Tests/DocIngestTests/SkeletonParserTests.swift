import Testing
@testable import DocIngest
import TestSupport

@Suite struct SkeletonParserTests {
    let boto3 = SkeletonParser(dialect: .boto3)
    let reference = SkeletonParser(dialect: .awsReferenceJSON)

    func entry(_ node: SkeletonNode, _ key: String) -> SkeletonNode? {
        node.entries.first { $0.keyText == key }?.value
    }

    @Test func boto3RequestSkeletonKeepsEveryLiteralKind() throws {
        let doc = try boto3.parse(try Fixtures.bytes("boto3-rst/skeletons/boto3-request.txt"))
        #expect(doc.assignedTo == "response")
        let call = doc.value
        #expect(call.kind == .call(name: "client.put_thing"))
        #expect(call.entries.map(\.keyText) == ["Name", "Count", "Ratio", "Enabled", "Mode", "When", "Body", "Payload",
                                                 "Doc", "Tags", "Limits", "Items"])
        #expect(call.entries.allSatisfy { $0.isKeywordArgument })
        #expect(entry(call, "Name")?.kind == .string("string"))
        #expect(entry(call, "Count")?.kind == .number("123", isFloat: false))
        #expect(entry(call, "Ratio")?.kind == .number("123.0", isFloat: true))
        #expect(entry(call, "Enabled")?.summary == "True|False")
        #expect(entry(call, "Mode")?.alternatives.compactMap(\.stringValue) == ["FAST", "SLOW", "ec2:Instance"])
        #expect(entry(call, "When")?.summary == "datetime(2015,1,1)")
        #expect(entry(call, "Body")?.summary == "b'bytes'|file")
        #expect(entry(call, "Payload")?.kind == .bytes("bytes"))
        #expect(entry(call, "Doc")?.summary == "{...}|[...]|123|123.4|'string'|True|None")
        #expect(entry(call, "Tags")?.summary == "{'string':'string'}")
        #expect(entry(call, "Limits")?.entries.first?.key.alternatives.compactMap(\.stringValue) == ["CPU", "MEMORY"])
        let item = try #require(entry(call, "Items")?.items.first)
        #expect(entry(item, "Nested")?.summary == "{'... recursive ...'}")
        #expect(entry(item, "Empty")?.kind == .object)
        #expect(entry(item, "Empty")?.entries.isEmpty == true)
    }

    @Test func everyNodeCarriesItsLine() throws {
        let doc = try boto3.parse(try Fixtures.bytes("boto3-rst/skeletons/boto3-request.txt"), firstLine: 101)
        #expect(doc.value.line == 101)
        #expect(doc.value.entries.first?.line == 102)
        #expect(entry(doc.value, "Tags")?.entries.first?.line == 112)
        let item = try #require(entry(doc.value, "Items")?.items.first)
        #expect(item.line == 18 + 100)
        #expect(entry(item, "Nested")?.line == 20 + 100)
    }

    @Test func boto3ResponseSkeletonWithStreamsAndNestedLists() throws {
        let doc = try boto3.parse(try Fixtures.bytes("boto3-rst/skeletons/boto3-response.txt"))
        #expect(doc.assignedTo == nil)
        #expect(entry(doc.value, "Body")?.kind == .call(name: "StreamingBody"))
        let stream = try #require(entry(doc.value, "Stream"))
        #expect(stream.kind == .call(name: "EventStream"))
        #expect(stream.items.first?.entries.map(\.keyText) == ["Chunk", "Stats"])
        #expect(entry(doc.value, "Values")?.summary == "[['string']]")
    }

    @Test func referenceJSONSkeletons() throws {
        let text = try reference.parse(try Fixtures.bytes("boto3-rst/skeletons/reference-text-request.txt"))
        #expect(text.value.entries.map(\.keyText) == ["clientToken", "distributionConfigurationArn", "executionRole",
                                                      "loggingConfiguration", "sourceImage", "tags"])
        #expect(entry(text.value, "tags")?.summary == "{'string':'string'}")
        #expect(entry(text.value, "tags")?.line == 9)
        let markdown = try reference.parse(try Fixtures.bytes("boto3-rst/skeletons/reference-json-request.txt"))
        let rule = try #require(entry(markdown.value, "Rules")?.items.first)
        let filter = try #require(entry(rule, "InterruptionFilter"))
        #expect(entry(filter, "Negate")?.kind == .word("boolean"))
        #expect(entry(filter, "Threshold")?.kind == .word("number"))
        #expect(entry(try #require(entry(rule, "SentimentFilter")), "Sentiments")?.summary == "['string']")
        let inline = try reference.parse(#"{ "Attributes": { "string" : JSON value }, "Data": blob, "L": [ "AttributeValue" ] }"#)
        #expect(entry(inline.value, "Attributes")?.entries.first?.value.kind == .word("JSON value"))
        #expect(entry(inline.value, "Data")?.kind == .word("blob"))
    }

    @Test func unbalancedBracketsNameBothLines() {
        #expect(throws: SkeletonError(.unbalanced, line: 4, "unbalanced brackets: '[' opened on line 2 is closed by '}'")) {
            try reference.parse(try Fixtures.bytes("boto3-rst/skeletons/bad-unbalanced.txt"))
        }
        #expect(throws: SkeletonError(.unclosed, line: 2, "'{' opened on line 2 is never closed")) {
            try boto3.parse(try Fixtures.bytes("boto3-rst/skeletons/bad-unclosed.txt"))
        }
        #expect(throws: SkeletonError(.unbalanced, line: 1, "unbalanced brackets: '}' closes nothing")) {
            try boto3.parse("{'a': 'string'}}")
        }
    }

    @Test func unknownLiteralsAreErrorsWithTheirLine() {
        for (file, message) in [("bad-unknown-call.txt", "unknown literal 'Decimal(...)'"),
                                ("bad-unknown-char.txt", "unknown literal starting with '@'"),
                                ("bad-unknown-word.txt", "unknown literal 'nothing'")] {
            #expect(throws: SkeletonError(.unknownLiteral, line: 3, message)) {
                try boto3.parse(try Fixtures.bytes("boto3-rst/skeletons/" + file))
            }
        }
        // Words of one dialect are unknown in the other.
        #expect(throws: SkeletonError(.unknownLiteral, line: 1, "unknown literal 'number'")) { try boto3.parse("{'a': number}") }
        #expect(throws: SkeletonError(.unknownLiteral, line: 1, "unknown literal 'True'")) { try reference.parse(#"{"a": True}"#) }
    }

    @Test func garbageNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? boto3.parse(bytes)
            _ = try? reference.parse(bytes)
            // Any start and limit, even outside the bytes: the end found is within them.
            let from = Int.random(in: -2...bytes.count + 2, using: &generator)
            let limit = Int.random(in: -2...bytes.count + 2, using: &generator)
            if let read = boto3.parseBracketedValue(bytes, from: from, limit: limit) {
                #expect(read.end > max(from, 0) && read.end <= min(limit, bytes.count))
            }
        }
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: SkeletonError.self) { try boto3.parse(deep) }
        #expect(throws: SkeletonError(.empty, line: 3, "empty syntax block")) { try boto3.parse("\n  \n ") }
        #expect(throws: SkeletonError(.unclosed, line: 1, "string literal opened on line 1 is never closed")) { try boto3.parse("{'a': 'str") }
    }

    @Test func truncatedSkeletonsAlwaysFailCleanly() throws {
        let bytes = try Fixtures.bytes("boto3-rst/skeletons/boto3-request.txt")
        var failures = 0
        for cut in 0..<bytes.count {
            do { _ = try boto3.parse(Array(bytes[0..<cut])) } catch { failures += 1; #expect(error.line >= 1 && error.line <= 24) }
        }
        // Only the whole text (up to trailing whitespace) is a complete value.
        #expect(failures >= bytes.count - 2)
    }

    /// Quoted literals are skipped eight bytes at a step: the end, an escape or a line break
    /// at every offset within a step, before and after a step, must be found.
    @Test func quotedLiteralsEndWhereverTheirQuoteFalls() throws {
        for length in 0...20 {
            let text = String(repeating: "x", count: length)
            let doc = try boto3.parse("{'K': '\(text)', \"D\": \"\(text)é\"}")
            #expect(entry(doc.value, "K")?.stringValue == text)
            #expect(entry(doc.value, "D")?.stringValue == text + "é")
            let escaped = try boto3.parse("['\(text)\\'\(text)']")
            #expect(escaped.value.items.first?.stringValue == text + "\\'" + text)
            let other = try boto3.parse("[\"\(text)'\(text)\"]")
            #expect(other.value.items.first?.stringValue == text + "'" + text)
            let broken = #expect(throws: SkeletonError.self) { try boto3.parse("[\n'\(text)\n\(text)']") }
            #expect(broken?.reason == .unclosed)
            #expect(broken?.line == 2)
        }
    }

    /// A bracketed value at the start of a block is read with its end, without the rest of the
    /// block; the same tree and lines as parsing exactly its extent.
    @Test func bracketedValueReportsWhereItEnds() throws {
        for file in ["boto3-request.txt", "boto3-response.txt"] {
            let literal = try Fixtures.bytes("boto3-rst/skeletons/" + file)
            let whole = try boto3.parse(literal, firstLine: 7)
            let trimmed = literal.lastIndex { $0 != 0x0A && $0 != 0x20 }.map { $0 + 1 } ?? 0
            // Whatever follows the value, even a `|` or an unbalanced bracket, is not read.
            for tail in ["", "\n| 'more'", "Response\n}}}", "\n\nExceptions\n(", " or None"] {
                let bytes = Array(literal[0..<trimmed]) + Array(tail.utf8)
                let read = try #require(boto3.parseBracketedValue(bytes, from: 0, limit: bytes.count, firstLine: 7))
                #expect(read.end == trimmed)
                #expect(read.document == whole)
            }
        }
        let page = Array("Response Syntax\n\n{'A': 'string'}\n\nnext".utf8)
        let dict = try #require(boto3.parseBracketedValue(page, from: 17, limit: page.count, firstLine: 3))
        #expect(dict.end == 32)
        #expect(dict.document.value.summary == "{'A':'string'}")
        #expect(dict.document.value.entries.first?.line == 3)
    }

    /// Nil for anything but a complete bracketed value, so that the caller reads the block the
    /// general way and the parser's message names what is wrong.
    @Test func bracketedValueIsNilWhenNotOneCompleteLiteral() throws {
        for text in ["{'A': 'string'", "{'A': 'string']", "'string'", "True|False", "None", "   ", "",
                     "{'A': number}", "response = client.f(A='x'", "[\n'a\n']"] {
            let bytes = Array(text.utf8)
            #expect(boto3.parseBracketedValue(bytes, from: 0, limit: bytes.count) == nil, "\(text)")
        }
        // The limit bounds the read: a value closing after it is incomplete.
        let bytes = Array("{'A': 'string'}".utf8)
        #expect(boto3.parseBracketedValue(bytes, from: 0, limit: bytes.count - 1) == nil)
        let call = Array("response = client.f(\n  A='x'\n)\nText after it".utf8)
        let read = try #require(boto3.parseBracketedValue(call, from: 0, limit: call.count))
        #expect(read.document.assignedTo == "response")
        #expect(read.document.value.summary == "client.f(A='x')")
        #expect(read.end == 30)
    }
}
