import APIModel
import Conformance
import Differ
import Foundation
import Reports
import Testing
import TestSupport

@Suite("Report builder on the mini corpus")
struct ReportBuilderTests {
    @Test("snapshots in version order, payloads against the newest, changes between them")
    func miniCorpus() throws {
        let report = ReportBuilder().build(corpus: Fixtures.miniCorpus)
        #expect(report.snapshots.map(\.name) == ["2022-05", "2026-05"])
        #expect(report.newest?.model.services["ec2"]?.operations.keys.elementsEqual(["CreateVpcPeeringConnection", "DescribeAddresses"]) == true)
        #expect(report.errorCount == 0)

        let v = report.validation
        #expect(v.snapshot == "2026-05")
        #expect(v.records == 3 && v.invalid == 2)
        let issues = v.results.flatMap { r in r.issues.map { (r.id ?? "", $0.code, $0.path) } }
        #expect(issues.contains { $0 == ("peering-no-vpc", .required, "VpcId") })
        #expect(issues.contains { $0 == ("addresses-bad-domain", .enum, "Addresses[1].Domain") })

        #expect(report.changeSets.count == 1)
        let breaking = report.allChanges.filter { $0.severity == .breaking }
        #expect(breaking.count == 1)
        #expect(breaking.first?.kind == .requiredAdded && breaking.first?.operation == "CreateVpcPeeringConnection" && breaking.first?.path == "VpcId")
        #expect(report.exitStatus(failOn: nil) == 1)
    }

    @Test("the page lists the breaking change first and the failures with their paths")
    func pageContent() throws {
        let report = ReportBuilder().build(corpus: Fixtures.miniCorpus)
        let page = PageReader(html: String(decoding: HTMLReportWriter().html(report), as: UTF8.self))
        #expect(page.metric("payloads-invalid") == 2)
        #expect(page.metric("changes-breaking") == 1)
        #expect(page.metric("operations") == 2)
        let changes = page.tags(withClass: "change")
        #expect(changes.first?.contains("sev-breaking") == true)
        #expect(changes.first?.contains("data-path=\"VpcId\"") == true)
        let failures = page.tags(withClass: "failure")
        #expect(failures.contains { $0.contains("data-path=\"Addresses[1].Domain\"") && $0.contains("data-code=\"enum\"") })
        #expect(!page.html.contains("<script src") && !page.html.contains("<link rel=\"stylesheet\""))
        // Nothing is fetched: no external source, link or stylesheet URL (docs text may mention URLs, escaped).
        for attribute in ["src=\"http", "href=\"http", "href=\"//", "url(http", "@import"] {
            #expect(!page.html.contains(attribute), "\(attribute)")
        }
    }

    @Test("an empty corpus folder still gives a page that says so, and exit status 2")
    func emptyCorpus() throws {
        let dir = try Fixtures.temporaryDirectory()
        let report = ReportBuilder().build(corpus: dir)
        #expect(report.snapshots.isEmpty)
        #expect(report.errorCount >= 1)
        #expect(report.exitStatus(failOn: nil) == 2)
        let html = String(decoding: HTMLReportWriter().html(report), as: UTF8.self)
        #expect(html.contains("no doc snapshots"))
        #expect(PageReader(html: html).metric("operations") == 0)
    }

    @Test("a file that cannot be read is shown with its path; the rest is still reported")
    func unreadableFile() throws {
        let corpus = try Fixtures.miniCorpusCopy()
        // A link to nothing: root can read any file, but not one that is not there.
        let broken = corpus + "/snapshots/2026-05/boto3-rst/ec2/client/run_instances.rst"
        try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: corpus + "/missing.rst")
        let report = ReportBuilder().build(corpus: corpus)
        #expect(report.snapshots.last?.log.diagnostics.contains { $0.file == broken && $0.severity == .error } == true)
        #expect(report.snapshots.last?.model.operationCount == 2)
        #expect(report.validation.records == 3)
        #expect(report.exitStatus(failOn: nil) == 2)
        let html = String(decoding: HTMLReportWriter().html(report), as: UTF8.self)
        #expect(PageReader(html: html).tags(withClass: "diagnostic error").contains { $0.contains("data-file=\"\(broken)\"") })
        // The comparison with a partly unread snapshot is refused, and the page says why.
        #expect(report.changeSets.isEmpty)
        #expect(html.contains("not compared"))
    }

    @Test("a payload file that is not JSON is a failing record with its file on the page")
    func payloadNotJSON() throws {
        let corpus = try Fixtures.miniCorpusCopy()
        let garbage = corpus + "/payloads/recorded/capture.json"
        try Data("HTTP/1.1 200 OK\r\n\r\n<html>not json</html>".utf8).write(to: URL(fileURLWithPath: garbage))
        let report = ReportBuilder().build(corpus: corpus)
        #expect(report.validation.records == 4)
        let record = report.validation.results.first { $0.file == garbage }
        #expect(record?.issues.first?.code == .malformed)
        #expect(report.exitStatus(failOn: nil) == 1)
        let html = String(decoding: HTMLReportWriter().html(report), as: UTF8.self)
        #expect(PageReader(html: html).tags(withClass: "failure").contains { $0.contains("data-file=\"\(garbage)\"") && $0.contains("data-code=\"malformed\"") })
    }

    @Test("--fail-on turns changes into exit status 1; input errors win with 2")
    func exitStatus() throws {
        var report = ReportBuilder().build(corpus: Fixtures.miniCorpus)
        report.validation.invalid = 0
        #expect(report.exitStatus(failOn: nil) == 0)
        #expect(report.exitStatus(failOn: .breaking) == 1)
        report.problems.error("x", "broken")
        #expect(report.exitStatus(failOn: .breaking) == 2)
    }

    @Test("names with numbers sort by value")
    func naturalOrder() {
        let names = ["botocore-1.10.0", "botocore-1.9.2", "botocore-1.43.11", "botocore-1.9.10", "2024-9", "2024-10"]
        #expect(names.sorted(by: NaturalOrder.less) == ["2024-9", "2024-10", "botocore-1.9.2", "botocore-1.9.10", "botocore-1.10.0", "botocore-1.43.11"])
    }

    @Test("text from the inputs is escaped on the page")
    func escaping() throws {
        let corpus = try Fixtures.miniCorpusCopy()
        let record = #"{"id": "<script>alert(1)</script>", "service": "ec2", "operation": "DescribeAddresses", "direction": "response", "payload": {"Nope": 1}}"#
        try Data((record + "\n").utf8).write(to: URL(fileURLWithPath: corpus + "/payloads/recorded/more.jsonl"))
        let html = String(decoding: HTMLReportWriter().html(ReportBuilder().build(corpus: corpus)), as: UTF8.self)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}

