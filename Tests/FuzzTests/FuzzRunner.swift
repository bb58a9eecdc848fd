import Foundation

/// How one run of the `docconform` binary ended.
struct FuzzOutcome {
    var status: Int32
    /// The signal that ended it (a crash), or nil for a normal exit.
    var signal: Int32?
    var timedOut: Bool
    var stdout: Data
    var stderr: String
    var seconds: Double

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs the CLI as a child process, so a crash cannot take the test runner down: with a time
/// limit (the child is killed past it) and a memory limit (`ulimit -v`, so a runaway read ends
/// in an allocation failure instead of the machine's OOM killer).
enum FuzzRunner {
    /// The binary `swift test` built beside the test runner, or `DOCCONFORM_FUZZ_BINARY` (a
    /// release build for a long campaign).
    static var binary: String {
        if let chosen = ProcessInfo.processInfo.environment["DOCCONFORM_FUZZ_BINARY"] { return chosen }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("docconform").path
    }

    static let memoryLimitKB = 4_000_000

    static func run(_ arguments: [String], timeout: Double) throws -> FuzzOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(memoryLimitKB); exec \"$0\" \"$@\"", binary] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let readers = [Thread { outData = out.fileHandleForReading.readDataToEndOfFile() },
                       Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }]
        for r in readers { r.start() }
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        while readers.contains(where: { !$0.isFinished }) { usleep(1_000) }
        let signaled = process.terminationReason == .uncaughtSignal
        return FuzzOutcome(status: process.terminationStatus, signal: signaled && !timedOut ? process.terminationStatus : nil,
                           timedOut: timedOut, stdout: outData, stderr: String(decoding: errData, as: UTF8.self),
                           seconds: Date().timeIntervalSince(start))
    }
}
