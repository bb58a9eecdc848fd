import APIModel
import Conformance
import Testing

@Test func jsonSchemaExportStatesTheConstraints() throws {
    let doc = try JSONParser.parse(JSONSchemaExport.document(Fixtures.model))
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
