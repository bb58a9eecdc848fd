import APIModel
@testable import DocIngest
import Foundation
import Testing
import TestSupport

/// `Ingest.lazyCatalog`: botocore data and model files indexed by their heads, each service
/// imported on first use as loading everything would have imported it (descriptions aside).
@Suite struct LazyCatalogTests {
    private static let data = Fixtures.path("botocore-1.43.11/data")

    /// Descriptions aside: the lazy catalog reads none.
    private func withoutDocs(_ service: Service) throws -> Model {
        try ModelReader.read(ModelWriter(includeDocumentation: false).bytes(of: Model(services: [service])))
    }

    @Test func aBotocoreFolderServiceByServiceAsTheWholeLoadGivesIt() throws {
        let whole = Ingest.load(paths: [Self.data])
        let catalog = try #require(Ingest.lazyCatalog(paths: [Self.data]))
        #expect(Array(catalog.entries.keys) == Array(whole.model.services.keys))
        #expect(catalog.loadedCount == 0)
        for (name, service) in whole.model.services {
            let entry = try #require(catalog.entries[name])
            #expect(entry.endpointPrefix == service.endpointPrefix && entry.apiVersion == service.apiVersion)
            #expect(entry.title == service.title && entry.protocolName == service.protocolName)
            let lazy = try #require(catalog.service(name))
            #expect(lazy.operations.values.allSatisfy { $0.documentation == nil })
            #expect(try withoutDocs(lazy) == withoutDocs(service), "\(name)")
        }
        #expect(catalog.log.diagnostics.isEmpty)
    }

    @Test func metadataComesFromTheHeadAndTheSDKExtras() throws {
        // lambda's metadata, and a newest version beside an older one.
        let lambda = BotocoreFolderIndex.entry("lambda", path: Self.data + "/lambda/2015-03-31/service-2.json.gz")
        #expect(lambda.endpointPrefix == "lambda" && lambda.serviceId == "Lambda" && lambda.apiVersion == "2015-03-31")
        // An sdk-extras file may rename the service id (botocore's eks).
        let dir = try Fixtures.temporaryDirectory() + "/data/x/2020-01-01"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(#"{"version":"2.0","metadata":{"endpointPrefix":"api.x","serviceId":"X","signingName":"xs"},"operations":{},"shapes":{}}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/service-2.json"))
        try Data(#"{"version":1.0,"merge":{"metadata":{"serviceId":"X Two"}}}"#.utf8).write(to: URL(fileURLWithPath: dir + "/service-2.sdk-extras.json"))
        let x = BotocoreFolderIndex.entry("x", path: dir + "/service-2.json")
        #expect(x.endpointPrefix == "api.x" && x.signingName == "xs" && x.serviceId == "X Two")
        // Metadata written after the operations: read from the whole file.
        try Data(#"{"operations":{},"shapes":{},"metadata":{"endpointPrefix":"late"}}"#.utf8).write(to: URL(fileURLWithPath: dir + "/service-2.json"))
        #expect(BotocoreFolderIndex.entry("x", path: dir + "/service-2.json").endpointPrefix == "late")
    }

    @Test func aBrokenServiceIsReportedWhenItIsNeededAndOnlyThen() throws {
        let catalog = try #require(Ingest.lazyCatalog(paths: [Fixtures.path("bad-botocore")]))
        #expect(Set(catalog.entries.keys) == ["good", "notjson", "truncated", "unknown-type", "dangling-ref"])
        #expect(catalog.service("good") != nil)
        #expect(catalog.log.diagnostics.isEmpty)
        #expect(catalog.service("notjson") == nil)
        #expect(catalog.log.errorCount == 1)
        #expect(catalog.log.diagnostics.first?.file.hasSuffix("notjson/2020-01-01/service-2.json") == true)
    }

    @Test func aModelFileIsIndexedAndOtherSourcesAreNot() throws {
        let dir = try Fixtures.temporaryDirectory()
        let model = Ingest.load(paths: [Self.data + "/lambda"]).model
        let file = dir + "/model.json"
        try Data(ModelWriter().bytes(of: model)).write(to: URL(fileURLWithPath: file))
        let catalog = try #require(Ingest.lazyCatalog(paths: [file]))
        #expect(try withoutDocs(try #require(catalog.service("lambda"))) == withoutDocs(try #require(model.services["lambda"])))
        // Pages, a mix, a missing path, a model off the plain format: loaded whole instead.
        #expect(Ingest.lazyCatalog(paths: [Fixtures.path("boto3-rst")]) == nil)
        #expect(Ingest.lazyCatalog(paths: [file, Fixtures.path("boto3-rst")]) == nil)
        #expect(Ingest.lazyCatalog(paths: [Self.data, "/no/such/path"]) == nil)
        #expect(Ingest.lazyCatalog(paths: []) == nil)
        try Data(#"{"format":"docconform.model/1","services":{"s":[]}}"#.utf8).write(to: URL(fileURLWithPath: file))
        #expect(Ingest.lazyCatalog(paths: [file]) == nil)
    }
}
