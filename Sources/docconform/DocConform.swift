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

    /// Usage errors exit with 2 (the CLI contract), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
