import APIModel
import ArgumentParser
import Differ
import DocIngest
import Foundation

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List the changes that changelog pages state, through the diff renderers (docconform.diff/1 with --format json).",
        discussion: """
        FILE arguments are changelog text pages or folders of them. Each change dict is placed \
        against the operation documentation on the same page (list and map levels restored). \
        Exit status: 0 ok, 1 some page had errors (what could be read is still written), \
        2 usage or input error (no readable changelog page).
        """
    )

    @Argument(help: "Changelog pages or folders of them.")
    var files: [String]

    @Option(help: "Output format: text, json, markdown or changelog.")
    var format = DiffFormat.text

    @Option(name: .shortAndLong, help: "Write the result here instead of standard output.")
    var output: String?

    @Option(help: "Service key for every page (default: from the file name <service>_<YYYY-MM-DD>.txt).")
    var service: String?

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let result = ChangelogHistory.load(paths: files, options: IngestOptions(serviceName: service))
        Console.report(result.log, quiet: console.quiet)
        guard !result.pages.isEmpty else {
            Console.printError("docconform changes: error: no readable changelog page")
            throw ExitCode(2)
        }
        let changes = result.changes
        let old = result.firstDate.map { "before \($0)" } ?? "before"
        let new = result.lastDate.map { $0 == result.firstDate ? $0 : "\(result.firstDate!)..\($0)" } ?? "changelog"
        try Output.write(format.renderer.render(changes, old: old, new: new), to: output)
        if !console.quiet {
            Console.printError("docconform: \(result.pages.count) changelog page\(result.pages.count == 1 ? "" : "s"), \(changes.count) changes")
        }
        if result.log.errorCount > 0 { throw ExitCode(1) }
    }
}
