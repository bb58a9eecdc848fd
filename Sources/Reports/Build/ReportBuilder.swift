import APIModel
import Conformance
import Differ
import DocIngest
import Foundation

/// Runs the main job on a corpus: parse every snapshot (formats merged per snapshot through
/// `Ingest.load`), validate the payloads against the newest snapshot, diff consecutive
/// snapshots. The same calls `parse`, `validate` and `diff` make, so the numbers agree.
public struct ReportBuilder {
    /// Progress: a label (`files in botocore-1.43.11`, `payload files`), items done, items in all.
    public typealias Progress = (String, Int, Int) -> Void

    public var progress: Progress?

    public init(progress: Progress? = nil) { self.progress = progress }

    public func build(corpus: String) -> CorpusReport {
        let started = Date()
        let layout = CorpusLayout(root: corpus)
        var report = CorpusReport(corpus: corpus)
        report.problems = layout.problems
        for path in layout.snapshots {
            report.snapshots.append(parse(snapshot: path))
        }
        if let newest = report.snapshots.last {
            if newest.model.services.isEmpty {
                report.problems.error(newest.path, "the newest snapshot has no readable API model: payloads not validated")
            } else {
                report.validation = validate(layout, against: newest)
            }
        }
        report.changeSets = diffConsecutive(report.snapshots, problems: &report.problems)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    func parse(snapshot path: String) -> CorpusReport.Snapshot {
        let name = CorpusLayout.name(of: path)
        let label = "files in \(name)"
        let result = Ingest.load(paths: [path], progress: progress.map { p in { p(label, $0, $1) } })
        var log = result.log
        if result.filesRead == 0 { log.error(path, "empty snapshot: no documents in this folder") }
        var byFormat: [String: Int] = [:]
        for (format, n) in result.filesByFormat { byFormat[format.rawValue] = n }
        var incompleteness = result.incompleteness
        if result.model.services.isEmpty { incompleteness.append("no API model found (no service could be read)") }
        return CorpusReport.Snapshot(name: name, path: path, model: result.model, log: log,
                                     filesRead: result.filesRead, filesByFormat: byFormat, incompleteness: incompleteness)
    }

    func validate(_ layout: CorpusLayout, against snapshot: CorpusReport.Snapshot) -> CorpusReport.Validation {
        var validation = CorpusReport.Validation(snapshot: snapshot.name)
        let plan = ValidationPlan(model: snapshot.model)
        let files = PayloadFiles(validator: RecordValidator(plan: plan))
        var listLog = DiagnosticLog()
        var perSet = layout.payloadSets.map { ($0, PayloadFiles.list([$0], log: &listLog).files) }
        if !layout.loosePayloadFiles.isEmpty {
            perSet.insert(((layout.root as NSString).appendingPathComponent("payloads"), layout.loosePayloadFiles), at: 0)
        }
        let total = perSet.reduce(0) { $0 + $1.1.count }
        var done = 0
        var results: [RecordResult] = []
        for (set, list) in perSet {
            var entry = CorpusReport.PayloadSet(name: CorpusLayout.name(of: set), path: set, about: Self.readmeSummary(in: set))
            entry.files = list
            for file in list {
                progress?("payload files", done, total)
                done += 1
                files.run(paths: [file]) { r in
                    entry.records += 1
                    if !r.valid { entry.invalid += 1 }
                    results.append(r)
                }
            }
            validation.sets.append(entry)
        }
        let summary = files.summary
        validation.results = results
        validation.records = summary.records
        validation.invalid = summary.invalid
        validation.bytes = summary.bytes
        validation.unreadableFiles = summary.unreadable
        validation.log = listLog
        validation.log.append(contentsOf: summary.log)
        return validation
    }

    func diffConsecutive(_ snapshots: [CorpusReport.Snapshot], problems: inout DiagnosticLog) -> [CorpusReport.ChangeSet] {
        var sets: [CorpusReport.ChangeSet] = []
        for (old, new) in zip(snapshots, snapshots.dropFirst()) {
            // The rule `diff` follows: a snapshot that did not read cleanly would show its failures as removals.
            let broken = [old, new].filter { !$0.incompleteness.isEmpty }
            if !broken.isEmpty {
                for s in broken {
                    problems.error(s.path, "\(old.name) → \(new.name) not compared: \(s.name): \(s.incompleteness.joined(separator: ", "))")
                }
                continue
            }
            sets.append(CorpusReport.ChangeSet(old: old.path, new: new.path, changes: ModelDiffer().diff(old.model, new.model)))
        }
        return sets
    }

    /// The first paragraph after the README's title.
    static func readmeSummary(in folder: String) -> String? {
        let path = (folder as NSString).appendingPathComponent("README.md")
        guard let bytes = try? FileReading.bytes(atPath: path) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var paragraph: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { if !paragraph.isEmpty { break } else { continue } }
            if trimmed.isEmpty { if paragraph.isEmpty { continue } else { break } }
            paragraph.append(Substring(trimmed))
        }
        return paragraph.isEmpty ? nil : paragraph.joined(separator: " ")
    }
}
