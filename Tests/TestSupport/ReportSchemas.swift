/// The schemas of the CI files the reports write, bundled under
/// `docs-corpus/fixtures/reports/schemas` and built once per test process.
public enum ReportSchemas {
    public static let folder = Fixtures.path("reports/schemas")

    /// Jenkins xUnit's `junit-10.xsd`.
    public static let junit = Result { try XMLSchemaCheck(schemaPath: folder + "/junit-10.xsd") }

    /// OASIS SARIF 2.1.0 (JSON Schema draft-04).
    public static let sarif = Result { try JSONSchemaCheck(schema: Fixtures.bytes(atPath: folder + "/sarif-schema-2.1.0.json")) }
}
