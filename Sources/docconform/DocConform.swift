import ArgumentParser
import Foundation

@main
struct DocConform: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docconform",
        abstract: "Read AWS API documentation into one API model; validate payloads against it; diff API versions.",
        version: "0.1.0",
        subcommands: [ParseCommand.self, DiffCommand.self, ChangesCommand.self, ValidateCommand.self, ProxyCommand.self, ExportCommand.self,
                      ReportCommand.self]
    )

    /// The readers and walks of shape trees recurse once per level, and trees are bounded at
    /// `ShapeNesting.limit` levels; a debug build's frames are several times a release build's,
    /// so the command runs on a thread whose stack fits the limit in any build (reserved address
    /// space, touched only as deep as a run goes).
    static let stackBytes = 512 << 20

    static func main() {
        ProcessLifetime.growHeapsInLargeSteps()
        let command = Thread { run() }
        command.stackSize = stackBytes
        command.start()
        while true { sleep(UInt32.max) }  // `run` ends the process
    }

    /// Usage errors exit with 2 (the CLI contract), not ArgumentParser's 64.
    private static func run() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            exit(withError: nil)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
