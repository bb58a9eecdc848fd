import APIModel
import Foundation

/// Walks payload inputs (`.json` records, `.jsonl` streams, placebo recordings, folders of
/// them, `-` for JSON Lines on standard input) and hands every record's result to a sink, in
/// input order. `.jsonl` files, standard input and other streams (FIFOs, `/dev/stdin`) are read
/// in fixed-size chunks, so memory stays flat however many records they hold.
public final class PayloadFiles {
    public struct Summary: Sendable {
        public var files = 0
        public var records = 0
        public var invalid = 0
        public var bytes = 0
        public var unreadable = 0
        public var log = DiagnosticLog()
        /// Issues by code, counted in a fixed table as records go by (no hashing per issue).
        var codeCounts = [Int](repeating: 0, count: IssueCode.allCases.count)

        /// Records, invalid records and issues per operation and per service.
        public var byOperation = OperationCounts()
        /// Issues accepted by the filter (`--ignore`, `--baseline`), not counted as issues.
        public var accepted = 0

        public init() {}

        /// Counts one record's result (for callers that check records themselves: the proxy).
        @inline(__always)
        public mutating func count(_ r: RecordResult) {
            records += 1
            bytes += r.byteCount
            byOperation.add(r)
            if !r.valid {
                invalid += 1
                r.issues.withUnsafeBufferPointer { issues in
                    for k in issues.indices { codeCounts[issues[k].code.ordinal] += 1 }
                }
            }
        }

        /// Back to no figures, keeping the tables' room.
        mutating func removeAll() {
            files = 0; records = 0; invalid = 0; bytes = 0; unreadable = 0; accepted = 0
            log = DiagnosticLog()
            for k in codeCounts.indices { codeCounts[k] = 0 }
            byOperation.removeAll()
        }

        /// Adds the figures of inputs that came after these (checked on another thread).
        public mutating func append(_ later: Summary) {
            files += later.files
            records += later.records
            invalid += later.invalid
            bytes += later.bytes
            unreadable += later.unreadable
            accepted += later.accepted
            log.append(contentsOf: later.log)
            for k in codeCounts.indices { codeCounts[k] += later.codeCounts[k] }
            byOperation.append(later.byOperation)
        }

        public var issuesByCode: [IssueCode: Int] {
            var byCode: [IssueCode: Int] = [:]
            for (k, code) in IssueCode.allCases.enumerated() where codeCounts[k] > 0 { byCode[code] = codeCounts[k] }
            return byCode
        }
    }

    /// Known issues to accept (`validate --ignore`, `--baseline`); read for every invalid record.
    @exclusivity(unchecked) public var filter = IssueFilter()

    let validator: RecordValidator
    /// Small enough that a chunk is still in the core's L2 cache when it is scanned after the
    /// kernel copied it in (8 MB chunks were read back from memory: 5% slower on small records,
    /// 20% on large ones); a longer line grows the buffer.
    public var chunkSize = 256 << 10
    // Touched for every record: stored without dynamic exclusivity checks.
    @exclusivity(unchecked) var tally = Summary()

    public var summary: Summary { tally }

    /// Called before each read from standard input, which may wait for the producer: the place
    /// to hand results on, so that every record read so far has its result out before the tool
    /// waits for more.
    public var beforeWaiting: (() -> Void)?

    /// `-` among the inputs: JSON Lines records from standard input, named so in results.
    public static let standardInput = "-"
    public static let standardInputName = "<stdin>"

