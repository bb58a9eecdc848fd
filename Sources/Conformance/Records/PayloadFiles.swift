import APIModel
import Foundation

/// Walks payload inputs (`.json` records, `.jsonl` streams, placebo recordings, folders of
/// them) and hands every record's result to a sink, in input order. `.jsonl` files are read
/// in fixed-size chunks, so memory stays flat however many records a file holds.
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

        public var issuesByCode: [IssueCode: Int] {
            var byCode: [IssueCode: Int] = [:]
            for (k, code) in IssueCode.allCases.enumerated() where codeCounts[k] > 0 { byCode[code] = codeCounts[k] }
            return byCode
        }
    }

    let validator: RecordValidator
    public var chunkSize = 8 << 20
    // Touched for every record: stored without dynamic exclusivity checks.
    @exclusivity(unchecked) private var tally = Summary()

    public var summary: Summary { tally }

    public init(validator: RecordValidator) { self.validator = validator }

    /// The payload files under the given paths (files as given; folders walked, sorted).
    public static func list(_ paths: [String], log: inout DiagnosticLog) -> [String] {
        var files: [String] = []
        for path in paths {
            let found = FileTree.list([path]) { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }
            log.append(contentsOf: found.log)
            if found.files.isEmpty, found.log.errorCount == 0, FileSystemPath.status(path).map({ $0.st_mode & S_IFMT == S_IFDIR }) == true {
                log.warning(path, "no .json or .jsonl payload files in this folder")
            }
            files.append(contentsOf: found.files)
        }
        return files
    }

    /// `<service>.<Operation>_<n>.json`, placebo's naming.
    public static func placeboOrigin(fileName: String) -> RecordValidator.PlaceboOrigin? {
        guard fileName.hasSuffix(".json") else { return nil }
        let stem = fileName.dropLast(5)
        guard let dot = stem.firstIndex(of: "."), let underscore = stem.lastIndex(of: "_"), dot < underscore else { return nil }
        let service = stem[..<dot]
        let operation = stem[stem.index(after: dot)..<underscore]
        let number = stem[stem.index(after: underscore)...]
        guard !service.isEmpty, !operation.isEmpty, !number.isEmpty, number.allSatisfy(\.isNumber),
              operation.first!.isUppercase, operation.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return .init(service: String(service), operation: String(operation))
    }

    public func run(paths: [String], sink: Sink) {
        for file in Self.list(paths, log: &tally.log) { run(file: file, sink) }
    }

    /// The sink is passed down rather than stored: a closure kept in generic storage is called
    /// through a thunk that copies and destroys every result.
    public typealias Sink = (RecordResult) -> Void

    private func emit(_ r: RecordResult, _ sink: Sink) {
        tally.records += 1
        tally.bytes += r.byteCount
        if !r.valid {
            tally.invalid += 1
            r.issues.withUnsafeBufferPointer { issues in
                for k in issues.indices { tally.codeCounts[issues[k].code.ordinal] += 1 }
            }
        }
        sink(r)
    }

    private func run(file: String, _ sink: Sink) {
        tally.files += 1
        if file.hasSuffix(".jsonl") {
            streamLines(file: file, sink)
            return
        }
        guard let bytes = Self.readWhole(file, log: &tally.log) else {
            tally.unreadable += 1
            return
        }
        let name = (file as NSString).lastPathComponent
        var placebo = Self.placeboOrigin(fileName: name)
        // A file named like a placebo recording but holding a docconform record is a record.
        if placebo != nil, !Self.looksLikePlacebo(bytes) { placebo = nil }
        bytes.withUnsafeBufferPointer { emit(validator.validate($0, file: file, line: 1, placebo: placebo), sink) }
    }

    /// The whole file in one buffer sized from fstat (no intermediate copy: a 1 GB record
    /// costs 1 GB).
    static func readWhole(_ file: String, log: inout DiagnosticLog) -> [UInt8]? {
        let fd = FileSystemPath.open(file, O_RDONLY)
        guard fd >= 0 else {
            log.error(file, FileManager.default.fileExists(atPath: file) ? "cannot open file" : "no such file")
            return nil
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { log.error(file, "cannot stat file"); return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var filled = 0
        let ok = bytes.withUnsafeMutableBytes { raw -> Bool in
            while filled < raw.count {
                let n = read(fd, raw.baseAddress! + filled, raw.count - filled)
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 { break }
                filled += n
            }
            return true
        }
        guard ok else { log.error(file, "read failed: \(String(cString: strerror(errno)))"); return nil }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    private static func looksLikePlacebo(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return !head.contains("\"payload\"") || head.contains("\"status_code\"")
    }

    /// One record per line; blank lines are skipped; a line longer than the buffer grows it.
    private func streamLines(file: String, _ sink: Sink) {
        let fd = FileSystemPath.open(file, O_RDONLY)
        guard fd >= 0 else {
            tally.unreadable += 1
            tally.log.error(file, FileManager.default.fileExists(atPath: file) ? "cannot open file" : "no such file")
            return
        }
        defer { close(fd) }
        var capacity = chunkSize
        // malloc/realloc: growing a large block moves its pages instead of copying them, so a
        // line of 1 GB costs about 1 GB, not the old buffer plus the new one.
        var buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        defer { free(buffer) }
        var filled = 0
        var lineNumber = 1
        var eof = false
        var record = RecordResult(file: file, line: 0)
        while true {
            if !eof && filled < capacity {
                let n = read(fd, buffer + filled, capacity - filled)
                if n < 0 {
                    tally.log.error(file, line: lineNumber, "read failed: \(String(cString: strerror(errno)))")
                    tally.unreadable += 1
                    return
                }
                if n == 0 { eof = true } else { filled += n }
            }
            var start = 0
            while start < filled {
                let rest = UnsafeRawPointer(buffer + start)
                guard let nl = memchr(rest, 0x0A, filled - start) else { break }
                let end = UnsafeRawPointer(nl) - UnsafeRawPointer(buffer)
                processLine(buffer + start, end - start, file: file, line: lineNumber, &record, sink)
                lineNumber += 1
                start = end + 1
            }
            if eof {
                if start < filled { processLine(buffer + start, filled - start, file: file, line: lineNumber, &record, sink) }
                return
            }
            if start == 0 && filled == capacity {
                // One line fills the buffer: grow it.
                guard let bigger = realloc(buffer, capacity * 2) else {
                    tally.log.error(file, line: lineNumber, "a line longer than \(capacity) bytes does not fit in memory")
                    tally.unreadable += 1
                    return
                }
                buffer = bigger.assumingMemoryBound(to: UInt8.self)
                capacity *= 2
                continue
            }
            if start > 0 {
                memmove(buffer, buffer + start, filled - start)
                filled -= start
            }
        }
    }

    private func processLine(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, file: String, line: Int,
                             _ record: inout RecordResult, _ sink: Sink) {
        var len = n
        if len > 0 && p[len - 1] == 0x0D { len -= 1 }
        var blank = true
        for i in 0..<len where !(p[i] == 0x20 || p[i] == 0x09) { blank = false; break }
        if blank { return }
        validator.validate(UnsafeBufferPointer(start: p, count: len), file: file, line: line, into: &record)
        emit(record, sink)
    }
}
