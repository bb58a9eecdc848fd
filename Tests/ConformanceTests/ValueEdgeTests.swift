@testable import Conformance
import APIModel
import Foundation
import Testing
import TestSupport

/// Numbers, surrogates and patterns at their edges (reproducers: ../shared/reliability/numbers,
/// lone-surrogate, slow-pattern, long-value-pattern).
@Suite struct ValueEdgeTests {
    /// A one-operation model with one member of each scalar type, no bounds.
    private static func scalarPlan() -> ValidationPlan {
        var service = Service(name: "t")
        var op = Operation(name: "Types")
        op.input = .structure([("I", Shape(type: .integer)), ("L", Shape(type: .long)), ("F", Shape(type: .float)),
                               ("D", Shape(type: .double)), ("S", Shape(type: .string))])
        service.operations["Types"] = op
        return ValidationPlan(model: Model(services: [service]))
    }

    private func codes(_ member: String, _ literal: String) -> [String] {
        let record = Fixtures.record(service: "t", operation: "Types", payloadJSON: "{\"\(member)\":\(literal)}")
        return Fixtures.check(record, plan: Self.scalarPlan()).issues.map(\.code.rawValue)
    }

    @Test(arguments: [
        ("I", "1e-400", "type"), ("I", "4.9e-325", "type"), ("I", "1.5", "type"), ("I", "1.0000000000000000001", "type"),
        ("I", "1e400", "range"), ("I", "2.147483648e9", "range"), ("I", "-2.147483649e9", "range"),
        ("I", "1.5e1", ""), ("I", "150e-1", ""), ("I", "1.0", ""), ("I", "-0.0", ""), ("I", "2147483647.0", ""),
        ("I", "0e999999999999999999999", ""), ("I", "0.000e-7", ""),
        ("L", "9.223372036854775807e18", ""), ("L", "-9.223372036854775808e18", ""),
        ("L", "9.223372036854775808e18", "range"), ("L", "1e19", "range"), ("L", "12345678901234567890123", "range"),
        ("D", "1e400", "range"), ("D", "-1e400", "range"), ("D", "1e308", ""), ("D", "4.9e-325", ""), ("D", "1.5", ""),
        ("F", "1e39", "range"), ("F", "-3.5e38", "range"), ("F", "3e38", ""), ("F", "1e-50", ""),
    ])
    func numbersAreJudgedOnTheirExactValue(member: String, literal: String, code: String) {
        #expect(codes(member, literal) == (code.isEmpty ? [] : [code]), "\(member) = \(literal)")
    }

    @Test func infinityIsMalformedAsBefore() {
        #expect(codes("D", "Infinity") == ["malformed"])
        #expect(codes("D", "-Infinity") == ["malformed"])
    }

