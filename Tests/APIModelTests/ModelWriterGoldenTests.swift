import APIModel
import DocIngest
import Testing
import TestSupport

/// The model writer's exact output, compact (`parse`) and indented (`parse --pretty`), and
/// without documentation (`--no-docs`), against `docs-corpus/fixtures/golden/model/`.
@Suite struct ModelWriterGoldenTests {
    /// A hand-written model (differ/models/demo-new.json, its keys in no canonical order):
    /// recursion through `shapes`, a map with an enum key, a partial and a deprecated operation.
    func demo() throws -> Model {
        try ModelReader.read(try Fixtures.bytes("differ/models/demo-new.json"))
    }

    /// Real botocore 1.43.11 operations: appstream's CreateFleet (required members, length,
    /// range and pattern constraints, enums, documentation) and DescribeImageBuilders (nested
    /// lists and structures, timestamps, errors); dynamodb's GetItem (the recursive AttributeValue).
    func botocoreOperations() throws -> Model {
        func service(_ name: String, _ version: String, _ operations: Set<String>) throws -> Service {
            // The model names its source files: recorded relative to the repository, as `parse`
            // run there writes them, so the golden file is the same on every machine.
            let relative = "botocore-1.43.11/data/\(name)/\(version)/service-2.json.gz"
            var log = DiagnosticLog()
            var service = try #require(BotocoreImporter.importService(
                serviceName: name, bytes: try FileReading.bytesDecompressing(atPath: Fixtures.path(relative)),
                source: "docs-corpus/fixtures/" + relative, log: &log))
            #expect(log.errorCount == 0)
            service.operations = service.operations.filter { operations.contains($0.key) }
            #expect(service.operations.count == operations.count)
            return service
        }
        return Model(services: [try service("appstream", "2016-12-01", ["CreateFleet", "DescribeImageBuilders"]),
                                try service("dynamodb", "2012-08-10", ["GetItem"])])
    }

    @Test func demoModel() throws {
        let model = try demo()
        Golden.expect(ModelWriter(pretty: false).bytes(of: model), matches: "model/demo.json")
        Golden.expect(ModelWriter(pretty: true).bytes(of: model), matches: "model/demo.pretty.json")
    }

    @Test func botocoreModel() throws {
        let model = try botocoreOperations()
        let compact = ModelWriter(pretty: false).bytes(of: model)
        Golden.expect(compact, matches: "model/botocore-operations.json")
        Golden.expect(ModelWriter(pretty: true).bytes(of: model), matches: "model/botocore-operations.pretty.json")
        Golden.expect(ModelWriter(includeDocumentation: false, pretty: false).bytes(of: model), matches: "model/botocore-operations.no-docs.json")
        // What is written reads back as the same model, and writes the same bytes again.
        #expect(ModelWriter(pretty: false).bytes(of: try ModelReader.read(compact)) == compact)
    }
}
