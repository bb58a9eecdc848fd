import APIModel
import ArgumentParser
import Conformance
import Foundation
import Proxy
import Wire

struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "A recording HTTP proxy for local mock servers: forwards every exchange unchanged and validates it.",
        discussion: """
        Point an SDK's endpoint at --listen; every request goes to --upstream as it came, every \
        response back as it came, and each exchange is validated as HAR entries are by \
        `validate`, its results written as soon as it is over (--format jsonl: \
        docconform.result-lines/1, one result a line). SIGINT or SIGTERM stops the proxy: \
        exchanges in flight finish, then the HAR file and the summary are written. \
        An upstream that refuses, times out or resets is answered 502 and reported; the proxy \
        goes on. Exit status: 0 every exchange valid, 1 some invalid, 2 usage error, an upstream \
        failure or an unwritable output.
        """
    )

    @Option(name: .long, help: "A model JSON file, or documents to parse into the model (repeatable).")
    var model: [String]

    @Option(help: "HOST:PORT to listen on (port 0: any free port, printed on standard error).")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "The mock server: http://HOST:PORT.")
    var upstream: String

    @Option(help: "Write every exchange seen to this HAR 1.2 file when the proxy stops.")
    var har: String?

    @Option(help: "Output format: text, json (docconform.results/1, closed when the proxy stops), jsonl (docconform.result-lines/1).")
    var format: ResultStream.Format = .text

    @Option(name: .shortAndLong, help: "Write the results here instead of standard output (a file appears when the proxy stops).")
    var output: String?

    @Option(help: "Bytes of each body kept for validation and the HAR file; longer bodies are forwarded whole, not checked.")
    var maxBody: Int = 16 << 20

    @Option(help: "Seconds the upstream may take to connect, and to answer once the request is sent.")
    var upstreamTimeout: Double = 60

    @Flag(help: "Listen on a non-loopback address (the proxy has no authentication).")
    var allowRemote = false

    @Flag(help: "Forward and record without validating.")
    var noValidate = false

    @Flag(help: "No progress or summary on standard error.")
    var quiet = false

    func run() throws {
        let configuration: ProxyConfiguration
        do {
            configuration = ProxyConfiguration(listen: try Endpoint.listenAddress(listen), upstream: try Endpoint.upstreamURL(upstream),
                                               maxBodyBytes: maxBody, upstreamTimeout: upstreamTimeout, validate: !noValidate)
        } catch {
            throw ValidationError(error.description)
        }
        guard configuration.listen.isLoopback || allowRemote else {
            throw ValidationError("--listen \(listen) is not a loopback address; the proxy forwards anything to anyone who reaches it: pass --allow-remote to mean it")
        }
        guard maxBody >= 0, upstreamTimeout > 0 else { throw ValidationError("--max-body must be >= 0 and --upstream-timeout > 0") }

        let model = try ModelSource.load(self.model, quiet: quiet)
        let plan = noValidate ? nil : ValidationPlan(model: model)
        let outputFile: OutputFile, harFile: OutputFile?
        do {
            outputFile = try OutputFile.open(output)
            harFile = try har.map { path throws(OutputFile.Failure) in try OutputFile.open(path) }
        } catch {
            Console.printError("\(error.path): error: cannot write output: \(error.reason)")
            throw ExitCode(2)
        }
        let quiet = self.quiet
        let recorder = ExchangeRecorder(
            validator: plan.map { WireValidator(model: model, plan: $0) },
            results: ResultStream(format: format, output: outputFile),
            har: harFile.map { HARWriter(file: $0, creatorVersion: DocConform.configuration.version) }, harPath: har,
            maxBodyBytes: maxBody,
            report: { d in if !quiet || d.severity == .error { Console.printError(d.description) } })
        let server: ProxyServer
        do {
            server = try ProxyServer.start(configuration, recorder: recorder)
        } catch {
            Console.printError("docconform: error: \(error.description)")
            throw ExitCode(2)
        }
        // The one line a script waits for (always printed: with port 0 it is the only way to learn the port).
        Console.printError("docconform proxy: listening on http://\(server.address.authority), forwarding to http://\(configuration.upstream.authority)")
        server.runUntilSignalled()

        do {
            try recorder.finish(plan: plan)
        } catch {
            Console.printError("\(error.path): error: cannot write output: \(error.reason)")
            throw ExitCode(2)
        }
        let summary = recorder.summary
        if !quiet {
            Console.printError("docconform proxy: \(recorder.exchanges) exchanges, \(summary.records) records checked: \(summary.invalid) invalid; "
                + "\(recorder.upstreamFailures) upstream failures" + (har.map { "; HAR written to \($0)" } ?? ""))
        }
        if summary.log.errorCount > 0 { throw ExitCode(2) }
        if summary.invalid > 0 { throw ExitCode(1) }
    }
}

extension ResultStream.Format: ExpressibleByArgument {}
