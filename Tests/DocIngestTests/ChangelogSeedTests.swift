import APIModel
import Differ
import DocIngest
import Testing
import TestSupport

/// The two seed pages: compact (appstream 2017-04-21) and expanded (ec2 2018-02-12).
@Suite struct ChangelogSeedTests {
    struct Seed: Sendable, CustomStringConvertible {
        var file: String
        var service: String
        var before: String
        var after: String
        var layout: ChangelogLayout
        var operations: [String]
        var changeCount: Int
        var description: String { file }
    }

    static let seeds = [
        Seed(file: "seeds/changelog-text_appstream_2017-04-21.txt", service: "appstream", before: "1.5.42", after: "1.5.43",
             layout: .compact, operations: ["CreateFleet", "DescribeFleets", "DescribeImages", "DescribeSessions", "UpdateFleet"], changeCount: 8),
        Seed(file: "seeds/changelog-text_ec2_2018-02-12.txt", service: "ec2", before: "1.8.40", after: "1.8.41",
             layout: .expanded, operations: ["CreateNetworkInterface", "DescribeInstances", "DescribeNetworkInterfaces", "RunInstances"], changeCount: 4),
    ]

    @Test(arguments: seeds) func detectedAsChangelogText(_ seed: Seed) throws {
        let path = Fixtures.path("changelog/" + seed.file)
        #expect(FormatDetector.detect(path: path, head: try Fixtures.bytes("changelog/" + seed.file)) == .format(.changelogText))
    }

    @Test(arguments: seeds) func headingAndOperations(_ seed: Seed) throws {
        let (page, log) = try ChangelogFixtures.page(seed.file)
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(page.layout == seed.layout)
        #expect(page.service == seed.service)
        #expect(page.updatedOperationCount == seed.operations.count)
        #expect(page.summary?.isEmpty == false)
        #expect(page.operations.map(\.name) == seed.operations)
        #expect(page.operations.allSatisfy { $0.status == .updated })
        #expect(page.model.services[seed.service]?.operations.values.allSatisfy { !$0.partial && $0.method != nil } == true)
    }

    /// Every documented operation equals the botocore release of that day, as boto3 pages show it.
    @Test(arguments: seeds) func operationsEqualTheReleaseOfThatDay(_ seed: Seed) throws {
        let (page, _) = try ChangelogFixtures.page(seed.file)
        let release = ChangelogFixtures.release(seed.after).projected(onto: .boto3)
        let truth = try #require(release.services[seed.service])
        let documented = try #require(page.model.projected(onto: .boto3).services[seed.service])
        #expect(documented.operations.count == seed.operations.count)
        for (name, op) in documented.operations {
            let expected = try #require(truth.operations[name], "\(name) not in botocore \(seed.after)")
            var eq = ShapeEquivalence(left: documented, right: truth)
            #expect(eq.difference(op.input, expected.input) == nil, "\(name) input: \(eq.difference(op.input, expected.input) ?? "")")
            #expect(eq.difference(op.output, expected.output) == nil, "\(name) output: \(eq.difference(op.output, expected.output) ?? "")")
        }
        // The page shows some of the service's operations: the others are unknown, so the
        // differ reports nothing between the release and the page.
        #expect(documented.partial)
        var releaseService = Model()
        releaseService.services[seed.service] = truth
        #expect(ModelDiffer().diff(releaseService, Model(services: [documented])).isEmpty)
    }

    /// Round trip: the page's changes are the differ's changes between the releases before and after.
    @Test(arguments: seeds) func changesEqualTheReleasePair(_ seed: Seed) throws {
        let (page, _) = try ChangelogFixtures.page(seed.file)
        let truth = ModelDiffer().diff(ChangelogFixtures.release(seed.before), ChangelogFixtures.release(seed.after))
        #expect(truth.count == seed.changeCount)
        #expect(page.changes.count == seed.changeCount)
        #expect(ChangelogFixtures.stated(page.changes) == ChangelogFixtures.stated(truth))
    }

    /// The page model merges with boto3 RST pages of the same release without a contradiction.
    @Test func membersKeepTheirDescriptions() throws {
        let (page, _) = try ChangelogFixtures.page("seeds/changelog-text_appstream_2017-04-21.txt")
        let op = try #require(page.model.services["appstream"]?.operations["CreateFleet"])
        #expect(op.input?.members["Name"]?.documentation == "A unique identifier for the fleet.")
        #expect(op.output?.members["Fleet"]?.documentation == "The details for the created fleet.")
        // The exception list after the response structure is not part of the last member's text.
        let last = try #require(op.output?.members["Fleet"]?.members.values.last?.documentation)
        #expect(!last.contains("exceptions"))
    }

    @Test func mergesWithRSTPagesOfTheSameRelease() throws {
        let seed = Self.seeds[0]
        let result = Ingest.load(paths: [Fixtures.path("changelog/" + seed.file), Fixtures.path("differ/boto3-rst-\(seed.after)")])
        #expect(result.log.errorCount == 0 && result.log.warningCount == 0, "\(result.log.diagnostics)")
        #expect(result.filesByFormat[.changelogText] == 1)
        let ops = try #require(result.model.services[seed.service]).operations
        #expect(Set(ops.keys) == Set(seed.operations))
        #expect(ops["CreateFleet"]?.sources.count == 2)
    }
}
