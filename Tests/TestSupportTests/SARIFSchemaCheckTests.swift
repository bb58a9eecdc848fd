import APIModel
import Testing
import TestSupport

/// The SARIF check against the real SARIF 2.1.0 schema: a valid log passes, and for every
/// validation keyword the schema file uses there is a broken log that fails on that keyword
/// at the expected place, so the check cannot pass vacuously.
@Suite struct SARIFSchemaCheckTests {
    /// A small log using the parts of SARIF the report writes, plus a few the schema constrains
    /// further (a guid, a rank, a graph traversal, a code flow, an invocation time).
    static let valid = #"""
        {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"docconform","informationUri":"https://example.com/docconform?x=1#top","rules":[{"id":"required","shortDescription":{"text":"A required member is missing"}}]}},"invocations":[{"executionSuccessful":true,"startTimeUtc":"2024-02-29T12:00:00.5+01:00"}],"results":[{"ruleId":"required","ruleIndex":0,"level":"error","rank":50,"guid":"0f8fad5b-d9cb-469f-a165-70867728950e","message":{"text":"missing"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"payloads/a%20b.jsonl"},"region":{"startLine":2}},"logicalLocations":[{"fullyQualifiedName":"svc.Op request Name"}]}],"graphTraversals":[{"runGraphIndex":0}],"codeFlows":[{"threadFlows":[{"locations":[{"location":{"message":{"text":"here"}}}]}]}]}]}]}
        """#

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var replace: String
        var with: String
        var path: String
        var keyword: String
        var testDescription: String { name }
    }

    static let result = "/runs/0/results/0"
    static let broken: [Case] = [
        Case(name: "a version the schema does not know", replace: #""version":"2.1.0""#, with: #""version":"2.0.0""#, path: "/version", keyword: "enum"),
        Case(name: "no version", replace: #""version":"2.1.0","#, with: "", path: "", keyword: "required"),
        Case(name: "a top-level key SARIF does not define", replace: #""runs":["#, with: #""extra":1,"runs":["#, path: "", keyword: "additionalProperties"),
        Case(name: "a key a nested definition does not define", replace: #""fullyQualifiedName":"#, with: #""fqn":"x","fullyQualifiedName":"#,
             path: result + "/locations/0/logicalLocations/0", keyword: "additionalProperties"),
        Case(name: "a level outside the enum, reached through $ref, properties and items", replace: #""level":"error""#, with: #""level":"fatal""#,
             path: result + "/level", keyword: "enum"),
        Case(name: "line 0", replace: #""startLine":2"#, with: #""startLine":0"#, path: result + "/locations/0/physicalLocation/region/startLine", keyword: "minimum"),
        Case(name: "a fractional line", replace: #""startLine":2"#, with: #""startLine":2.5"#, path: result + "/locations/0/physicalLocation/region/startLine", keyword: "type"),
        Case(name: "a rank above 100", replace: #""rank":50"#, with: #""rank":100.5"#, path: result + "/rank", keyword: "maximum"),
        Case(name: "a code flow without thread flows", replace: #""threadFlows":[{"locations":[{"location":{"message":{"text":"here"}}}]}]"#, with: #""threadFlows":[]"#,
             path: result + "/codeFlows/0/threadFlows", keyword: "minItems"),
        Case(name: "the same rule twice", replace: #""rules":[{"id":"required","shortDescription":{"text":"A required member is missing"}}]"#,
             with: #""rules":[{"id":"required","shortDescription":{"text":"A required member is missing"}},{"shortDescription":{"text":"A required member is missing"},"id":"required"}]"#,
             path: "/runs/0/tool/driver/rules", keyword: "uniqueItems"),
        Case(name: "a guid that is not one", replace: #""guid":"0f8fad5b-d9cb-469f-a165-70867728950e""#, with: #""guid":"0f8fad5b-d9cb-469f-a165-70867728950""#,
             path: result + "/guid", keyword: "pattern"),
        Case(name: "an information URI without a scheme", replace: #""informationUri":"https://example.com/docconform?x=1#top""#,
             with: #""informationUri":"/docconform""#, path: "/runs/0/tool/driver/informationUri", keyword: "format"),
        Case(name: "an artifact URI with a raw space", replace: #""uri":"payloads/a%20b.jsonl""#, with: #""uri":"payloads/a b.jsonl""#,
             path: result + "/locations/0/physicalLocation/artifactLocation/uri", keyword: "format"),
        Case(name: "a relative artifact URI whose first segment holds a colon", replace: #""uri":"payloads/a%20b.jsonl""#, with: #""uri":"1payloads:a.jsonl""#,
             path: result + "/locations/0/physicalLocation/artifactLocation/uri", keyword: "format"),
        Case(name: "February 29th of a common year", replace: #""startTimeUtc":"2024-02-29T12:00:00.5+01:00""#, with: #""startTimeUtc":"2023-02-29T12:00:00Z""#,
             path: "/runs/0/invocations/0/startTimeUtc", keyword: "format"),
        Case(name: "a region without a start", replace: #""region":{"startLine":2}"#, with: #""region":{"endLine":3}"#,
             path: result + "/locations/0/physicalLocation/region", keyword: "anyOf"),
        Case(name: "a graph traversal naming both graphs", replace: #""graphTraversals":[{"runGraphIndex":0}]"#,
             with: #""graphTraversals":[{"runGraphIndex":0,"resultGraphIndex":0}]"#, path: result + "/graphTraversals/0", keyword: "oneOf"),
        Case(name: "runs that are neither an array nor null", replace: #""runs":[{"tool""#, with: #""runs":"none","x":[{"tool""#, path: "/runs", keyword: "type"),
    ]

    /// Keywords that hold subschemas rather than test a value; failures reach through them.
    static let structural: Set<String> = ["$ref", "properties", "items"]

    func check() throws -> JSONSchemaCheck { try ReportSchemas.sarif.get() }

    @Test func theValidLogPasses() throws {
        #expect(try check().problems(in: Array(Self.valid.utf8)) == [])
    }

    @Test(arguments: broken)
    func aBrokenLogFailsOnItsKeyword(_ c: Case) throws {
        #expect(Self.valid.contains(c.replace), "the case no longer edits the valid log")
        let document = Self.valid.replacingOccurrences(of: c.replace, with: c.with)
        let problems = try check().problems(in: Array(document.utf8))
        #expect(problems.contains { $0.path == c.path && $0.keyword == c.keyword }, "\(problems)")
    }

    @Test func everyKeywordOfTheSchemaFileIsImplementedAndExercised() throws {
        let schema = try JSONParser.parse(Fixtures.bytes(atPath: ReportSchemas.folder + "/sarif-schema-2.1.0.json"))
        let used = Self.keywords(of: schema)
        #expect(used.subtracting(JSONSchemaCheck.validationKeywords.union(JSONSchemaCheck.annotationKeywords)).isEmpty)
        let validation = used.intersection(JSONSchemaCheck.validationKeywords)
        #expect(validation.count >= 14, "\(validation.sorted())")
        let failing = Set(Self.broken.map(\.keyword))
        #expect(validation.subtracting(failing).subtracting(Self.structural).isEmpty,
                "no broken log fails on \(validation.subtracting(failing).subtracting(Self.structural).sorted())")
    }

    @Test func nullRunsAreAllowed() throws {
        #expect(try check().problems(in: Array(#"{"version":"2.1.0","runs":null}"#.utf8)) == [])
    }

    @Test func bytesThatAreNotJSONAndRepeatedKeysAreProblems() throws {
        #expect(try check().problems(in: Array("{".utf8)).map(\.keyword) == ["json"])
        let repeated = try check().problems(in: Array(#"{"version":"2.1.0","version":"2.1.0","runs":[]}"#.utf8))
        #expect(repeated.map(\.keyword) == ["json"])
    }

    /// The keywords of every schema object in the document (member names under `properties`
    /// and `definitions` are names, not keywords).
    static func keywords(of schema: JSONValue) -> Set<String> {
        var found = Set<String>()
        func walk(_ node: JSONValue) {
            guard let pairs = node.objectValue else { return }
            for (key, value) in pairs {
                found.insert(key)
                switch key {
                case "properties", "definitions", "patternProperties":
                    for (_, sub) in value.objectValue ?? [] { walk(sub) }
                case "items", "additionalProperties", "not":
                    if let items = value.arrayValue { items.forEach(walk) } else { walk(value) }
                case "anyOf", "oneOf", "allOf":
                    (value.arrayValue ?? []).forEach(walk)
                default:
                    break
                }
            }
        }
        walk(schema)
        return found
    }
}
