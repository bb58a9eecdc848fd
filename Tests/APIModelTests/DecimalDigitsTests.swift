@testable import APIModel
import Testing

@Suite struct DecimalDigitsTests {
    /// The digits the JSON writers append are those of `String(value)`, at both ends of the range.
    @Test(arguments: [0, 7, 10, -1, -42, 1_234_567_890, Int.max, Int.min, Int.min + 1])
    func digitsAreThoseOfTheNumbersText(_ value: Int) {
        let text = value.withDecimalDigits { String(decoding: $0, as: UTF8.self) }
        #expect(text == String(value))
        var writer = JSONWriter(pretty: false)
        writer.int(value)
        #expect(writer.string == String(value))
    }
}
