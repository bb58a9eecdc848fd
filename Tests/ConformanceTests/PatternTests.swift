import APIModel
import Conformance
import Foundation
import Testing
import TestSupport

/// A one-operation model whose input has one string member per pattern.
func patternPlan(_ patterns: [String], full: Bool = false) -> ValidationPlan {
    var service = Service(name: "p")
    var op = Operation(name: "Op")
    var input = Shape(type: .structure)
    for (i, p) in patterns.enumerated() {
        var s = Shape(type: .string)
        s.pattern = p
        s.name = "S\(i)"
        input.members["M\(i)"] = s
    }
    op.input = input
    service.operations["Op"] = op
    return ValidationPlan(model: Model(services: [service]), wholeValuePatterns: full)
}

private func matches(_ pattern: String, _ value: String, full: Bool = false) -> Bool {
    let plan = patternPlan([pattern], full: full)
    var quoted = "\""
    for u in value.unicodeScalars {
        switch u {
        case "\"": quoted += "\\\""
        case "\\": quoted += "\\\\"
        case "\n": quoted += "\\n"
        default: quoted.unicodeScalars.append(u)
        }
    }
    quoted += "\""
    let r = Fixtures.check(Fixtures.record(service: "p", operation: "Op", payloadJSON: "{\"M0\":\(quoted)}"), plan: plan)
    return r.valid
}

@Test func patternsAreSearchedNotFullyMatched() {
    #expect(matches("[a-z]+", "ABC-def"))
    #expect(!matches("[a-z]+", "ABC-DEF"))
    #expect(matches("^[a-zA-Z0-9_.-]{1,100}$", "my.bucket_name-1"))
    #expect(!matches("^[a-zA-Z0-9_.-]{1,100}$", "has space"))
    #expect(matches("^[a-z]+$", "abc\n"))  // Java's $ before a final line terminator
    #expect(!matches("^[a-z]+\\z", "abc\n"))
    #expect(matches("arn:.*", "xx arn:aws:iam"))
    #expect(matches("[0-9a-f]{8}-[0-9a-f]{4}", "id=0123abcd-ef01!"))
    #expect(!matches("^\\d{12}$", "12345678901"))
    #expect(matches(".*\\S.*", "  x "))
    #expect(!matches(".*\\S.*", "   "))
    // Full-match mode for teams that want whole values.
    #expect(!matches("[a-z]+", "ABC-def", full: true))
    #expect(matches("[a-z]+", "abc", full: true))
}

@Test func javaSyntaxIsUnderstood() {
    #expect(matches("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$", "Grüße 123 :/=+-@"))
    #expect(!matches("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$", "semi;colon"))
    #expect(matches("^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$", "emoji 😀 ok"))
    #expect(!matches("^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$", "bell \u{07}"))
    #expect(matches("^\\P{C}*$", "printable"))
    #expect(!matches("^\\P{C}*$", "tab\there"))
    // \d and \w are ASCII-only in Java.
    #expect(!matches("^\\d+$", "١٢٣"))
    // Through ICU: look-ahead, alternation, possessive and atomic groups.
    #expect(!matches("^(?!aws:)[a-z:]+$", "aws:tag"))
    #expect(matches("^(?!aws:)[a-z:]+$", "my:tag"))
    #expect(matches("^(abc|def)+$", "abcdef"))
    #expect(matches("^a*+b$", "aaab"))
    #expect(matches("^(?>a+)b$", "aab"))
    // `}` and `]` with nothing to close are literals (patterns of botocore's storagegateway,
    // iottwinmaker and groundstation, which ICU cannot compile).
    #expect(matches(#"^\{[\w\s:\{\}\[\]"]*}$"#, #"{"a": [1]}"#))
    #expect(!matches(#"^\{[\w\s:\{\}\[\]"]*}$"#, #"{"a": [1]"#))
    #expect(matches(#"(^\$\{Parameters\.[a-zA-z]+([a-zA-z_0-9]*)}$)"#, "${Parameters.Name_1}"))
    #expect(!matches(#"(^\$\{Parameters\.[a-zA-z]+([a-zA-z_0-9]*)}$)"#, "${Parameters.1}"))
    #expect(matches(#"^([a-z]|\{day\}|\{config\-name}){1,9}$"#, "ab{config-name}{day}", full: true))
    #expect(!matches(#"^([a-z]|\{day\}|\{config\-name}){1,9}$"#, "ab{config-name", full: true))
    #expect(matches("^a]b$", "a]b"))
    let plan = patternPlan([#"^\{[\w\s:\{\}\[\]"]*}$"#, "^a]b$", "^x}$"])
    _ = plan.roots(service: "p", operation: "Op")
    #expect(plan.unsupportedPatterns.isEmpty, "\(plan.unsupportedPatterns)")
}

@Test func unsupportedPatternIsReportedOnceNotAsAPayloadFailure() {
    let plan = patternPlan(["[a-z", "[a-z"])
    let r = Fixtures.check(Fixtures.record(service: "p", operation: "Op", payloadJSON: "{\"M0\":\"x\",\"M1\":\"y\"}"), plan: plan)
    #expect(r.valid)
    #expect(plan.unsupportedPatterns.count == 2)  // once per shape using it
    #expect(Set(plan.unsupportedPatterns.map(\.pattern)) == ["[a-z"])
}

@Test func pathologicalPatternIsBounded() {
    // Exponential backtracking for a full match on a failing input.
    let pattern = "^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$"
    let plan = patternPlan([pattern])
    let value = String(repeating: "a", count: 40) + "/" + String(repeating: "a-", count: 30) + "!"
    let start = Date()
    for _ in 0..<20 {
        _ = Fixtures.check(Fixtures.record(service: "p", operation: "Op", payloadJSON: "{\"M0\":\"\(value)\"}"), plan: plan)
    }
    #expect(Date().timeIntervalSince(start) < 30)
}

@Test func javaEscapesAndBinaryPropertiesTheFastEnginesRead() {
    // Octal and braced hex escapes are code points.
    #expect(matches(#"^[^/:|\000-\037]+$"#, "ab"))
    #expect(!matches(#"^[^/:|\000-\037]+$"#, "a\u{1F}b"))
    #expect(matches(#"^[\x{60}\x{0022}a]+$"#, "`\"a"))
    #expect(!matches(#"^[\x{60}]+$"#, "a"))
    // Java's binary properties (`Is` + a name, case and underscores ignored) and its own classes.
    #expect(matches(#"^\p{IsWhitespace}+$"#, "\u{3000}\u{A0} "))
    #expect(!matches(#"^\p{IsWhite_Space}+$"#, "a"))
    #expect(matches(#"^\p{IsAlphabetic}+$"#, "éΩ"))
    #expect(!matches(#"^\p{IsAlphabetic}+$"#, "1"))
    #expect(matches(#"^\p{LD}+$"#, "a1é"))
    #expect(!matches(#"^\p{LD}+$"#, "-"))
    #expect(matches(#"^[\p{all}]*$"#, "any\u{1F600}thing"))
}

@Test func aRepeatedLookAroundHoldsAsOftenAsItHoldsOnce() {
    // efs/s3files write `(?!\.)+`: one or more of a zero-width test is the test.
    #expect(matches(#"^(\/(?!\.)+[a-z]+)$"#, "/abc"))
    #expect(!matches(#"^(\/(?!\.)+[a-z]+)$"#, "/.abc"))
    #expect(matches(#"^a(?!b)*b$"#, "ab"))
}
