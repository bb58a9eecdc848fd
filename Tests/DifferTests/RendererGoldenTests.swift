import APIModel
import ChangeRecords
import Testing
@testable import Differ
import TestSupport

/// Every diff renderer's exact output for committed model pairs, against the golden files in
/// `docs-corpus/fixtures/golden/diff/<pair>/` (re-recorded with DOCCONFORM_RECORD_GOLDEN=1).
@Suite struct RendererGoldenTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        var name: String
        var old: String
        var new: String
        var testDescription: String { name }

        func changes(includeSummaries: Bool = true) throws -> [Change] {
            ModelDiffer(includeSummaries: includeSummaries).diff(try model(old), try model(new))
        }

        /// A `differ/models` file, or a botocore service as `botocore-<release>/<service>/<api-version>`.
        private func model(_ source: String) throws -> Model {
            let parts = source.split(separator: "/").map(String.init)
            guard parts.count == 3 else { return try Fixtures.model(source) }
            return try Fixtures.botocoreModel(release: String(parts[0].dropFirst("botocore-".count)), service: parts[1], apiVersion: parts[2])
        }
    }

    static let pairs = [
        // Hand-written: every rule of the differ (paths, recursion, highest level, partial operations).
        Pair(name: "demo", old: "demo-old.json", new: "demo-new.json"),
        // Real releases: the two seed changelog pages' days.
        Pair(name: "appstream-1.5.42-1.5.43", old: "botocore-1.5.42/appstream/2016-12-01", new: "botocore-1.5.43/appstream/2016-12-01"),
        Pair(name: "ec2-1.8.40-1.8.41", old: "botocore-1.8.40/ec2/2016-11-15", new: "botocore-1.8.41/ec2/2016-11-15"),
    ]

    static let files: [DiffFormat: String] = [.text: "text.txt", .markdown: "markdown.md", .changelog: "changelog.txt", .json: "json.json"]

    @Test(arguments: pairs)
    func everyFormat(_ pair: Pair) throws {
        let changes = try pair.changes()
        #expect(!changes.isEmpty)
        for format in DiffFormat.allCases {
            let file = try #require(Self.files[format])
            Golden.expect(format.renderer.render(changes, old: pair.old, new: pair.new), matches: "diff/\(pair.name)/\(file)")
        }
    }

    @Test func jsonWithoutSummaries() throws {
        let pair = Self.pairs[0]
        let changes = try pair.changes(includeSummaries: false)
        #expect(changes.allSatisfy { $0.summary == nil })
        Golden.expect(JSONDiffRenderer().render(changes, old: pair.old, new: pair.new), matches: "diff/demo/json-no-summaries.json")
    }

    @Test func noChanges() throws {
        for format in DiffFormat.allCases {
            let file = try #require(Self.files[format])
            Golden.expect(format.renderer.render([], old: "a", new: "a"), matches: "diff/none/\(file)")
        }
    }
}
