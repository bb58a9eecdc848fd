import APIModel
import ArgumentParser
import DocIngest

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read documents (formats detected per file) and write the merged docconform.model/1 JSON."
    )

    @Argument(help: "Files or folders to read.")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Write the model here instead of standard output.")
    var output: String?

    @Option(help: "Service key for sources that name no boto3 client (AWS reference pages).")
    var service: String?

    @Flag(help: "Treat contradictions between sources as errors.")
    var strict = false

    @Flag(help: "Leave documentation text out of the model.")
    var noDocs = false

    @Flag(help: "Indent the JSON for reading (a whole botocore release is then ~2.5x larger).")
    var pretty = false

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let options = IngestOptions(serviceName: service, strict: strict, includeDocumentation: !noDocs)
        let result = Ingest.load(paths: paths, options: options, progress: Progress.reporter(label: "files", quiet: console.quiet))
        ProcessLifetime.keep(result.model)
        Console.report(result.log, quiet: console.quiet)
        Console.summary(ingest: result, quiet: console.quiet)
        guard result.anyInputUsable else {
            Console.printError("docconform parse: error: nothing readable: no input yielded an API operation")
            throw ExitCode(2)
        }
        let writer = ModelWriter(includeDocumentation: !noDocs, pretty: pretty)
        try Output.write(to: output) { file in writer.write(result.model, to: file.write) }
        // Error diagnostics fail the run; `--strict` has made contradictions between sources errors.
        if result.log.errorCount > 0 { throw ExitCode(1) }
    }
}
