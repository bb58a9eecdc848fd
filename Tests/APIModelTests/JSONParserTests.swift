@testable import APIModel
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueAndKeepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, -2.5e3, "x\u00e9\n"], "m": {}}"#)
        let pairs = try #require(value.objectValue)
        #expect(pairs.map(\.key) == ["z", "a", "m"])
        #expect(value["z"] == .number("1"))
        #expect(value["a"] == .array([.bool(true), .bool(false), .null, .number("-2.5e3"), .string("xé\n")]))
        #expect(value["m"] == .object([]))
    }

    @Test func joinsSurrogatePairEscapes() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    /// One string literal decoded on its own (the validator's messages and keys use it).
    @Test func decodesOneStringLiteralOrNothing() {
        func literal(_ text: String) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { JSONParser.string(literal: $0) }
        }
        #expect(literal(#""a\tb\u00e9\ud83d\ude00\/""#) == "a\tbé😀/")
        #expect(literal(#""plain""#) == "plain")
        #expect(literal(#""""#) == "")
        #expect(literal(#""cut \u00"#) == nil)
        #expect(literal(#""a" "b""#) == nil)
        #expect(literal("plain") == nil)
    }

    @Test(arguments: [
        (#"{"a": 1"#, 1), ("{\n\"a\": tru}", 2), (#"[1, 2,]"#, 1), (#"{"a" 1}"#, 1), ("\"abc", 1), ("01", 1), ("{} x", 1),
    ])
    func reportsMalformedInputWithLine(text: String, line: Int) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            (error as? JSONParseError)?.line == line
        }
    }

    @Test func boundsNestingDepthInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    /// Strings with escapes take another path than plain ones: long runs between escapes,
    /// escapes at either end, a lone surrogate, raw UTF-8 beside escapes.
    @Test func unescapesStringsWithRunsBetweenEscapes() throws {
        let text = String(repeating: "<a href=\\\"x\\\">é</a>\\n", count: 50)
        let expected = String(repeating: "<a href=\"x\">é</a>\n", count: 50)
        #expect(try JSONParser.parse("\"\(text)\"") == .string(expected))
        #expect(try JSONParser.parse(#""\"""#) == .string("\""))
        #expect(try JSONParser.parse(#""\u0041bc\u00e9""#) == .string("Abcé"))
        #expect(try JSONParser.parse(#""x\ud800y""#) == .string("x\u{FFFD}y"))
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x5C, 0x6E, 0x0A, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""ab\n"#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""ab\"#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""ab\q""#) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let original = JSONValue.object([("k\"ey", .string("tab\tquote\"back\\slash\u{01}")), ("n", .number("12.50")),
                                         ("list", .array([.null, .bool(true), .object([])]))])
        for pretty in [true, false] {
            var w = JSONWriter(pretty: pretty)
            w.value(original)
            #expect(try JSONParser.parse(w.bytes) == original)
        }
    }

    /// Members named the omitted key are left out only when their value is a string, wherever
    /// they stand in an object; everything else parses as without the option.
    @Test func omitsStringMembersNamedTheGivenKey() throws {
        let text = #"{"doc": "a", "k": {"doc": "b\n\u00e9", "x": 1, "doc": "c"}, "l": [{"doc": "d"}, {"doc": {"v": "e"}}], "doc": ["f"], "z": {"doc": "g"}}"#
        let value = try JSONParser.parse(Array(text.utf8), omittingStringMembers: "doc")
        let expected = try JSONParser.parse(#"{"k": {"x": 1}, "l": [{}, {"doc": {"v": "e"}}], "doc": ["f"], "z": {}}"#)
        #expect(value == expected)
        #expect(try JSONParser.parse(Array(text.utf8), omittingStringMembers: nil) == JSONParser.parse(text))
    }

    /// An omitted string is checked as strictly as a kept one, and a malformed document fails
    /// at the same place with the same message.
    @Test(arguments: [
        #"{"doc": "a" ]"#, #"{"doc": "a",}"#, "{\n\"doc\": \"a\"", #"{"doc": "a\q"}"#, "{\"doc\": \"a\u{01}\"}", #"{"doc": "a", "doc" 1}"#,
        #"{"x": {"doc": "a"} "y": 1}"#, #"[{"doc": "a"}"#,
    ])
    func omittingFailsWhereParsingFails(text: String) {
        var plain: JSONParseError?
        var omitting: JSONParseError?
        do { _ = try JSONParser.parse(text) } catch { plain = error }
        do { _ = try JSONParser.parse(Array(text.utf8), omittingStringMembers: "doc") } catch { omitting = error }
        #expect(plain != nil)
        #expect(plain?.description == omitting?.description)
    }
}
