import APIModel
import ChangeRecords
import Testing
@testable import Differ
import TestSupport

/// The two seed changelog pages, reproduced from the botocore models of their releases:
/// every change dict of the page and nothing else, compared as Python literals.
@Suite struct SeedReproductionTests {
    @Test func appstream_1_5_42_to_1_5_43() throws {
        let old = try Fixtures.botocoreModel(release: "1.5.42", service: "appstream", apiVersion: "2016-12-01")
        let new = try Fixtures.botocoreModel(release: "1.5.43", service: "appstream", apiVersion: "2016-12-01")
        let changes = ModelDiffer().diff(old, new)
        #expect(changes.count == 8)
        #expect(changes.allSatisfy { $0.kind == .memberAdded })
        try expectSameDicts(changes, seed: "differ/seeds/changelog-text_appstream_2017-04-21.txt")
    }

    @Test func ec2_1_8_40_to_1_8_41() throws {
        let old = try Fixtures.botocoreModel(release: "1.8.40", service: "ec2", apiVersion: "2016-11-15")
        let new = try Fixtures.botocoreModel(release: "1.8.41", service: "ec2", apiVersion: "2016-11-15")
        let changes = ModelDiffer().diff(old, new)
        #expect(changes.count == 4)
        #expect(changes.map(\.path) == ["NetworkInterface.Status", "Reservations[].Instances[].NetworkInterfaces[].Status",
                                        "NetworkInterfaces[].Status", "Instances[].NetworkInterfaces[].Status"])
        #expect(changes.allSatisfy { $0.kind == .enumValueAdded && $0.value == "associated" && $0.direction == .output })
        try expectSameDicts(changes, seed: "differ/seeds/changelog-text_ec2_2018-02-12.txt")
    }

    /// The changelog output's dict lines equal the seed's, as a multiset of Python values.
    private func expectSameDicts(_ changes: [Change], seed: String) throws {
        let rendered = String(decoding: ChangelogRenderer().render(changes, old: "old", new: "new"), as: UTF8.self)
        let produced = try PythonLiteralValue.dictLines(rendered)
        let expected = try PythonLiteralValue.dictLines(try Fixtures.text(seed))
        #expect(expected.count > 0)
        #expect(produced.sorted(by: { "\($0)" < "\($1)" }) == expected.sorted(by: { "\($0)" < "\($1)" }))
    }
}
