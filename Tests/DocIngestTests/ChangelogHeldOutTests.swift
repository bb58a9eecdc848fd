import APIModel
import Differ
import DocIngest
import Foundation
import Testing
import TestSupport

/// Pages of other days and services (2020–2026) in both layouts, generated from botocore
/// release pairs by Tests/tools/changelog/make_changelog_pages.py, with the changes each
/// page states (computed by that tool, independently of the differ).
@Suite struct ChangelogHeldOutTests {
    static let names = ["ecs_2020-06-10", "sts_2021-04-14", "redshift-data_2022-06-14", "billingconductor_2023-09-05",
                        "cognito-idp_2024-05-09", "ec2_2025-05-07", "guardduty_2026-05-14", "rtbfabric_2026-05-14",
                        "compute-optimizer_2023-09-05", "sagemaker_2021-11-15"]

    @Test(arguments: names) func compactLayout(_ name: String) throws {
        try check(name, layout: .compact)
    }

    @Test(arguments: names) func expandedLayout(_ name: String) throws {
        try check(name, layout: .expanded)
    }

    /// The `Exceptions` list becomes the operation's errors, in both layouts.
    @Test(arguments: [ChangelogLayout.compact, .expanded]) func exceptionsBecomeErrors(_ layout: ChangelogLayout) throws {
        let (page, _) = try ChangelogFixtures.page("heldout/\(layout.rawValue)/changelog-\(layout.rawValue)_ecs_2020-06-10.txt")
        let ops = try #require(page.model.services["ecs"]).operations
        #expect(ops.count == 3)
        #expect(ops.values.allSatisfy { !$0.errors.isEmpty })
        #expect(ops["CreateCapacityProvider"]?.errors.map(\.name).contains("ServerException") == true)
    }

    /// A compact page never writes the API name: runs of the method name take their spelling
    /// from the page's API words that contain them (`GetEBSVolumeRecommendations`).
    @Test func compactPagesSpellOperationNamesFromThePagesAPIWords() throws {
        let (page, log) = try ChangelogFixtures.page("heldout/compact/changelog-compact_compute-optimizer_2023-09-05.txt")
        let names = Set(try #require(page.model.services["compute-optimizer"]).operations.keys)
        #expect(names.contains("ExportEBSVolumeRecommendations"))
        #expect(names.contains("GetEC2InstanceRecommendations"))
        #expect(!names.contains { $0.hasPrefix("ExportEbs") })
        #expect(log.infoCounts["changelog operations named from their method name (the page never writes the API name)"] != nil)
    }

    private func check(_ name: String, layout: ChangelogLayout) throws {
        let (page, log) = try ChangelogFixtures.page("heldout/\(layout.rawValue)/changelog-\(layout.rawValue)_\(name).txt")
        #expect(log.diagnostics.isEmpty, "\(log.diagnostics)")
        #expect(page.layout == layout)
        let truth = try JSONParser.parse(try Fixtures.bytes("changelog/heldout/truth/\(name).json"))
        let expected = Set((truth["changes"]?.arrayValue ?? []).map(Self.key))
        #expect(!expected.isEmpty)
        let rendered = try JSONParser.parse(JSONDiffRenderer().render(page.changes, old: "old", new: "new"))
        let found = (rendered["changes"]?.arrayValue ?? []).map(Self.key)
        #expect(found.count == Set(found).count, "a change stated twice")
        #expect(Set(found) == expected, "missed: \(expected.subtracting(found).sorted()) spurious: \(Set(found).subtracting(expected).sorted())")
    }

    /// What a page states of a change, as one comparable line.
    static func key(_ c: JSONValue) -> String {
        ["kind", "service", "operation", "direction", "path", "value", "summary"]
            .map { c[$0].map(canonical) ?? "-" }.joined(separator: " | ")
    }

    static func canonical(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(n): return n
        case let .string(s): return "'" + s + "'"
        case let .array(items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case let .object(pairs): return "{" + pairs.map { "'\($0.key)':" + canonical($0.value) }.joined(separator: ",") + "}"
        }
    }
}