    @Test(arguments: [
        (#""\ud800""#, "malformed"), (#""b\ud800""#, "malformed"), (#""\udc00x""#, "malformed"),
        (#""\ud800\u0041""#, "malformed"), (#""\ud800\ud800""#, "malformed"), (#""\uDBFF""#, "malformed"),
        (#""\ud83d\ude00""#, ""), (#""\uD83D\uDE00 ok""#, ""), (#""\u00e9""#, ""),
    ])
    func halfASurrogatePairIsMalformed(literal: String, code: String) {
        #expect(codes("S", literal) == (code.isEmpty ? [] : [code]), "\(literal)")
    }

    @Test func loneSurrogatesInKeysAndEnvelopesAreMalformedToo() {
        let inKey = Array(#"{"service":"t","operation":"Types","direction":"request","payload":{"\ud800":1}}"#.utf8)
        #expect(Fixtures.check(inKey, plan: Self.scalarPlan()).issues.map(\.code) == [.malformed])
        let inEnvelope = Array(#"{"service":"t\udc00","operation":"Types","direction":"request","payload":{}}"#.utf8)
        #expect(Fixtures.check(inEnvelope, plan: Self.scalarPlan()).issues.map(\.code) == [.malformed])
    }

    /// A one-member model whose string has `pattern`.
    private static func patternPlan(_ pattern: String, allowUnchecked: Bool = false) -> ValidationPlan {
        var s = Shape(type: .string)
        s.pattern = pattern
        var op = Operation(name: "Op")
        op.input = .structure([("P", s)])
        var service = Service(name: "p")
        service.operations["Op"] = op
        return ValidationPlan(model: Model(services: [service]), allowUnchecked: allowUnchecked)
    }

    private func check(_ plan: ValidationPlan, _ value: String) -> RecordResult {
        Fixtures.check(Fixtures.record(service: "p", operation: "Op", payloadJSON: "{\"P\":\"\(value)\"}"), plan: plan)
    }

    @Test func longValuesAreCheckedWhateverThePattern() {
        // application-autoscaling's ScheduledActionName: a look-ahead at every position, which the
        // position-set matcher decides one position at a time (12-14 s on 300 KB before).
        let scheduled = #"(?!((^[ ]+.*)|(.*([\u0000-\u001f]|[\u007f-\u009f]|[:/|])+.*)|(.*[ ]+$))).+"#
        let plan = Self.patternPlan(scheduled)
        let long = String(repeating: "x", count: 300_000)
        #expect(check(plan, long).valid)
        #expect(check(plan, long + ":").issues.map(\.code) == [.pattern])
        #expect(check(plan, " " + long).valid)  // searched: the value from position 1 on qualifies
        #expect(check(plan, long + " ").issues.map(\.code) == [.pattern])
        #expect(plan.patternsGivenUp.isEmpty)
        // No length is too long to check: a 10 MB value is matched, not passed (long-value-pattern).
        let simple = Self.patternPlan("^[a-z]+$")
        let huge = String(repeating: "a", count: 10_000_000)
        #expect(check(simple, huge).valid)
        #expect(check(simple, huge + "!").issues.map(\.code) == [.pattern])
        #expect(simple.patternsGivenUp.isEmpty)
    }

    @Test func aValueThatCouldNotBeCheckedIsNotValid() {
        // A back-reference keeps this pattern on ICU, which backtracks exponentially on it.
        let pattern = #"^(a*)*\1b$"#
        let value = String(repeating: "a", count: 40)
        let strict = Self.patternPlan(pattern)
        let r = check(strict, value)
        #expect(r.issues.map(\.code) == [.unchecked])
        #expect(r.issues.first?.message.contains("could not be checked against pattern") == true)
        #expect(strict.patternsGivenUp.map(\.values) == [1])
        let lenient = Self.patternPlan(pattern, allowUnchecked: true)
        #expect(check(lenient, value).valid)
        #expect(lenient.patternsGivenUp.map(\.values) == [1])
    }

    /// Patterns where the fast engines decline or give up on long values: the linear NFA must
    /// give ICU's verdict there (values long enough for the position-set matcher's budget).
    @Test(arguments: [
        #"^(?!aws:)[a-zA-Z+-=._:/]+$"#, #"[a-z](?=[0-9])"#, #"(?<=[0-9])[a-z]+$"#, #"^(ab|cd)*e?$"#,
        #"^([a-z0-9]+\.)*[a-z0-9]+$"#, #"(?!.*--)[a-z-]{3,}"#, #"^(?:(?!x).)*$"#, #"^((?=a)a|b)+$"#,
        #"\p{L}+(?=\d)"#, #"^[^\s]+(\s+[^\s]+)*$"#,
    ])
    func theLinearEngineAgreesWithICUOnLongValues(pattern: String) throws {
        let node = try #require(RegexNode.parse(pattern))
        let nfas = ThompsonMatchers()
        let nfa = try #require(nfas.add(node))
        let (icu, _) = ICURegex.compile(pattern, timeLimit: 0)
        let regex = try #require(icu)
        let pieces = ["ab", "cd", "a1", "x", "--", "aws:", "é9", " ", "b.", "e", "\n", "Ω"]
        for round in 0..<40 {
            var value = ""
            let length = round < 20 ? 3_000 : 20
            // A fixed mix of the pieces per round (a multiplicative walk over them).
            var k = round
            while value.unicodeScalars.count < length {
                k = (k &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF
                value += pieces[k % pieces.count]
            }
            if round % 3 == 0 { value = String(repeating: "ab", count: length / 2) }
            let cps = value.unicodeScalars.map(\.value)
            for whole in [false, true] {
                let expected = cps.withUnsafeBufferPointer { regex.run($0, whole: whole) }
                let got = cps.withUnsafeBufferPointer { nfas.matches(nfa, $0, whole: whole) }
                #expect(got == (expected == .match), "\(pattern) whole=\(whole) on \(value.prefix(80).debugDescription)…")
            }
        }
    }
}

