import APIModel
import Testing
@testable import DocIngest

@Suite struct ReferenceFactLineTests {
    @Test func everyFactLineOfTheSpecTable() throws {
        #expect(try FactLine.parse("Type: Long") == .type("Long"))
        #expect(try FactLine.parse("Length Constraints: Minimum length of 1. Maximum length of 36.")
            == .length(min: .integer(1), max: .integer(36), .own))
        #expect(try FactLine.parse("Length Constraints: Fixed length of 36.") == .length(min: .integer(36), max: .integer(36), .own))
        #expect(try FactLine.parse("Array Members: Fixed number of 1 item.") == .count(min: .integer(1), max: .integer(1), isMap: false))
        #expect(try FactLine.parse("Array Members: Minimum number of 1 item. Maximum number of 50 items.")
            == .count(min: .integer(1), max: .integer(50), isMap: false))
        #expect(try FactLine.parse("Map Entries: Maximum number of 50 items.") == .count(min: nil, max: .integer(50), isMap: true))
        #expect(try FactLine.parse("Key Length Constraints: Minimum length of 1. Maximum length of 128.")
            == .length(min: .integer(1), max: .integer(128), .key))
        #expect(try FactLine.parse("Value Length Constraints: Maximum length of 256.") == .length(min: nil, max: .integer(256), .value))
        #expect(try FactLine.parse("Valid Range: Minimum value of -1.5. Maximum value of 9223372036854775807.")
            == .range(min: .real(-1.5), max: .integer(9_223_372_036_854_775_807), .own))
        #expect(try FactLine.parse("Pattern: ^arn:aws[^:]*:$") == .pattern("^arn:aws[^:]*:$", .own))
        #expect(try FactLine.parse("Key Pattern: ^(?!aws:)[a-zA-Z+-=._:/]+$") == .pattern("^(?!aws:)[a-zA-Z+-=._:/]+$", .key))
        #expect(try FactLine.parse("Valid Values: A | B | C") == .validValues(["A", "B", "C"], .own))
        #expect(try FactLine.parse("Required: Yes") == .required(true))
        #expect(try FactLine.parse("Required: No") == .required(false))
        #expect(try FactLine.parse("HTTP Status Code: 404") == .httpStatus(404))
        #expect(try FactLine.parse("The description.") == nil)
        // Older pages capitalize less; the longest keyword too.
        #expect(try FactLine.parse("Length constraints: Minimum length of 1.") == .length(min: .integer(1), max: nil, .own))
        #expect(try FactLine.parse("Value length constraints: Maximum length of 2.") == .length(min: nil, max: .integer(2), .value))
        #expect(try FactLine.parse("Valid values: A | B") == .validValues(["A", "B"], .own))
    }

    @Test func unreadableValuesThrow() {
        #expect(throws: FactLineError.self) { try FactLine.parse("Length Constraints: Maximum length of many.") }
        #expect(throws: FactLineError.self) { try FactLine.parse("Required: Maybe") }
        #expect(throws: FactLineError.self) { try FactLine.parse("Valid Range: whatever") }
    }

    @Test func gluedFactIsSplitOff() {
        #expect(FactLine.splitGluedFact("^[a-z]+$Required: Yes") == ("^[a-z]+$", "Required: Yes"))
        #expect(FactLine.splitGluedFact("^(?!aws:)[a-zA-Z+-=._:/]+$Value Length Constraints: Maximum length of 256.")
            == ("^(?!aws:)[a-zA-Z+-=._:/]+$", "Value Length Constraints: Maximum length of 256."))
        #expect(FactLine.splitGluedFact("^[A-Z]+Required$") == ("^[A-Z]+Required$", nil))
    }

    @Test func typePhrases() {
        #expect(TypePhrase.parse("String") == .scalar(.string))
        #expect(TypePhrase.parse("Base64-encoded binary data object") == .scalar(.blob))
        #expect(TypePhrase.parse("JSON value") == .scalar(.document))
        #expect(TypePhrase.parse("Array of Entity objects") == .list(.structure("Entity")))
        #expect(TypePhrase.parse("Array of strings") == .list(.scalar(.string)))
        #expect(TypePhrase.parse("Array of arrays of strings") == .list(.list(.scalar(.string))))
        #expect(TypePhrase.parse("String to string map") == .map(key: .scalar(.string), value: .scalar(.string)))
        #expect(TypePhrase.parse("String to array of strings map") == .map(key: .scalar(.string), value: .list(.scalar(.string))))
        #expect(TypePhrase.parse("String to AttributeValue object map") == .map(key: .scalar(.string), value: .structure("AttributeValue")))
        #expect(TypePhrase.parse("String to array of String to AttributeValue object maps map")
            == .map(key: .scalar(.string), value: .list(.map(key: .scalar(.string), value: .structure("AttributeValue")))))
        #expect(TypePhrase.parse("Bucket data type") == .structure("Bucket"))
        #expect(TypePhrase.parse("Something odd") == nil)
    }
}
