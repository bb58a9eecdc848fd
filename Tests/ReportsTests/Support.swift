import Foundation

/// Paths, temporary corpora and the built `docconform` binary, for the report tests.
enum Fixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { repoRoot.appendingPathComponent(relative).path }

    static var miniCorpus: String { path("docs-corpus/fixtures/reports/mini-corpus") }
    static var schemas: String { path("docs-corpus/fixtures/reports/schemas") }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// A writable copy of the mini corpus, to break in one place.
    static func miniCorpusCopy() throws -> String {
        let dir = try temporaryDirectory() + "/corpus"
        try FileManager.default.copyItem(atPath: miniCorpus, toPath: dir)
        return dir
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}

struct ProcessRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Run {
    /// `docconform`, built beside the test bundle by `swift test`.
    static var docconform: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("docconform").path
    }

    static func docconform(_ arguments: [String], in directory: String? = nil) throws -> ProcessRun {
        try program(docconform, arguments, in: directory)
    }

    static func program(_ path: String, _ arguments: [String], in directory: String? = nil) throws -> ProcessRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return ProcessRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The first executable of that name on PATH.
    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Reads the report page the way the tests need: metric values and the opening tags of rows.
/// Scans UTF-8 bytes: the page is megabytes, and Foundation's `range(of:)` on substrings
/// would copy the rest of the page at every step.
struct PageReader {
    let html: String
    private let bytes: [UInt8]

    init(html: String) {
        self.html = html
        self.bytes = Array(html.utf8)
    }

    func metric(_ name: String) -> Int? {
        guard let at = find(Array("data-metric=\"\(name)\" data-value=\"".utf8), from: 0) else { return nil }
        return Int(String(decoding: bytes[at...].prefix { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self))
    }

    /// The opening tags of elements whose class list holds every one of `classes` (space-separated).
    func tags(withClass classes: String) -> [String] {
        let wanted = Set(classes.split(separator: " ").map(String.init))
        let marker = Array(" class=\"".utf8)
        var out: [String] = []
        var i = 0
        while let valueStart = find(marker, from: i) {
            var valueEnd = valueStart
            while valueEnd < bytes.count && bytes[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
            var tagEnd = valueEnd
            while tagEnd < bytes.count && bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            if wanted.isSubset(of: value.split(separator: " ").map(String.init)) {
                var tagStart = valueStart
                while tagStart > 0 && bytes[tagStart] != UInt8(ascii: "<") { tagStart -= 1 }
                out.append(String(decoding: bytes[tagStart..<tagEnd], as: UTF8.self))
            }
            i = tagEnd
        }
        return out
    }

    /// The index just past the next occurrence of `needle` at or after `from`.
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= bytes.count - needle.count {
            if bytes[i] == first {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i + needle.count }
            }
            i += 1
        }
        return nil
    }
}
