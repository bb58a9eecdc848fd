import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished process printed and its exit status.
public struct ProcessRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The one process runner of the tests: the `docconform` that `swift test` builds beside the
/// test bundle, or any other program. Both pipes are drained at once, so a chatty child cannot
/// block on a full pipe; standard input is the given bytes or empty, never the test's own.
public enum Run {
    /// `docconform`, built by `swift test` into the folder of the test bundle.
    public static var docconformPath: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("docconform").path
    }

    public static func docconform(_ arguments: [String], in directory: String? = nil, stdin: [UInt8] = []) throws -> ProcessRun {
        try program(try builtDocconform(), arguments, in: directory, stdin: stdin)
    }

    public static func program(_ path: String, _ arguments: [String], in directory: String? = nil, stdin: [UInt8] = []) throws -> ProcessRun {
        let process = configured(path, arguments, in: directory)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        _ = ignoreBrokenPipes
        try process.run()
        let stdoutData = Drain(out.fileHandleForReading), stderrData = Drain(err.fileHandleForReading)
        // A child that exits without reading all of its input makes this write fail: ignored.
        try? input.fileHandleForWriting.write(contentsOf: stdin)
        try? input.fileHandleForWriting.close()
        let stdout = stdoutData.wait(), stderr = stderrData.wait()
        process.waitUntilExit()
        return ProcessRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// How a guarded run ended: a crash (`signal`) and a run killed at its time limit are told
    /// apart from an exit status.
    public struct Guarded: Sendable {
        public var status: Int32
        /// The signal that ended it (a crash), or nil for a normal exit or a kill at the time limit.
        public var signal: Int32?
        public var timedOut: Bool
        public var stdout: Data
        public var stderr: String
        public var seconds: Double
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs a program so that a runaway cannot take the test runner or the machine down: killed
    /// after `timeout` seconds, and under `ulimit -v memoryLimitKB` (a runaway read ends in an
    /// allocation failure rather than the OOM killer).
    public static func guarded(_ path: String, _ arguments: [String], timeout: Double, memoryLimitKB: Int) throws -> Guarded {
        let process = configured("/bin/sh", ["-c", "ulimit -v \(memoryLimitKB); exec \"$0\" \"$@\"", path] + arguments, in: nil)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let stdoutData = Drain(out.fileHandleForReading), stderrData = Drain(err.fileHandleForReading)
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
        let stdout = stdoutData.wait(), stderr = stderrData.wait()
        let signaled = process.terminationReason == .uncaughtSignal
        return Guarded(status: process.terminationStatus, signal: signaled && !timedOut ? process.terminationStatus : nil,
                       timedOut: timedOut, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self),
                       seconds: Date().timeIntervalSince(start))
    }

    /// Runs `docconform` with a pseudo-terminal as its standard output and error.
    public static func docconformInTerminal(_ arguments: [String], in directory: String? = nil) throws -> ProcessRun {
        try inTerminal(try builtDocconform(), arguments, in: directory)
    }

    /// Runs a program with a pseudo-terminal as its standard output and error, to see what it
    /// prints only on a terminal (progress lines). Everything it wrote is `stdout`, with the
    /// terminal's `\r\n` line ends; `stderr` is empty.
    public static func inTerminal(_ path: String, _ arguments: [String], in directory: String? = nil) throws -> ProcessRun {
        let process = configured(path, arguments, in: directory)
        let terminal = try PseudoTerminal()
        defer { close(terminal.controller) }
        let device = FileHandle(fileDescriptor: terminal.device, closeOnDealloc: false)
        process.standardOutput = device
        process.standardError = device
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            close(terminal.device)
            throw error
        }
        // Only the child holds the terminal now, so reading ends (EIO) once it exits.
        close(terminal.device)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(terminal.controller, &buffer, buffer.count)
            if n > 0 { output.append(contentsOf: buffer[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        process.waitUntilExit()
        return ProcessRun(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: "")
    }

    /// The first executable of that name on PATH.
    public static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct NotBuilt: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "no docconform executable at \(path): `swift test` builds it beside the test bundle (or run `swift build` first)"
        }
    }

    static func builtDocconform() throws -> String {
        let path = docconformPath
        guard FileManager.default.isExecutableFile(atPath: path) else { throw NotBuilt(path: path) }
        return path
    }

    private static func configured(_ path: String, _ arguments: [String], in directory: String?) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        return process
    }

    /// A write to a child that has gone must fail with EPIPE, not kill the test process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN); return () }()
}

/// Reads a pipe to its end on its own thread.
private final class Drain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A pseudo-terminal pair, both ends close-on-exec so no other child started meanwhile holds them.
private struct PseudoTerminal {
    let controller: Int32
    let device: Int32

    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "cannot open a pseudo-terminal (errno \(code))" }
    }

    init() throws {
        var controller: Int32 = -1, device: Int32 = -1
        guard openpty(&controller, &device, nil, nil, nil) == 0 else { throw Failure(code: errno) }
        _ = fcntl(controller, F_SETFD, FD_CLOEXEC)
        _ = fcntl(device, F_SETFD, FD_CLOEXEC)
        (self.controller, self.device) = (controller, device)
    }
}
