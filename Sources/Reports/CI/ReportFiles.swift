import APIModel
import ChangeRecords
import Differ
import Foundation

/// Writes the report folder: index.html, junit.xml, results.sarif, changes.md, model.json.
/// Each file is written to a temporary name and renamed, so no half-written file is left.
public enum ReportFiles {
    public static let names = ["index.html", "junit.xml", "results.sarif", "changes.md", "model.json"]

    /// Returns the files it could not write, with the reason.
    public static func write(_ report: CorpusReport, to folder: String, failOn: Severity?) -> [(String, String)] {
        var failures: [(String, String)] = []
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return [(folder, "cannot create the output folder: \(error.localizedDescription)")]
        }
        let model = report.newest?.model ?? Model()
        // A model read from an incomplete snapshot would look complete: none is written then
        // (and one left by an earlier run is removed, so it cannot pass for this run's).
        let modelComplete = report.newest.map { $0.incompleteness.isEmpty } ?? true
        if !modelComplete { unlink((folder as NSString).appendingPathComponent("model.json")) }
        let outputs: [(String, () -> [[UInt8]])] = [
            ("index.html", { [HTMLReportWriter().html(report)] }),
            ("junit.xml", { [JUnitWriter.xml(suites: ReportJUnit.suites(report, failOn: failOn), name: "docconform report", caseLocations: false)] }),
            ("results.sarif", { [ReportSARIF.log(report, failOn: failOn)] }),
            ("changes.md", { [ChangesMarkdown.render(report)] }),
            ("model.json", { ModelWriter(pretty: false).chunks(of: model) }),
        ]
        for (name, render) in outputs where name != "model.json" || modelComplete {
            let path = (folder as NSString).appendingPathComponent(name)
            if let reason = atomicWrite(render(), to: path) { failures.append((path, reason)) }
        }
        return failures
    }

    static func atomicWrite(_ chunks: [[UInt8]], to path: String) -> String? {
        do {
            try OutputFile.write(chunks, to: path)
            return nil
        } catch {
            return error.reason
        }
    }
}
