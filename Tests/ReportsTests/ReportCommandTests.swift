import Foundation
import Reports
import Testing
import TestSupport

/// `docconform report` on the bundled corpus, run once and shared by the tests below.
struct BundledRun: Sendable {
    let output: String
    let run: ProcessRun
    let html: String

    static let shared: Result<BundledRun, Error> = Result {
        let output = try Fixtures.temporaryDirectory() + "/reports"
        let run = try Run.docconform(["report", "--corpus", "docs-corpus", "-o", output, "--quiet"], in: Fixtures.repositoryRoot)
        return BundledRun(output: output, run: run, html: try Fixtures.text(atPath: output + "/index.html"))
    }

    static func get() throws -> BundledRun { try shared.get() }

    static func snapshots() throws -> [String] {
        let root = Fixtures.repositoryPath("docs-corpus/snapshots")
        return try Fixtures.contents(ofFolder: root).filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDir) && isDir.boolValue
        }.sorted(by: NaturalOrder.less).map { "docs-corpus/snapshots/" + $0 }
    }
}

func jsonObject(_ path: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any], "\(path) is not a JSON object")
}

@Suite("docconform report on the bundled corpus", .serialized)
struct ReportCommandTests {
    @Test("writes every output; exit 1 because the bundled broken payloads are invalid")
    func outputs() throws {
        let b = try BundledRun.get()
        #expect(b.run.status == 1, "stderr: \(b.run.stderr)")
        for name in ReportFiles.names {
            #expect(FileManager.default.fileExists(atPath: b.output + "/" + name), "\(name) missing")
        }
        #expect(b.run.stderr.isEmpty, "--quiet printed: \(b.run.stderr)")
        #expect(try BundledRun.snapshots().count >= 2)
    }

    @Test("the page's payload numbers and failures agree with `validate --format json`")
    func agreesWithValidate() throws {
        let b = try BundledRun.get()
        let out = try Fixtures.temporaryDirectory() + "/results.json"
        let newest = try #require(try BundledRun.snapshots().last)
        let run = try Run.docconform(["validate", "--model", newest, "docs-corpus/payloads", "--format", "json", "-o", out, "--quiet"],
                                     in: Fixtures.repositoryRoot)
        #expect(run.status == 1)
        let results = try jsonObject(out)["results"] as? [[String: Any]] ?? []
        let invalid = results.filter { ($0["valid"] as? Bool) == false }
        let page = PageReader(html: b.html)
        #expect(page.metric("payloads-valid") == results.count - invalid.count)
        #expect(page.metric("payloads-invalid") == invalid.count)

        var expected = Set<String>()
        for r in invalid {
            for e in r["errors"] as? [[String: Any]] ?? [] {
                expected.insert("\(r["file"]!):\(r["line"]!) \(e["code"]!) \(e["path"]!)")
            }
        }
        let shown = Set(page.tags(withClass: "failure").map { tag in
            "\(attribute(tag, "data-file")):\(attribute(tag, "data-line")) \(attribute(tag, "data-code")) \(attribute(tag, "data-path"))"
        })
        #expect(!expected.isEmpty)
        #expect(expected.subtracting(shown).isEmpty, "not on the page: \(expected.subtracting(shown).sorted().prefix(5))")
        #expect(shown.subtracting(expected).isEmpty, "only on the page: \(shown.subtracting(expected).sorted().prefix(5))")
    }

    @Test("the page's change counts agree with `diff --format json` of each consecutive pair")
    func agreesWithDiff() throws {
        let b = try BundledRun.get()
        let snapshots = try BundledRun.snapshots()
        var counts: [String: Int] = [:]
        var total = 0
        for (old, new) in zip(snapshots, snapshots.dropFirst()) {
            let out = try Fixtures.temporaryDirectory() + "/diff.json"
            let run = try Run.docconform(["diff", old, new, "--format", "json", "-o", out, "--quiet"], in: Fixtures.repositoryRoot)
            #expect(run.status == 0, "\(run.stderr)")
            for c in try jsonObject(out)["changes"] as? [[String: Any]] ?? [] {
                counts[c["severity"] as? String ?? "?", default: 0] += 1
                total += 1
            }
        }
        let page = PageReader(html: b.html)
        #expect(page.metric("changes-breaking") == counts["breaking", default: 0])
        #expect(page.metric("changes-dangerous") == counts["dangerous", default: 0])
        #expect(page.metric("changes-info") == counts["info", default: 0])
        #expect(page.tags(withClass: "change").count == total)
        #expect(counts["breaking", default: 0] > 0)
    }