    /// `-`, a FIFO, /dev/stdin, a process substitution: JSON Lines whatever the name, read as
    /// they come (no size to read up to; a read may wait for the producer).
    public static func isStream(_ path: String) -> Bool {
        if path == standardInput { return true }
        guard let st = FileSystemPath.status(path) else { return false }
        return (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR
    }

    /// `threads`: how many threads may check a large `.jsonl` file's records side by side
    /// (each with a validator and plan of its own, made when a file first needs it; results
    /// come out in input order all the same). Other inputs are checked on the calling thread.
    public init(validator: RecordValidator, threads: Int = 1) {
        self.validator = validator
        self.threads = max(threads, 1)
        validator.numberTokens(apart: self.threads)
        lanes = [Lane(validator: validator)]
    }

    let threads: Int
    /// One per thread so far; the first checks everything not checked side by side.
    private(set) var lanes: [Lane]

    /// The first `count` lanes, made as needed.
    func lanes(_ count: Int) -> [Lane] {
        while lanes.count < count { lanes.append(Lane(validator: validator.sibling(lanes.count))) }
        return Array(lanes.prefix(count))
    }

    /// The plans of every thread, for what they found while compiling (unsupported patterns,
    /// patterns that gave up): `ValidationPlan.unsupportedPatterns(of:)`.
    public var plans: [ValidationPlan] { lanes.map(\.validator.plan) }

    /// CPU time of the threads that checked files side by side (the calling thread's own is
    /// the caller's to take): with it, a run's CPU time without unrelated threads' (a
    /// process's clock also counts the threads that read the model ahead, winding down).
    public var sideBySideCPUSeconds: Double { lanes.reduce(0) { $0 + $1.cpuSeconds } }

    /// Time the plans spent compiling, on every thread (`ValidationPlan.compileSeconds`).
    public var compileSeconds: Double { plans.reduce(0) { $0 + $1.compileSeconds } }

    /// Reads a payload file of another kind (a HAR file through the Wire library): hands each
    /// record's result to `emit`, reports problems in `log`; false when the file could not be read at all.
    public typealias FileReader = (_ file: String, _ bytes: [UInt8], _ log: inout DiagnosticLog, _ emit: (RecordResult) -> Void) -> Bool
    /// Readers by file extension (`har`), besides `.json` and `.jsonl`.
    public var readers: [String: FileReader] = [:]

    /// Payload files as listed, with the streams among them. Only a path named as given can be
    /// one (a folder's files are regular: the walker lists nothing else), so a run asks the
    /// file system about each path given, not about each of a folder's thousands of files.
    public struct List: Sendable {
        public var files: [String] = []
        public var streams: Set<String> = []
        public init(files: [String] = [], streams: Set<String> = []) {
            self.files = files
            self.streams = streams
        }
    }

    /// The payload files under the given paths (files as given; folders walked, sorted): `.json`,
    /// `.jsonl` and the `extensions` given.
    public static func list(_ paths: [String], extensions: Set<String> = [], log: inout DiagnosticLog) -> List {
        var list = List()
        for path in paths {
            // Named streams (`-`, a FIFO, /dev/stdin) are read as JSON Lines as they come;
            // everything else through the one file walker (regular files only).
            if isStream(path) {
                list.files.append(path)
                list.streams.insert(path)
                continue
            }
            let found = FileTree.list([path]) { name in
                name.hasSuffix(".json") || name.hasSuffix(".jsonl") || extensions.contains(String(FileSystemPath.fileExtension(name)))
            }
            log.append(contentsOf: found.log)
            if found.files.isEmpty, found.log.errorCount == 0, FileSystemPath.status(path).map({ $0.st_mode & S_IFMT == S_IFDIR }) == true {
                log.warning(path, "no .json or .jsonl payload files in this folder")
            }
            list.files.append(contentsOf: found.files)
        }
        return list
    }

    /// `[prefix.]<endpoint prefix>.<Operation>_<n>.json`, placebo's naming (`Pill.get_new_file_path`):
    /// the operation is the last dot-separated part before `_<n>`, the rest names the service
    /// (`api.ecr.DescribeRepositories_2.json`: `api.ecr`, `DescribeRepositories`).
    /// Read as bytes (Character by Character, reading the name was a twentieth of checking a
    /// folder of recordings): `.`, `_`, the digits and the operation's letters are ASCII and no
    /// byte of a non-ASCII character is one of them, so names read as they did by Characters
    /// (a combining mark after the `.` or `_` that matter made no recording's name either way).
    public static func placeboOrigin(fileName: Substring) -> RecordValidator.PlaceboOrigin? {
        var name = fileName
        return name.withUTF8 { b -> RecordValidator.PlaceboOrigin? in
            let n = b.count
            guard n > 5, b[n - 5] == 0x2E, b[n - 4] == 0x6A, b[n - 3] == 0x73, b[n - 2] == 0x6F, b[n - 1] == 0x6E else { return nil }
            let stemEnd = n - 5
            guard let underscore = b[..<stemEnd].lastIndex(of: 0x5F), let dot = b[..<underscore].lastIndex(of: 0x2E) else { return nil }
            @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
            @inline(__always) func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
            @inline(__always) func isLetterOrDigit(_ c: UInt8) -> Bool { isDigit(c) || isUpper(c) || (c >= 0x61 && c <= 0x7A) }
            let operation = b[(dot + 1)..<underscore], number = b[(underscore + 1)..<stemEnd]
            guard dot > 0, !operation.isEmpty, !number.isEmpty, number.allSatisfy(isDigit), isUpper(operation.first!),
                  operation.allSatisfy(isLetterOrDigit) else { return nil }
            return .init(service: String(decoding: b[..<dot], as: UTF8.self), operation: String(decoding: operation, as: UTF8.self))
        }
    }

    public static func placeboOrigin(fileName: String) -> RecordValidator.PlaceboOrigin? {
        placeboOrigin(fileName: Substring(fileName))
    }

    /// The placebo origin the file at `path` is named for (`placeboOrigin(fileName:)`).
    public static func placeboOrigin(path: String) -> RecordValidator.PlaceboOrigin? {
        placeboOrigin(fileName: FileSystemPath.lastComponent(path))
    }

    public func run(paths: [String], rendering: Rendering? = nil, sink: Sink) {
        var listing = DiagnosticLog()
        let files = Self.list(paths, extensions: Set(readers.keys), log: &listing)
        run(files: files, listing: listing, rendering: rendering, sink: sink)
    }

    /// The same for paths already listed (`list`, with the readers' extensions), with what
    /// listing them said.
    public func run(files list: List, listing: DiagnosticLog, rendering: Rendering? = nil, sink: Sink) {
        self.rendering = rendering
        streams = list.streams
        defer {
            self.rendering = nil
            streams = []
        }
        let files = list.files
        tally.log.append(contentsOf: listing)
        var i = 0
        while i < files.count {
            // A long run of whole record files (a folder of placebo recordings) is checked side by side.
            let n = threads > 1 ? wholeRecordRun(files, from: i) : 0
            let useful = min(threads, n / Self.filesPerStretch)
            if useful > 1 {
                checkFilesSideBySide(files[i..<(i + n)], firstFile: tally.files + 1, lanes: lanes(useful), sink)
            } else {
                for file in files[i..<(i + max(n, 1))] { run(file: file, sink) }
            }
            i += max(n, 1)
        }
        notes.append(validator.takeNotes())
        tally.log.append(contentsOf: notes.log)
        notes = RunNotes()
    }

    /// The run's notes so far, in input order: the calling thread's validator's are moved here
    /// before a file is checked side by side (its lane then writes them while the calling thread
    /// adds the stretches' notes here).
    var notes = RunNotes()

    /// What the run makes of results where they are checked, so that a file checked side by
    /// side needs no results handed from thread to thread; results checked on the calling
    /// thread go to the sink, which adds them to the same writer or grouper.
    public enum Rendering {
        /// Made into JSON: each thread renders its own records with a sibling of `writer`, and
        /// those bytes go to `write` in input order (after what `writer` holds).
        case json(writer: ResultsJSON.Writer, write: (UnsafeBufferPointer<UInt8>) -> Void)
        /// Grouped as text: each thread groups a stretch's records, and the stretches are merged
        /// into `groups` in input order.
        case grouped(ResultsText.Grouper)
    }
    var rendering: Rendering?
    /// The streams among the files being run (`List.streams`).
    var streams: Set<String> = []

    /// Whether `file`, of the files being run, is a stream (most runs name none: no hashing).
    func isNamedStream(_ file: String) -> Bool { !streams.isEmpty && streams.contains(file) }

    /// The sink is passed down rather than stored: a closure kept in generic storage is called
    /// through a thunk that copies and destroys every result.
    public typealias Sink = (RecordResult) -> Void

    /// Moves the record's known issues aside (`filter`); a valid record costs one test.
    @inline(__always)
    private func accept(_ r: inout RecordResult) { Self.accept(&r, filter, &tally) }

    @inline(__always)
    static func accept(_ r: inout RecordResult, _ filter: borrowing IssueFilter, _ summary: inout Summary) {
        if !r.issues.isEmpty && !filter.isEmpty {
            filter.apply(to: &r)
            summary.accepted += r.accepted.count
        }
    }

    private func emit(_ r: RecordResult, _ sink: Sink) {
        tally.count(r)
        sink(r)
    }

    private func run(file: String, _ sink: Sink) {
        tally.files += 1
        // Where the run is, for the order of what plans find while compiling (the lanes of a
        // file checked side by side say the record; one thread needs only the file).
        validator.plan.clock = tally.files << 32
        if file == Self.standardInput {
            streamLines(fd: STDIN_FILENO, name: Self.standardInputName, mayWait: true, sink)
            return
        }
        let isStream = isNamedStream(file)
        if isStream || file.hasSuffix(".jsonl") {
            streamLines(file: file, mayWait: isStream, sink)
            return
        }
        guard let bytes = Self.readWhole(file, log: &tally.log) else {
            tally.unreadable += 1
            return
        }
        if let reader = readers[String(FileSystemPath.fileExtension(file))] {
            let read = reader(file, bytes, &tally.log) { result in
                var record = result
                accept(&record)
                emit(record, sink)
            }
            if !read { tally.unreadable += 1 }
            return
        }
        var record = Self.wholeFileRecord(bytes, file: file, by: validator)
        accept(&record)
        emit(record, sink)
    }

    /// A `.json` file's one record: a placebo recording (told by its name) or a docconform
    /// record. A file named like a placebo recording but holding a docconform record is a record.
    static func wholeFileRecord(_ bytes: [UInt8], file: String, by validator: RecordValidator) -> RecordResult {
        let placebo = placeboOrigin(path: file)
        return bytes.withUnsafeBufferPointer { validator.validate($0, file: file, line: 1, placebo: placebo) }
    }

    /// The whole file (`FileReading.bytes`: sized from fstat, regular files only, at most its
    /// input limit), or an error at the file in the run's log.
    static func readWhole(_ file: String, log: inout DiagnosticLog) -> [UInt8]? {
        do throws(FileReadError) {
            return try FileReading.bytes(atPath: file)
        } catch {
            log.error(file, error.reason)
            return nil
        }
    }

    /// The length of a line's record without a final CR; nil for a blank line, which is no record.
    @inline(__always)
    static func recordLength(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int? {
        let len = lengthWithoutCR(p, n)
        return holdsRecord(p, len) ? len : nil
    }

    /// The length of a line without a final CR.
    @inline(__always)
    static func lengthWithoutCR(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        n > 0 && p[n - 1] == 0x0D ? n - 1 : n
    }

    /// Whether a line (its CR taken off) holds a record: a blank line holds none.
    @inline(__always)
    static func holdsRecord(_ p: UnsafeMutablePointer<UInt8>, _ len: Int) -> Bool {
        for i in 0..<len where !(p[i] == 0x20 || p[i] == 0x09) { return true }
        return false
    }

    /// One record per line; blank lines are skipped (`RecordStream`).
    private func streamLines(fd: Int32, name: String, mayWait: Bool, _ sink: Sink) {
        var record = RecordResult(file: name, line: 0)
        do {
            // A regular file big enough to give each lane a batch's share is checked side by side.
            var st = stat()
            if !mayWait, threads > 1, fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                let useful = min(threads, Int(st.st_size) / (Self.stretchBytes * Self.stretchesPerLane))
                if useful > 1 {
                    try checkSideBySide(fd: fd, name: name, lanes: lanes(useful), sink)
                    return
                }
            }
            try RecordStream.read(fd: fd, chunkSize: chunkSize, beforeRead: mayWait ? beforeWaiting : nil) { p, n, number in
                processLine(p, n, file: name, number: number, &record, sink)
            }
        } catch {
            tally.log.error(name, line: error.line, error.errno == EFBIG
                            ? "a line longer than \(FileReading.maximumBytes) bytes (DOCCONFORM_MAX_INPUT_BYTES): not read further"
                            : "read failed: \(error.message)")
            tally.unreadable += 1
        }
    }

    private func streamLines(file: String, mayWait: Bool, _ sink: Sink) {
        let fd = FileSystemPath.open(file, O_RDONLY)
        guard fd >= 0 else {
            tally.unreadable += 1
            tally.log.error(file, FileManager.default.fileExists(atPath: file) ? "cannot open file" : "no such file")
            return
        }
        defer { close(fd) }
        streamLines(fd: fd, name: file, mayWait: mayWait, sink)
    }

    /// The result handed on from an `inout` (read from the closure's box, it was copied); the
    /// validator and filter read from `self` (passed to a shared function, each was retained
    /// and released per record).
    private func processLine(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, file: String, number: Int,
                             _ record: inout RecordResult, _ sink: Sink) {
        guard let len = Self.recordLength(p, n) else { return }
        validator.validate(UnsafeBufferPointer(start: p, count: len), file: file, line: number, into: &record)
        accept(&record)
        emit(record, sink)
    }
}
