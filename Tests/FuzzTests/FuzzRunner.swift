import Foundation
import TestSupport

/// How one run of the `docconform` binary ended.
typealias FuzzOutcome = Run.Guarded

/// Runs the CLI as a guarded child process, so a crash cannot take the test runner down.
enum FuzzRunner {
    /// The binary `swift test` built beside the test runner, or `DOCCONFORM_FUZZ_BINARY` (a
    /// release build for a long campaign).
    static var binary: String { ProcessInfo.processInfo.environment["DOCCONFORM_FUZZ_BINARY"] ?? Run.docconformPath }

    static let memoryLimitKB = 4_000_000

    static func run(_ arguments: [String], timeout: Double) throws -> FuzzOutcome {
        try Run.guarded(binary, arguments, timeout: timeout, memoryLimitKB: memoryLimitKB)
    }
}
