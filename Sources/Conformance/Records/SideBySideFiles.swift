import APIModel
import Foundation

/// A run of whole payload files (`.json` records and placebo recordings: a folder of them is
/// often thousands of small files) checked on several threads: the stretches are runs of files,
/// each lane reads and checks the files of the stretches it takes, and the results come out in
/// input order as one thread would give them.
extension PayloadFiles {
    /// Files in a stretch: enough that taking one costs nothing beside reading and checking them.
    static let filesPerStretch = 32

    /// Whether `file` is read whole and checked as one record on a lane: a `.json` file that is
    /// no stream and has no reader of its own.
    func isWholeRecordFile(_ file: String) -> Bool {
        file.hasSuffix(".json") && readers["json"] == nil && !isNamedStream(file)
    }

    /// How many files from `start` on are whole record files (up to the end or the first that
    /// is not).
    func wholeRecordRun(_ files: [String], from start: Int) -> Int {
        var end = start
        while end < files.count && isWholeRecordFile(files[end]) { end += 1 }
        return end - start
    }

    /// Checks these files on these lanes; the first of them is the run's file number `firstFile`.
    func checkFilesSideBySide(_ files: ArraySlice<String>, firstFile: Int, lanes: [Lane], _ sink: Sink) {
        let filter = self.filter
        sideBySide(lanes: lanes, sink, check: { lane, stretch in lane.checkFiles(stretch, filter) }) { add, take in
            let perBatch = lanes.count * Self.stretchesPerLane
            var start = files.startIndex
            while start < files.endIndex {
                var stretches: [Stretch] = []
                while stretches.count < perBatch && start < files.endIndex {
                    let stretch = take()
                    let end = min(start + Self.filesPerStretch, files.endIndex)
                    stretch.files = files[start..<end]
                    stretch.firstFile = firstFile + (start - files.startIndex)
                    stretches.append(stretch)
                    start = end
                }
                add(stretches)
            }
        }
    }
}

extension PayloadFiles.Lane {
    /// Reads and checks a stretch's files as `PayloadFiles.run(file:)` does on one thread.
    func checkFiles(_ stretch: PayloadFiles.Stretch, _ filter: IssueFilter) {
        var summary = begin(stretch)
        var record = self.record
        let validator = self.validator, renderer = self.renderer, plan = validator.plan, groups = stretch.groups
        for (k, file) in stretch.files.enumerated() {
            summary.files += 1
            plan.clock = (stretch.firstFile + k) << 32
            guard let bytes = PayloadFiles.readWhole(file, log: &summary.log) else {
                summary.unreadable += 1
                continue
            }
            record = PayloadFiles.wholeFileRecord(bytes, file: file, by: validator)
            PayloadFiles.accept(&record, filter, &summary)
            summary.count(record)
            if let renderer { renderer.add(record) } else if let groups { groups.add(record) } else { stretch.results.append(record) }
        }
        end(stretch, summary, record)
    }
}
