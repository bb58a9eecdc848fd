import APIModel
import Foundation

/// Records checked on several threads (`sideBySide`), and a large `.jsonl` file checked so. The
/// calling thread reads the file a batch of whole lines at a time, finds the lines and cuts the
/// batch into stretches; each lane takes stretches (those of services it has checked before,
/// where it can: `ServiceAffinity`) and checks them; the calling thread hands their results on in
/// input order as they are done, while the lanes go on with the next batch. The first lane is the
/// calling thread's own, worked while it waits (`sideBySide`); the others have a thread each.
/// Each lane has a validator and plan of its own, so nothing the checking writes is shared.
/// (Runs of whole files: `SideBySideFiles.swift`.)
extension PayloadFiles {
    /// One thread's tools, kept from stretch to stretch and file to file.
    final class Lane {
        let validator: RecordValidator
        /// Renders the lane's results when the run renders them as they are made.
        var renderer: ResultsJSON.Writer?
        var record = RecordResult(file: "", line: 0)
        /// CPU time of the lane's threads so far (read once they have ended).
        var cpuSeconds: Double = 0

        init(validator: RecordValidator) { self.validator = validator }

        /// Checks a stretch of a batch's lines.
        func check(_ stretch: Stretch, file: String, clock: Int, _ filter: IssueFilter) {
            // Worked on in locals: stored properties of a class pay exclusivity checks per access.
            var summary = begin(stretch)
            var record = self.record
            let validator = self.validator, plan = validator.plan, groups = stretch.groups
            // Called without a retain and release per record (the lane holds it).
            let renderer = self.renderer.map(Unmanaged.passUnretained)
            let batch = stretch.batch!
            let p = batch.bytes
            batch.starts.withUnsafeBufferPointer { starts in
                batch.ends.withUnsafeBufferPointer { ends in
                    for i in stretch.lines {
                        let number = batch.firstLine + i
                        plan.clock = clock | number
                        let len = ends[i] - starts[i]
                        guard PayloadFiles.holdsRecord(p + starts[i], len) else { continue }
                        validator.validate(UnsafeBufferPointer(start: p + starts[i], count: len), file: file, line: number, into: &record)
                        PayloadFiles.accept(&record, filter, &summary)
                        summary.count(record)
                        // Where the result goes, written out here: through a shared function the
                        // result was copied once more per record.
                        if let renderer { renderer._withUnsafeGuaranteedRef { $0.add(record) } } else if let groups { groups.add(record) } else { stretch.results.append(record) }
                    }
                }
            }
            end(stretch, summary, record)
        }

        /// The summary a stretch's check adds to: the stretch's own, taken over with its
        /// tables' room (stretches are reused) and emptied, as are its results and groups.
        func begin(_ stretch: Stretch) -> Summary {
            var summary = Summary()
            swap(&summary, &stretch.summary)
            summary.removeAll()
            stretch.groups?.removeAll()
            stretch.results.removeAll(keepingCapacity: true)
            return summary
        }

        /// Hands the stretch its figures, rendered bytes and notes; keeps the result's room.
        func end(_ stretch: Stretch, _ summary: Summary, _ record: RecordResult) {
            renderer?.takePending(into: &stretch.rendered)
            stretch.summary = summary
            stretch.notes = validator.takeNotes()
            self.record = record
        }
    }

    /// A batch of whole lines read from the file: its buffer (given back to the pool with the
    /// batch) and where its lines start and end.
    final class Batch {
        let bytes: UnsafeMutablePointer<UInt8>
        let firstLine: Int
        let starts: [Int]
        let ends: [Int]
        let pool: BufferPool

