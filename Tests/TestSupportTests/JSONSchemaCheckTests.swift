import APIModel
import Testing
import TestSupport

/// The draft-04 check on small schemas: each keyword's edge cases, and the schemas it refuses
/// rather than half-check.
@Suite struct JSONSchemaCheckTests {
    func problems(_ schema: String, _ instance: String) throws -> [String] {
        try JSONSchemaCheck(schema: Array(schema.utf8)).problems(in: Array(instance.utf8)).map(\.description)
    }

    @Test func integersAreNumbersWrittenWithoutFractionOrExponent() throws {
        let schema = #"{"type":"integer"}"#
        #expect(try problems(schema, "3") == [])
        #expect(try problems(schema, "-3") == [])
        #expect(try problems(schema, "3.0") == ["(root): type: number 3.0 is not integer"])
        #expect(try problems(schema, "1e2").count == 1)
        #expect(try problems(schema, "true").count == 1)
        #expect(try problems(#"{"type":"number"}"#, "3") == [])
        #expect(try problems(#"{"type":["string","null"]}"#, "null") == [])
        #expect(try problems(#"{"type":["string","null"]}"#, "{}") == ["(root): type: object is not null or string"])
    }

    @Test func enumAndUniqueItemsCompareNumbersByValueAndObjectsWithoutKeyOrder() throws {
        #expect(try problems(#"{"enum":[1,"a",{"x":1,"y":2}]}"#, "1.0") == [])
        #expect(try problems(#"{"enum":[1,"a",{"x":1,"y":2}]}"#, #"{"y":2,"x":1}"#) == [])
        #expect(try problems(#"{"enum":[1,"a"]}"#, #""b""#) == [#"(root): enum: "b" is not one of 1, "a""#])
        let unique = #"{"type":"array","uniqueItems":true}"#
        #expect(try problems(unique, #"[{"a":1,"b":[1,2]},{"b":[1,2],"a":1}]"#) == ["(root): uniqueItems: items 0 and 1 are equal"])
        #expect(try problems(unique, #"[{"a":1,"b":[1,2]},{"b":[2,1],"a":1}]"#) == [])
        #expect(try problems(unique, "[1,1.0]").count == 1)
    }

    @Test func boundsAreInclusiveAndExact() throws {
        let schema = #"{"minimum":1,"maximum":100.0}"#
        #expect(try problems(schema, "1") == [])
        #expect(try problems(schema, "100") == [])
        #expect(try problems(schema, "0.999999999999999999999") == ["(root): minimum: 0.999999999999999999999 is less than 1"])
        #expect(try problems(schema, "100.000000000000000001").count == 1)
        #expect(try problems(schema, #""200""#) == [], "bounds apply to numbers only")
    }

    @Test func objectKeywordsApplyToObjectsOnly() throws {
        let schema = #"{"properties":{"a":{"type":"string"}},"additionalProperties":{"type":"integer"},"required":["a"]}"#
        #expect(try problems(schema, #"{"a":"x","b":1}"#) == [])
        #expect(try problems(schema, #"{"a":1,"b":"y"}"#) == ["/a: type: integer 1 is not string", "/b: type: string is not integer"])
        #expect(try problems(schema, "{}") == [#"(root): required: "a" is missing"#])
        #expect(try problems(schema, "[]") == [])
        #expect(try problems(#"{"additionalProperties":false}"#, #"{"a/b~":1}"#) == [#"(root): additionalProperties: "a/b~" is not allowed here"#])
        #expect(try problems(#"{"properties":{"a/b~":{"type":"null"}}}"#, #"{"a/b~":1}"#) == ["/a~1b~0: type: integer 1 is not null"])
    }

    @Test func arrayKeywords() throws {
        let schema = #"{"items":{"type":"string"},"minItems":2}"#
        #expect(try problems(schema, #"["a","b"]"#) == [])
        #expect(try problems(schema, #"["a",2]"#) == ["/1: type: integer 2 is not string"])
        #expect(try problems(schema, #"["a"]"#) == ["(root): minItems: 1 item(s), at least 2 required"])
    }

    @Test func patternsSearchTheString() throws {
        #expect(try problems(#"{"pattern":"[0-9]+(\\.[0-9]+){3}"}"#, #""v1.2.3.4-beta""#) == [])
        #expect(try problems(#"{"pattern":"^[a-z]{2}$"}"#, #""abc""#) == [#"(root): pattern: "abc" does not match ^[a-z]{2}$"#])
    }

