import APIModel
import Conformance
import Wire

/// What the proxy does with each finished exchange: numbers it, writes it to the HAR file,
/// validates it with `WireValidator` (the checker `validate` uses for HAR files), streams the
/// results, and keeps the tally. Diagnostics (an upstream failure, a body over the limit, what
/// the decoder could not check) are reported as they happen and kept in the summary's log.
///
/// Used only on the proxy's single event loop thread, hence unchecked Sendable.
public final class ExchangeRecorder: @unchecked Sendable {
    private let validator: WireValidator?
    private let results: ResultStream
    private let har: HARWriter?
    /// Where results point: the HAR file and the line its entry is on, so validating that file
    /// later gives the very same results; `<proxy>` and the exchange's number without one.
    private let resultFile: String
    private let report: (Diagnostic) -> Void
    private let maxBodyBytes: Int

    public private(set) var summary = PayloadFiles.Summary()
    public private(set) var exchanges = 0
    public private(set) var upstreamFailures = 0

    public init(validator: WireValidator?, results: ResultStream, har: HARWriter?, harPath: String?, maxBodyBytes: Int,
                report: @escaping (Diagnostic) -> Void) {
        self.validator = validator
        self.results = results
        self.har = har
        resultFile = har == nil ? "<proxy>" : (harPath ?? "<proxy>")
        self.report = report
        self.maxBodyBytes = maxBodyBytes
        summary.files = 1
    }

    func record(_ captured: CapturedExchange) {
        var x = captured
        x.number = exchanges
        exchanges += 1
        har?.append(x)
        let id = "entries[\(x.number)]"
        let line = har == nil ? x.number + 1 : x.number + 2  // the HAR writer puts entry k on line k + 2
        let what = "\(id) \(x.request.method) \(x.url)"
        if let failure = x.failure {
            if x.clientLeft {
                diagnose(.warning, line, "\(what): \(failure)")
            } else {
                upstreamFailures += 1
                diagnose(.error, line, "\(what): \(failure)")
            }
        }
        guard let validator, x.requestComplete else { return }

        var exchange = HTTPExchange(request: x.request, response: x.responseComplete ? x.response : nil)
        if x.requestBodyCut {
            exchange.request.body = []
            diagnose(.warning, line, "\(what): request body of \(x.requestBodySize) bytes is over the limit (\(maxBodyBytes)): forwarded whole, not checked")
        }
        if x.responseBodyCut {
            exchange.response?.body = []
            diagnose(.warning, line, "\(what): response body of \(x.responseBodySize) bytes is over the limit (\(maxBodyBytes)): forwarded whole, not checked")
        }
        let result = validator.validate(exchange, file: resultFile, line: line, id: id)
        for note in result.notes { diagnose(.warning, line, "\(id) (\(result.service ?? "?") \(result.operation ?? "?")): \(note)") }
        var records: [RecordResult] = []
        if let r = result.request, !x.requestBodyCut { records.append(r) }
        if let r = result.response, !x.responseBodyCut { records.append(r) }
        for r in records { summary.count(r) }
        results.write(records)
    }

    private func diagnose(_ severity: Diagnostic.Severity, _ line: Int, _ message: String) {
        let d = Diagnostic(severity, file: resultFile, line: line, message)
        summary.log.add(d)
        report(d)
    }

    /// Closes the HAR file and the results (both written atomically: they appear now, whole).
    public func finish(plan: ValidationPlan?) throws(OutputFile.Failure) {
        // What validation left unsettled (error codes not judged), said once, as `validate` says it.
        for d in validator?.takeRunDiagnostics().diagnostics ?? [] {
            summary.log.add(d)
            report(d)
        }
        var failure: OutputFile.Failure?
        do { try har?.finish() } catch { failure = error }
        do { try results.finish(summary: summary, exchanges: exchanges, plan: plan) } catch { failure = failure ?? error }
        if let failure { throw failure }
    }
}
