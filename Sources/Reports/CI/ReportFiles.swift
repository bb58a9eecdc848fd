import APIModel
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
        let outputs: [(String, () -> [[UInt8]])] = [
            ("index.html", { [HTMLReportWriter().html(report)] }),
            ("junit.xml", { [JUnitWriter.xml(suites: ReportJUnit.suites(report, failOn: failOn), name: "docconform report", caseLocations: false)] }),
            ("results.sarif", { [ReportSARIF.log(report, failOn: failOn)] }),
            ("changes.md", { [ChangesMarkdown.render(report)] }),
            ("model.json", { ModelWriter(pretty: false).chunks(of: model) }),
        ]
        for (name, render) in outputs {
            let path = (folder as NSString).appendingPathComponent(name)
            if let reason = atomicWrite(render(), to: path) { failures.append((path, reason)) }
        }
        return failures
    }

    static func atomicWrite(_ chunks: [[UInt8]], to path: String) -> String? {
        let temporary = path + ".partial-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var ok = true
        for chunk in chunks where ok {
            ok = chunk.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return true }
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, base + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return false }
                    offset += n
                }
                return true
            }
        }
        let reason = ok ? nil : String(cString: strerror(errno))
        if close(fd) != 0 || !ok || rename(temporary, path) != 0 {
            unlink(temporary)
            return reason ?? String(cString: strerror(errno))
        }
        return nil
    }
}
