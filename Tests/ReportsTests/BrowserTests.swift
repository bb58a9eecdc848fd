import Foundation
import Testing
import TestSupport

/// Debian's chromium, installed by `.ci/run` when missing.
let chromium = Run.which("chromium") ?? Run.which("chromium-browser")

/// The page as a real browser builds it: `--dump-dom` prints the DOM after the inline script
/// ran; `--enable-logging=stderr` prints every console message as a `CONSOLE` line.
func renderInBrowser(_ file: String, hash: String = "") throws -> ProcessRun {
    let browser = try #require(chromium)
    return try Run.program("/usr/bin/timeout", ["120", browser, "--headless", "--no-sandbox", "--disable-gpu",
                                               "--enable-logging=stderr", "--v=0", "--dump-dom", "file://\(file)\(hash)"])
}

@Suite("The report in a headless browser",
       .enabled(if: chromium != nil, "chromium is not installed: the page is not checked in a browser here (.ci/run installs chromium and runs these tests)"))
struct BrowserTests {
    @Test("the DOM has the summary numbers, a known breaking change, a known invalid payload; no console messages")
    func renders() throws {
        let b = try BundledRun.get()
        let run = try renderInBrowser(b.output + "/index.html")
        let dom = run.stdout
        #expect(dom.contains("<body data-ready=\"1\">"), "the inline script did not finish")
        #expect(!dom.contains("data-js-errors=\""))
        let consoleLines = run.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(consoleLines.isEmpty, "\(consoleLines)")

        // Summary numbers, as the browser shows them.
        let page = PageReader(html: dom)
        let built = PageReader(html: b.html)
        for metric in ["services", "operations", "documents", "payloads-valid", "payloads-invalid", "changes-breaking", "changes-dangerous", "changes-info"] {
            #expect(page.metric(metric) != nil && page.metric(metric) == built.metric(metric), "\(metric)")
        }
        #expect(page.metric("operations")! > 300)
        // EC2 CreateVpcPeeringConnection: VpcId became required between botocore 1.27.0 and 1.35.40.
        #expect(page.tags(withClass: "change sev-breaking").contains {
            attribute($0, "data-kind") == "required-added" && attribute($0, "data-operation") == "CreateVpcPeeringConnection" && attribute($0, "data-path") == "VpcId"
        })
        // A placebo recording with a member the docs do not describe.
        #expect(page.tags(withClass: "failure").contains {
            attribute($0, "data-file").hasSuffix("placebo/appstream.DescribeUserStackAssociations_2.json")
                && attribute($0, "data-path") == "ExperimentalFeatureFlags" && attribute($0, "data-code") == "unknown"
        })
    }

    @Test("the operation filter hides what does not match")
    func filter() throws {
        let b = try BundledRun.get()
        let dom = try renderInBrowser(b.output + "/index.html", hash: "#q=CreateVpcPeering").stdout
        let ops = PageReader(html: dom).tags(withClass: "op")
        let visible = ops.filter { !$0.contains("hidden") && !$0.contains("shared") }
        #expect(visible.count == 1)
        #expect(visible.first?.contains("id=\"op--ec2--CreateVpcPeeringConnection\"") == true)
        #expect(dom.contains("1 of "))
    }
}
