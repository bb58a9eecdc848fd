import ArgumentParser

@main
struct DocConform: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docconform",
        abstract: "Read AWS API documentation into one API model; validate payloads against it; diff API versions.",
        version: "0.1.0",
        subcommands: [ParseCommand.self, RSTFidelityCommand.self, RSTBenchCommand.self]
    )
}
