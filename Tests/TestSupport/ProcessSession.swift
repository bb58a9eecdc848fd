import Foundation

/// The `docconform` binary run with its standard input held open: the test writes to it and
/// reads what has come out so far, with a deadline, while the input has not ended (the one
/// process runner's interactive form, beside `Run`).
public final class ProcessSession {
    public struct TimedOut: Error, CustomStringConvertible {
        var waitingFor: String
        var received: String
        public var description: String { "no \(waitingFor) within the deadline; received so far: \(received)" }
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private var received: [UInt8] = []

    public init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try Run.builtDocconform())
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// The write end of the input, for a thread of its own.
    public var inputHandle: FileHandle { input.fileHandleForWriting }

    public func write(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    public func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Reads standard output until `until` holds for what has arrived (all of it since the
    /// start), or the deadline passes.
    public func read(until: (String) -> Bool, waitingFor: String, seconds: Double = 120) throws -> String {
        let fd = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !until(String(decoding: received, as: UTF8.self)) {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw TimedOut(waitingFor: waitingFor, received: String(decoding: received, as: UTF8.self)) }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { throw TimedOut(waitingFor: waitingFor + " (output ended)", received: String(decoding: received, as: UTF8.self)) }
            received.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Closes the input (unless another thread does), reads the rest and waits for the exit.
    public func finish(closingInput: Bool = true) -> ProcessRun {
        if closingInput { closeInput() }
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessRun(status: process.terminationStatus,
                      stdout: String(decoding: received + Array(rest), as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