    @Test("junit.xml validates against junit-10.xsd; results.sarif against the SARIF 2.1.0 schema")
    func schemas() throws {
        let b = try BundledRun.get()
        try expectValidOutputs(b.output)
    }

    @Test("bad input: the report is written, shows the problem, SARIF/JUnit locate it; exit 2")
    func badInput() throws {
        let corpus = try Fixtures.miniCorpusCopy()
        let broken = corpus + "/snapshots/2026-05/boto3-rst/ec2/client/run_instances.rst"
        try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: corpus + "/missing.rst")
        try Data("not json at all".utf8).write(to: URL(fileURLWithPath: corpus + "/payloads/recorded/capture.json"))
        let output = try Fixtures.temporaryDirectory() + "/out"
        let run = try Run.docconform(["report", "--corpus", corpus, "-o", output])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(broken):1: error:"))
        let html = try Fixtures.text(atPath: output + "/index.html")
        #expect(html.contains(broken))
        #expect(html.contains("capture.json"))
        try expectValidOutputs(output)

        let sarif = try jsonObject(output + "/results.sarif")
        let results = ((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let uris = results.compactMap { r -> (String, Int, String)? in
            guard let loc = (r["locations"] as? [[String: Any]])?.first,
                  let physical = loc["physicalLocation"] as? [String: Any],
                  let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String,
                  let line = (physical["region"] as? [String: Any])?["startLine"] as? Int else { return nil }
            let logical = ((loc["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String) ?? ""
            return (uri, line, logical)
        }
        #expect(uris.contains { $0.0 == broken && $0.1 == 1 })
        #expect(uris.contains { $0.0.hasSuffix("records.jsonl") && $0.1 == 2 && $0.2.hasSuffix("VpcId") })
        let junit = try Fixtures.text(atPath: output + "/junit.xml")
        #expect(junit.contains("name=\"\(broken):1\""))
    }

    @Test("an empty corpus folder: a page that says so, exit 2")
    func emptyCorpus() throws {
        let corpus = try Fixtures.temporaryDirectory()
        let output = try Fixtures.temporaryDirectory() + "/out"
        let run = try Run.docconform(["report", "--corpus", corpus, "-o", output, "--quiet"])
        #expect(run.status == 2)
        #expect(try Fixtures.text(atPath: output + "/index.html").contains("no doc snapshots"))
    }

    @Test("usage errors exit 2")
    func usage() throws {
        let run = try Run.docconform(["report", "--corpus", Fixtures.miniCorpus, "--fail-on", "everything", "-o", try Fixtures.temporaryDirectory()])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--fail-on"))
        let failOn = try Run.docconform(["report", "--corpus", Fixtures.miniCorpus, "--fail-on", "breaking", "-o", try Fixtures.temporaryDirectory(), "--quiet"])
        #expect(failOn.status == 1)
    }
}

/// The value of one attribute in an opening tag, unescaped.
func attribute(_ tag: String, _ name: String) -> String {
    guard let r = tag.range(of: " \(name)=\"") else { return "" }
    let value = tag[r.upperBound...].prefix { $0 != "\"" }
    return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
}

@Suite("Progress on standard error")
struct ReportProgressTests {
    @Test("a terminal gets progress lines (files, rate, ETA); a pipe and --quiet do not")
    func progress() throws {
        let output = try Fixtures.temporaryDirectory()
        let tty = try Run.docconformInTerminal(["report", "--corpus", Fixtures.miniCorpus, "-o", output])
        #expect(tty.status == 1)
        #expect(tty.stdout.contains("files in 2026-05"))
        #expect(tty.stdout.contains("payload files"))
        #expect(tty.stdout.contains("ETA"))
        let quiet = try Run.docconformInTerminal(["report", "--corpus", Fixtures.miniCorpus, "-o", output, "--quiet"])
        #expect(quiet.status == 1)
        #expect(!quiet.stdout.contains("ETA") && !quiet.stdout.contains("docconform report:"))
        let piped = try Run.docconform(["report", "--corpus", Fixtures.miniCorpus, "-o", output])
        #expect(!piped.stderr.contains("ETA") && !piped.stderr.contains("\r"))
        #expect(piped.stderr.contains("docconform report: 2 snapshot(s)"))
    }
}
