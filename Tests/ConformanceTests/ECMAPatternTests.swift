@testable import Conformance
import Foundation
import Testing
import TestSupport

@Suite("Java patterns as ECMA-262 (JSON Schema export)")
struct ECMAPatternTests {
    @Test func javaOnlySyntaxBecomesECMA() {
        // A surrogate pair written as two escapes is one supplementary code point; lone
        // surrogates match nothing in well-formed text and are left out.
        #expect(ECMAPattern.translate(#"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*$"#)
                == #"^[\t -\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^[\uD800\uDBFF-\uDC00\uDFFFa]+$"#) == #"^a+(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        // Octal escapes and POSIX classes (US-ASCII in Java) are spelled out.
        #expect(ECMAPattern.translate(#"^[^/:|\000-\037]+$"#) == #"^[^\u0000-\u001F\/:\|]+(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^\p{XDigit}{8}$"#) == #"^[0-9A-Fa-f]{8}(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        // A `-` after a class escape is a literal in Java, a syntax error in ECMA-262 (u flag).
        #expect(ECMAPattern.translate(#"^[\w- ]+$"#) == #"^[ \-0-9A-Z_a-z]+(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        // Unicode categories stay escapes; Java's own `\p{LD}` and `\p{all}` are read.
        #expect(ECMAPattern.translate(#"^[\p{L}\p{N}]+$"#) == #"^[\p{L}\p{N}]+(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^\p{LD}+$"#) == #"^[\p{L}\p{Nd}]+(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^[\x{60}\p{IsAlphabetic}]$"#) == #"^[`\p{Alphabetic}](?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^[^\p{IsWhitespace}]$"#) == #"^[^\p{White_Space}](?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^[\P{L}a]$"#) == #"^[a\P{L}](?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
    }

    @Test func javasDotSpaceAndEndKeepTheirMeaning() {
        // Java's `.` also excludes U+0085; `\s` is ASCII; `$` may stand before a final line terminator.
        #expect(ECMAPattern.translate(#"^a.b$"#) == #"^a[^\n\r\u0085\u2028\u2029]b(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"^\s$"#) == #"^[\t-\r ](?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        // Not at the pattern's end, `$` becomes a look-ahead; `\z` is ECMA's `$`.
        #expect(ECMAPattern.translate(#"^(a$|b)c"#) == #"^(?:a(?=(?:\r\n|[\n\r\u0085\u2028\u2029])?$)|b)c"#)
        #expect(ECMAPattern.translate(#"^a\z"#) == #"^a$"#)
    }

    @Test func repetitionsAtAFreeEndNeedOnlyTheirMinimum() {
        // Searched for, `X{1,8192}` at an unanchored end matches exactly when `X` does.
        #expect(ECMAPattern.translate(#"\S{1,8192}"#) == #"[^\t-\r ]"#)
        #expect(ECMAPattern.translate(#".*[a-z]{3,5}.*"#) == #"[a-z]{3}"#)
        #expect(ECMAPattern.translate(#"^[a-z]{3,5}"#) == #"^[a-z]{3}"#)
        #expect(ECMAPattern.translate(#"[a-z]{0,5}"#) == "")
        // Anchored, the count stays.
        #expect(ECMAPattern.translate(#"^[a-z]{3,5}$"#) == #"^[a-z]{3,5}(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
        #expect(ECMAPattern.translate(#"(?!x{2,3})a"#) == #"(?!x{2})a"#)
        #expect(ECMAPattern.translate(#"^\/(?!\.)+a"#) == #"^\/(?!\.)a"#)
    }

    @Test func syntaxOutsideTheReadableSubsetIsLeftToTheCaller() {
        #expect(ECMAPattern.translate(#"(a)\1"#) == nil)
        #expect(ECMAPattern.translate(#"a++"#) == nil)
        #expect(ECMAPattern.translate(#"(?i)abc"#) == nil)
    }

    /// Every distinct botocore 1.43.11 pattern with its sampled and mutated values: the
    /// translation, run by ICU (whose syntax matches what the translator prints once `\u{X}` is
    /// written `\x{X}` and ECMA's `$` as `\z`), gives the validator's verdict on every value.
    @Test func translationsAgreeWithTheValidatorOnEveryBotocorePattern() throws {
        let cases = try Fixtures.patternCases.get()
        let table = PatternTable(wholeValue: false)
        var translated = 0, checked = 0
        var disagreements: [String] = []
        for c in cases {
            guard let ecma = ECMAPattern.translate(c.pattern), let index = table.compile(c.pattern, shape: "S") else { continue }
            translated += 1
            // An empty translation accepts every value (the exporter leaves the keyword out).
            if ecma.isEmpty {
                for v in c.values {
                    let bytes = Array(v.utf8)
                    let java = bytes.withUnsafeBufferPointer { table.run(index, utf8: $0, ascii: bytes.count == v.unicodeScalars.count) }
                    if java == .noMatch { disagreements.append("\(c.pattern) -> (empty) on \(v.debugDescription): Java \(java)") }
                    checked += 1
                }
                continue
            }
            let (regex, reason) = ICURegex.compile(Self.icuSyntax(ecma), timeLimit: 200)
            guard let regex else {
                disagreements.append("\(c.pattern) -> \(ecma): ICU rejects it (\(reason ?? "?"))")
                continue
            }
            for v in c.values {
                let bytes = Array(v.utf8)
                let cps = v.unicodeScalars.map(\.value)
                let java = bytes.withUnsafeBufferPointer { table.run(index, utf8: $0, ascii: bytes.count == cps.count) }
                let viaECMA = cps.withUnsafeBufferPointer { regex.run($0, whole: false) }
                guard java != .gaveUp, viaECMA != .gaveUp else { continue }
                checked += 1
                if (java == .match) != (viaECMA == .match) {
                    disagreements.append("\(c.pattern) -> \(ecma) on \(v.debugDescription): Java \(java), translation \(viaECMA)")
                }
            }
        }
        #expect(translated > 4000)
        #expect(checked > 40000)
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10).joined(separator: "\n"))")
    }

    /// What the translator prints, in ICU's syntax: `\u{X}` as `\x{X}`, `$` (outside classes) as `\z`.
    static func icuSyntax(_ ecma: String) -> String {
        var out = ""
        var chars = Array(ecma)[...]
        var inClass = false
        while let ch = chars.popFirst() {
            switch ch {
            case "\\":
                guard let next = chars.popFirst() else { out.append(ch); break }
                if next == "u", chars.first == "{" { out += "\\x" } else { out.append(ch); out.append(next) }
            case "[": inClass = true; out.append(ch)
            case "]": inClass = false; out.append(ch)
            case "$" where !inClass: out += "\\z"
            case "&" where inClass: out += "\\&"  // an operator in ICU's sets
            default: out.append(ch)
            }
        }
        return out
    }
}