        init(taking bytes: UnsafeMutablePointer<UInt8>, count: Int, firstLine: Int, pool: BufferPool) {
            self.bytes = bytes
            self.firstLine = firstLine
            self.pool = pool
            // Found into locals: appending to the stored arrays paid an exclusivity check a line.
            var starts: [Int] = [], ends: [Int] = []
            starts.reserveCapacity(count / 256)
            ends.reserveCapacity(count / 256)
            // A line's end without its CR, found here where its last bytes were just read: a lane
            // that read a record's last byte before the rest waited for it from memory.
            _ = RecordStream.lines(bytes, count) { start, end in
                starts.append(start)
                ends.append(start + PayloadFiles.lengthWithoutCR(bytes + start, end - start))
            }
            self.starts = starts
            self.ends = ends
        }

        deinit { pool.give(bytes) }
    }

    /// Read buffers of a file's batches, used again once their batch is handed on: fresh ones
    /// would cost a page fault per 4 KB read.
    final class BufferPool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [UnsafeMutablePointer<UInt8>] = []
        let size: Int

        init(size: Int) { self.size = size }

        deinit { for b in free { Foundation.free(b) } }

        func take() -> UnsafeMutablePointer<UInt8> {
            lock.withLock { free.popLast() } ?? malloc(size)!.assumingMemoryBound(to: UInt8.self)
        }

