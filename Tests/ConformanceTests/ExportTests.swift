import APIModel
import Conformance
import Testing
import TestSupport

@Test func jsonSchemaExportStatesTheConstraints() throws {
    let doc = try JSONParser.parse(JSONSchemaExport.document(try Fixtures.model))
    #expect(doc["format"]?.stringValue == JSONSchemaExport.format)
    let input = try #require(doc["schemas"]?["appstream"]?["CreateStack"]?["input"])
    #expect(input["type"]?.stringValue == "object")
    #expect(input["additionalProperties"]?.boolValue == false)
    #expect(input["required"]?.arrayValue?.compactMap(\.stringValue) == ["Name"])
    let tags = try #require(input["properties"]?["Tags"])
    #expect(tags["maxProperties"]?.intValue == 50)
    #expect(tags["propertyNames"]?["pattern"]?.stringValue?.contains("aws:") == true)
    // Recursive shapes become $defs/$ref; unions allow exactly one property.
    let put = try #require(doc["schemas"]?["dynamodb"]?["PutItem"]?["input"])
    #expect(put["$defs"]?["AttributeValue"]?["properties"]?["L"]?["items"]?["$ref"]?.stringValue == "#/$defs/AttributeValue")
    let converse = try #require(doc["schemas"]?["bedrock-runtime"]?["Converse"]?["input"])
    let block = converse["properties"]?["messages"]?["items"]?["properties"]?["content"]?["items"]
    #expect(block?["maxProperties"]?.intValue == 1)
}

@Test func jsonSchemaExportTranslatesPatternsAndNamesTheOnesItKeeps() throws {
    var model = try Fixtures.model
    let service = try #require(model.services.keys.first)
    var shape = Shape(type: .string)
    shape.pattern = #"^(a)\1$"#  // a back-reference: outside what the translator reads
    var other = Shape(type: .string)
    other.pattern = #"^[\w- ]+$"#
    var input = Shape(type: .structure)
    input.members["A"] = shape
    input.members["B"] = other
    var op = Operation(name: "PatternsOnly")
    op.input = input
    model.services[service]?.operations["PatternsOnly"] = op
    let export = JSONSchemaExport.export(model)
    #expect(export.untranslatedPatterns.contains(#"^(a)\1$"#))
    #expect(!export.untranslatedPatterns.contains(#"^[\w- ]+$"#))
    let doc = try JSONParser.parse(export.document)
    let properties = doc["schemas"]?[service]?["PatternsOnly"]?["input"]?["properties"]
    #expect(properties?["A"]?["pattern"]?.stringValue == #"^(a)\1$"#)
    #expect(properties?["B"]?["pattern"]?.stringValue == #"^[ \-0-9A-Z_a-z]+(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#)
}