    @Test func anyOfAndOneOfCountTheAlternativesThatMatch() throws {
        let anyOf = #"{"anyOf":[{"required":["a"]},{"required":["b"]}]}"#
        #expect(try problems(anyOf, #"{"a":1,"b":2}"#) == [])
        #expect(try problems(anyOf, "{}") == ["(root): anyOf: matches none of the 2 alternatives"])
        let oneOf = #"{"oneOf":[{"required":["a"]},{"required":["b"]}]}"#
        #expect(try problems(oneOf, #"{"a":1}"#) == [])
        #expect(try problems(oneOf, #"{"a":1,"b":2}"#) == ["(root): oneOf: matches 2 of the 2 alternatives, exactly one required"])
        #expect(try problems(oneOf, "{}") == ["(root): oneOf: matches 0 of the 2 alternatives, exactly one required"])
    }

    @Test func refsResolveInsideTheDocumentIncludingRecursion() throws {
        let tree = ##"{"definitions":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/definitions/node"}},"name":{"type":"string"}},"additionalProperties":false}},"$ref":"#/definitions/node"}"##
        #expect(try problems(tree, #"{"name":"a","children":[{"name":"b","children":[]}]}"#) == [])
        #expect(try problems(tree, #"{"children":[{"children":[{"name":3}]}]}"#) == ["/children/0/children/0/name: type: integer 3 is not string"])
        // Draft-04: beside $ref, other keywords are ignored.
        #expect(try problems(##"{"definitions":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/s","type":"integer"}}}"##, #"{"a":"x"}"#) == [])
        #expect(try problems(##"{"properties":{"self":{"$ref":"#"}},"required":["x"]}"##, #"{"x":1,"self":{}}"#) == [#"/self: required: "x" is missing"#])
    }

    @Test(arguments: [
        ("uri", "https://user:pw@example.com:8443/a/b%20c?q=1&r=/x?#frag", true),
        ("uri", "urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true),
        ("uri", "file:///tmp/x.json", true),
        ("uri", "http://[2001:db8::7]/c=GB?objectClass?one", true),
        ("uri", "relative/path.json", false),
        ("uri", "http://exa mple.com/", false),
        ("uri", "http://example.com/%zz", false),
        ("uri", "http://example.com/a#b#c", false),
        ("uri", "http://example.com:80a/", false),
        ("uri", "http://example.com/é", false),
        ("uri-reference", "relative/path.json", true),
        ("uri-reference", "../a/b.jsonl", true),
        ("uri-reference", "", true),
        ("uri-reference", "#only-a-fragment", true),
        ("uri-reference", "//host/path", true),
        ("uri-reference", "dir/file%23name.json", true),
        ("uri-reference", "a b", false),
        ("uri-reference", "1a:b/c", false),
        ("uri-reference", "a\\b", false),
        ("date-time", "2024-02-29T23:59:60Z", true),
        ("date-time", "1985-04-12T23:20:50.52z", true),
        ("date-time", "1996-12-19T16:39:57-08:00", true),
        ("date-time", "2023-02-29T00:00:00Z", false),
        ("date-time", "2024-04-31T00:00:00Z", false),
        ("date-time", "2024-01-01T24:00:00Z", false),
        ("date-time", "2024-01-01 00:00:00Z", false),
        ("date-time", "2024-01-01T00:00:00", false),
        ("date-time", "2024-01-01T00:00:00.Z", false),
        ("date-time", "2024-01-01T00:00:00+0100", false),
        ("date-time", "2024-01-01", false),
    ])
    func formats(_ format: String, _ value: String, _ valid: Bool) throws {
        let found = try problems(#"{"format":"\#(format)"}"#, #""\#(value.replacingOccurrences(of: "\\", with: "\\\\"))""#)
        #expect(found.isEmpty == valid, "\(found)")
    }

    @Test(arguments: [
        (#"{"maxLength":3}"#, "keyword \"maxLength\" is not implemented"),
        (#"{"properties":{"a":{"not":{}}}}"#, "keyword \"not\" is not implemented"),
        (#"{"items":[{"type":"string"}]}"#, "only a single schema"),
        (#"{"required":"a"}"#, "must be an array of strings"),
        (#"{"required":[]}"#, "must not be empty"),
        (#"{"type":"text"}"#, "unknown type"),
        (#"{"minItems":-1}"#, "non-negative integer"),
        (#"{"format":"email"}"#, "is not checked"),
        (#"{"pattern":"("}"#, "does not compile"),
        (##"{"$ref":"#/definitions/missing"}"##, "does not resolve"),
        (##"{"$ref":"other.json#/a"}"##, "only references into this document"),
        (#"{"$schema":"http://json-schema.org/draft-07/schema#"}"#, "only draft-04"),
        (##"{"properties":{"a":{"id":"#a"}}}"##, "an id below the root"),
        (#"[]"#, "a schema must be an object"),
    ])
    func schemasItCannotFullyCheckAreRefused(_ schema: String, _ reason: String) {
        #expect {
            _ = try JSONSchemaCheck(schema: Array(schema.utf8))
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
