import APIModel
import Differ
import DocIngest
import Testing

/// Damaged pages: diagnostics with line numbers, the rest of the page still read.
@Suite struct ChangelogBadInputTests {
    @Test func pageCutOffMidOperation() throws {
        // The ec2 seed cut inside DescribeInstances' request syntax (line 445).
        let (page, log) = try ChangelogFixtures.page("bad/truncated_ec2_2018-02-12.txt")
        #expect(log.errorCount == 0)
        #expect(log.diagnostics.contains { $0.line == 445 && $0.message.contains("never closed") })
        #expect(log.diagnostics.contains { $0.line == 429 && $0.message.contains("DescribeInstances") })
        // Flagged as a document that ends early, so `diff` refuses to compare the snapshot.
        #expect(log.diagnostics.contains { $0.line == 445 && $0.message.contains("ends before the response syntax") && $0.endsEarly })
        // The operation before the cut is whole; the cut one is kept, marked partial.
        let ops = try #require(page.model.services["ec2"]).operations
        #expect(ops["CreateNetworkInterface"]?.partial == false)
        #expect(ops["DescribeInstances"]?.partial == true)
        #expect(page.changes.map(\.path) == ["NetworkInterface.Status"])
    }

    @Test func compactPageCutOffInAResponseSyntax() throws {
        // The appstream seed cut in the middle of DescribeImages' one-line response syntax (line 166).
        let (page, log) = try ChangelogFixtures.page("bad/truncated_appstream_2017-04-21.txt")
        #expect(log.errorCount == 0)
        #expect(log.diagnostics.contains { $0.line == 166 && $0.message.contains("never closed") })
        #expect(log.diagnostics.contains { $0.message.contains("DescribeImages") && $0.message.contains("not placed") })
        let ops = try #require(page.model.services["appstream"]).operations
        #expect(Array(ops.keys) == ["CreateFleet", "DescribeFleets", "DescribeImages"])
        #expect(ops["CreateFleet"]?.partial == false && ops["DescribeFleets"]?.partial == false)
        #expect(ops["DescribeImages"]?.partial == true && ops["DescribeImages"]?.input != nil)
        #expect(page.changes.map(\.operation) == ["CreateFleet", "CreateFleet", "DescribeFleets"])
    }

    @Test func changeDictsThatAreNotLiterals() throws {
        // DescribeFleets' dict never closes (line 90); DescribeImages' has a bare word (line 156).
        let (page, log) = try ChangelogFixtures.page("bad/baddict_appstream_2017-04-21.txt")
        let errors = log.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.line) == [90, 156])
        #expect(errors.allSatisfy { $0.message.hasPrefix("change dict is not a valid literal") })
        // Every operation is still documented; the other dicts still give their changes.
        #expect(page.model.services["appstream"]?.operations.count == 5)
        #expect(page.changes.count == 6)
        #expect(!page.changes.contains { $0.operation == "DescribeFleets" || $0.operation == "DescribeImages" })
    }

    @Test func unknownLayout() throws {
        let (page, log) = try ChangelogFixtures.page("bad/unknownlayout_appstream_2017-04-21.txt")
        #expect(log.errorCount == 1)
        #expect(log.diagnostics.first?.line == 4)
        #expect(log.diagnostics.first?.message.contains("unknown changelog layout") == true)
        // The heading is still read.
        #expect(page.date == "2017-04-21" && page.updatedOperationCount == 5 && page.serviceTitle == "Amazon AppStream")
        #expect(page.changes.isEmpty)
    }

    @Test func headingsOverAnUnknownLayout() throws {
        // The ec2 seed's headings and dicts, the documentation as a table.
        let (page, log) = try ChangelogFixtures.page("bad/unknownlayout_ec2_2018-02-12.txt")
        let errors = log.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].line == 7 && errors[0].message.contains("unknown changelog layout"))
        // The operations and their labelled dicts are still read; the dicts cannot be placed.
        #expect(page.operations.map(\.name) == ["CreateNetworkInterface", "DescribeInstances", "DescribeNetworkInterfaces", "RunInstances"])
        #expect(page.operations.allSatisfy { $0.labelledDirections == [.output] })
        #expect(log.diagnostics.filter { $0.message.contains("not placed") }.map(\.line) == [9, 16, 23, 30])
        #expect(page.changes.isEmpty)
        #expect(try #require(page.model.services["ec2"]).operations.values.allSatisfy(\.partial))
    }

    @Test func notAChangelogPage() {
        var log = DiagnosticLog()
        let page = ChangelogReader().read(SourceDocument(path: "x.txt", bytes: Array("hello\nworld\n".utf8)), options: IngestOptions(), log: &log)
        #expect(log.errorCount == 1 && log.diagnostics[0].line == 1)
        #expect(page.operations.isEmpty)
    }

    /// The dated heading: the title runs to the last ` - ` after the date's own; a heading
    /// with no title between them is no heading (said at line 1), whatever the script.
    @Test func datedHeadingsReadOrRefused() {
        func read(_ heading: String) -> (ChangelogPage, DiagnosticLog) {
            var log = DiagnosticLog()
            let text = heading + "\nChanges Something new.\n\nDescribeThing (updated) Link ¶\n"
            let page = ChangelogReader().read(SourceDocument(path: "thing_2017-04-21.txt", bytes: Array(text.utf8)),
                                             options: IngestOptions(), log: &log)
            return (page, log)
        }
        for (heading, title, new, updated) in [("2017/04/21 - Amazon AppStream - 5 updated api methods", "Amazon AppStream", nil, 5),
                                               ("2017/04/21 - AWS - Thing - 1 new api method", "AWS - Thing", 1, nil),
                                               ("2017/04/21 - Überdienst - 2 new api methods", "Überdienst", 2, nil)] as [(String, String, Int?, Int?)] {
            let (page, _) = read(heading)
            #expect(page.serviceTitle == title && page.date == "2017-04-21", "\(heading)")
            #expect(page.newOperationCount == new && page.updatedOperationCount == updated, "\(heading)")
        }
        for heading in ["2017/04/21 - 5 updated api methods", "2017/04/21 - - 5 updated api methods", "2017/04/21 - é 2 new api methods"] {
            let (page, log) = read(heading)
            #expect(page.serviceTitle == nil, "\(heading)")
            #expect(log.diagnostics.contains { $0.line == 1 && $0.severity == .error && $0.message.contains("not a changelog page") }, "\(heading)")
        }
    }
}
