import APIModel
import DocIngest
import ArgumentParser
import Foundation

/// Diagnostics, summaries and progress on standard error.
enum Console {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ log: DiagnosticLog, quiet: Bool) {
        for line in log.standardErrorLines(quiet: quiet) { printError(line) }
    }

    static func summary(ingest: Ingest.Result, quiet: Bool) {
        guard !quiet else { return }
        let formats = ingest.filesByFormat.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        printError("docconform: \(ingest.filesRead) files read (\(formats.isEmpty ? "none parsed" : formats)); "
            + "\(ingest.model.services.count) services, \(ingest.model.operationCount) operations; "
            + "\(ingest.log.errorCount) errors, \(ingest.log.warningCount) warnings")
    }
}

/// Progress on a terminal only: silent when piped or with --quiet.
enum Progress {
    static func reporter(label: String, quiet: Bool) -> ((Int, Int) -> Void)? {
        guard !quiet, isatty(STDERR_FILENO) != 0 else { return nil }
        let start = Date()
        var last = Date.distantPast
        return { done, total in
            let now = Date()
            guard now.timeIntervalSince(last) > 0.2 || done + 1 == total else { return }
            last = now
            let elapsed = now.timeIntervalSince(start)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let line = String(format: "\r%d/%d %@  %.0f/s  ETA %.0fs   ", done + 1, total, label, rate, eta)
            FileHandle.standardError.write(Data(line.utf8))
            if done + 1 == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}

/// Output files for the commands: standard output or `OutputFile` (no half-written file is left,
/// devices such as /dev/null are written in place); a failure is exit status 2.
enum Output {
    static func write(_ bytes: [UInt8], to path: String?) throws {
        try write(to: path) { $0.write(bytes) }
    }

    /// Opens the output, lets `body` write to it, and commits it.
    static func write(to path: String?, _ body: (OutputFile) -> Void) throws {
        do {
            try OutputFile.write(to: path, body)
        } catch {
            Console.printError("\(error.path): error: cannot write output: \(error.reason)")
            throw ArgumentParser.ExitCode(2)
        }
    }
}
