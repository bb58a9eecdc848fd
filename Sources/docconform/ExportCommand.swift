import APIModel
import ArgumentParser
import Conformance

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model in another schema language (JSON Schema: one schema per operation and direction)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonschema }

    @Option(name: .long, help: "A model JSON file, or documents to parse into the model (repeatable).")
    var model: [String]

    @Option(help: "Output format.")
    var format: Format = .jsonschema

    @Option(name: .shortAndLong, help: "Write here instead of standard output.")
    var output: String?

    @Flag(help: "Indented JSON.")
    var pretty = false

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let model = try ModelSource.load(model, quiet: console.quiet)
        let export = JSONSchemaExport.export(model, pretty: pretty)
        try Output.write(export.document, to: output)
        if !console.quiet {
            for p in export.untranslatedPatterns {
                Console.printError("docconform: warning: pattern kept in Java syntax (not translated to ECMA-262): \(p)")
            }
        }
    }
}