        func give(_ buffer: UnsafeMutablePointer<UInt8>) { lock.withLock { free.append(buffer) } }
    }

    /// A stretch of a batch's lines, or of a run of files, and what came of checking them.
    final class Stretch {
        var batch: Batch?
        var lines: Range<Int> = 0..<0
        /// Whole payload files, the first of them the run's file number `firstFile`.
        var files: ArraySlice<String> = []
        var firstFile = 0
        /// Set by its lane under the queue's lock.
        var done = false
        /// The services its first and last records name (`ServiceHints.serviceKey`; 0: none
        /// found, or a run of files): the queue hands a stretch to the lane that has checked
        /// its service before.
        var services: (first: UInt64, last: UInt64) = (0, 0)
        var summary = Summary()
        var notes = RunNotes()
        /// The results; or, when the run renders them, their bytes or their groups.
        var results: [RecordResult] = []
        var rendered = ScratchStack<UInt8>(capacity: 1 << 16)
        var groups: ResultsText.Grouper?

        deinit { rendered.release() }
    }

    /// About what a lane takes at a time: small enough to stay in its core's cache, large enough
    /// that taking one costs nothing beside checking it.
    static let stretchBytes = 256 << 10
    /// Stretches per lane in a batch, and batches read ahead of the results handed on.
    static let stretchesPerLane = 2
    static let batchesAhead = 1

    /// Checks the records of a regular `.jsonl` file on these lanes.
    func checkSideBySide(fd: Int32, name: String, lanes: [Lane], _ sink: Sink) throws(RecordStream.ReadFailure) {
        let clock = tally.files << 32
        let filter = self.filter
        var failure: RecordStream.ReadFailure?
        sideBySide(lanes: lanes, sink, check: { lane, stretch in lane.check(stretch, file: name, clock: clock, filter) }) { add, take in
            let pool = BufferPool(size: Self.stretchBytes * lanes.count * Self.stretchesPerLane)
            do throws(RecordStream.ReadFailure) {
                try RecordStream.blocks(fd: fd, chunkSize: pool.size, beforeRead: nil, newBuffer: pool.take) { p, n, firstLine in
                    let batch = Batch(taking: p, count: n, firstLine: firstLine, pool: pool)
                    add(cut(batch, bytes: n, into: lanes.count * Self.stretchesPerLane, take: take))
                    return batch.starts.count
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Runs stretches on these lanes: `feed` fills stretches it `take`s (one handed on already,
    /// or a new one) and adds them a batch at a time; each lane `check`s the stretches it takes;
    /// the calling thread hands their results on in input order as they are done, while the
    /// lanes go on with the next batch. The calling thread is the first lane: where it would wait
    /// for the stretch to hand on next, it checks a stretch itself. (With a thread for every lane
    /// as well, `--jobs 2` ran three threads on two cores: the calling thread's reading and
    /// writing took a core from a lane, ~140 switches a run.)
    func sideBySide(lanes: [Lane], _ sink: Sink, check: @escaping (Lane, Stretch) -> Void,
                    feed: (_ add: ([Stretch]) -> Void, _ take: () -> Stretch) -> Void) {
        // `add` hands results on to the sink: a closure may hold it only as an escaping one.
        withoutActuallyEscaping(sink) { sink in sideBySide(lanes: lanes, escapable: sink, check: check, feed: feed) }
    }

    private func sideBySide(lanes: [Lane], escapable sink: @escaping Sink, check: @escaping (Lane, Stretch) -> Void,
                            feed: (_ add: ([Stretch]) -> Void, _ take: () -> Stretch) -> Void) {
        var grouped = false
        switch rendering {
        case let .json(writer, _)?: for lane in lanes where lane.renderer == nil { lane.renderer = writer.sibling() }
        case .grouped?: grouped = true
        case nil: break
        }
        defer { for lane in lanes { lane.renderer = nil } }
        let perBatch = lanes.count * Self.stretchesPerLane
        let queue = StretchQueue(lanes: lanes.count)
        // The notes of the records before, ahead of the stretches' (the first lane's validator
        // is the calling thread's: from here on only its lane touches it).
        notes.append(validator.takeNotes())
        let finished = DispatchGroup()
        nonisolated(unsafe) let check = check
        for (l, lane) in lanes.enumerated().dropFirst() {
            nonisolated(unsafe) let lane = lane
            finished.enter()
            Thread {
                let started = threadCPUSeconds()
                // While the calling thread reads the first records.
                lane.validator.plan.adoptCachedPlans()
                while let stretch = queue.take(lane: l) {
                    check(lane, stretch)
                    queue.finish(stretch)
                }
                lane.cpuSeconds += threadCPUSeconds() - started
                finished.leave()
            }.start()
        }
        var spare: [Stretch] = []
        var order: [Stretch] = []
        var next = 0
        /// Waits for `stretch`, checking stretches on the first lane meanwhile.
        func waitChecking(for stretch: Stretch) {
            while !queue.isDone(stretch) {
                if let own = queue.take(lane: 0, blocking: false) {
                    check(lanes[0], own)
                    queue.finish(own)
                } else {
                    queue.wait(for: stretch)
                }
            }
        }
        /// Hands on the stretches done, in order; waits for the oldest (checking meanwhile)
        /// while more than `limit` stretches are out.
        func handOn(keeping limit: Int) {
            while next < order.count {
                let stretch = order[next]
                if order.count - next > limit { waitChecking(for: stretch) } else if !queue.isDone(stretch) { break }
                hand(stretch, sink)
                stretch.batch = nil
                stretch.files = []
                stretch.done = false
                stretch.services = (0, 0)
                spare.append(stretch)
                next += 1
            }
            if next > 4 * perBatch {
                order.removeFirst(next)
                next = 0
            }
        }
        feed({ stretches in
            if grouped { for stretch in stretches where stretch.groups == nil { stretch.groups = ResultsText.Grouper() } }
            order += stretches
            queue.add(stretches)
            handOn(keeping: Self.batchesAhead * perBatch)
        }, { spare.popLast() ?? Stretch() })
        queue.close()
        handOn(keeping: 0)
        finished.wait()
    }

    /// Cuts a batch's lines into stretches of about equal bytes (the last takes the rest).
    private func cut(_ batch: Batch, bytes: Int, into count: Int, take: () -> Stretch) -> [Stretch] {
        let share = bytes / count + 1
        var line = 0
        var stretches: [Stretch] = []
        for k in 0..<count where line < batch.starts.count {
            let from = line
            let limit = k == count - 1 ? Int.max : share * (k + 1)
            while line < batch.starts.count && batch.starts[line] < limit { line += 1 }
            guard line > from else { continue }
            let stretch = take()
            stretch.batch = batch
            stretch.lines = from..<line
            stretch.services = (ServiceHints.serviceKey(ofRecord: batch.bytes + batch.starts[from], count: batch.ends[from] - batch.starts[from]),
                                ServiceHints.serviceKey(ofRecord: batch.bytes + batch.starts[line - 1], count: batch.ends[line - 1] - batch.starts[line - 1]))
            stretches.append(stretch)
        }
        return stretches
    }

    /// Hands on one stretch's results on the calling thread, after those before it.
    private func hand(_ stretch: Stretch, _ sink: Sink) {
        tally.append(stretch.summary)
        notes.append(stretch.notes)
        switch rendering {
        case let .json(writer, write)?:
            let bytes = UnsafeBufferPointer(start: stretch.rendered.base, count: stretch.rendered.count)
            if writer.pendingCount > 0 { writer.drain(write) }
            write(writer.following(bytes))
        case let .grouped(groups)?:
            groups.merge(stretch.groups!)
        case nil:
            for r in stretch.results { sink(r) }
        }
    }
}

/// Stretches waiting for a lane, in input order, and which are done. The file's first stretches
/// go one to each lane: every lane has a share, however late its thread starts. After that a lane
/// takes a stretch of its own services where it can (`ServiceAffinity`).
private final class StretchQueue: @unchecked Sendable {
    /// Lanes' threads wait on `work` for stretches; the calling thread waits on `finished` for the
    /// one it hands on next (two conditions: a stretch done wakes no lane, a stretch added no caller).
    private let work = NSCondition()
    private let finished = NSCondition()
    private var waiting: [PayloadFiles.Stretch] = []
    private var head = 0
    private var closed = false
    private var first: [PayloadFiles.Stretch?]
    private var anyAdded = false
    /// The stretch the calling thread waits for, if it does.
    private var awaited: PayloadFiles.Stretch?
    private var affinity = ServiceAffinity()

    init(lanes: Int) { first = Array(repeating: nil, count: lanes) }

    func add(_ stretches: [PayloadFiles.Stretch]) {
        work.lock()
        var stretches = stretches[...]
        if !anyAdded {
            anyAdded = true
            for l in first.indices { first[l] = stretches.popFirst() }
        }
        if head > 1024 { waiting.removeFirst(head); head = 0 }
        waiting += stretches
        work.broadcast()
        work.unlock()
    }

    /// The next stretch for this lane (its own first one before any other), waiting for one
    /// when `blocking`; nil once the queue is closed and empty, or (not blocking) while it is
    /// empty. A lane that began waiting before the first stretches came looks for its own again
    /// when woken: looking only once, before waiting, it could miss it, and the calling thread
    /// then waited for it forever.
    func take(lane: Int, blocking: Bool = true) -> PayloadFiles.Stretch? {
        work.lock()
        defer { work.unlock() }
        while true {
            if let own = first[lane] {
                first[lane] = nil
                claim(own, for: lane)
                return own
            }
            if head < waiting.count {
                let k = head + affinity.choice(for: lane, firstServices: waiting[head...].lazy.map(\.services.first))
                let stretch = waiting[k]
                if k == head { head += 1 } else { waiting.remove(at: k) }
                claim(stretch, for: lane)
                return stretch
            }
            if closed || !blocking { return nil }
            work.wait()
        }
    }

    private func claim(_ stretch: PayloadFiles.Stretch, for lane: Int) {
        affinity.claim(first: stretch.services.first, last: stretch.services.last, for: lane)
    }

    func finish(_ stretch: PayloadFiles.Stretch) {
        finished.lock()
        stretch.done = true
        if awaited === stretch { finished.signal() }
        finished.unlock()
    }

    func isDone(_ stretch: PayloadFiles.Stretch) -> Bool {
        finished.lock()
        defer { finished.unlock() }
        return stretch.done
    }

    func wait(for stretch: PayloadFiles.Stretch) {
        finished.lock()
        awaited = stretch
        while !stretch.done { finished.wait() }
        awaited = nil
        finished.unlock()
    }

    func close() {
        work.lock()
        closed = true
        work.broadcast()
        work.unlock()
    }
}
