import APIModel

/// boto3's RST client method pages (`<service>/client/<method>.rst`), as boto3's docs
/// generator writes them. Each page is parsed alone (in parallel, as soon as it is read);
/// pages of methods that are no API operation are counted, not reported one by one.
public struct Boto3RSTParser: FormatParser, DocumentwiseParser {
    public var includeDocumentation: Bool

    public init(includeDocumentation: Bool = true) { self.includeDocumentation = includeDocumentation }

    public static let skippedCategory = "boto3 pages that are not API operations skipped (can_paginate, get_waiter, ...)"

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        parseEach(documents, options: options, log: &log)
    }

    func read(_ document: SourceDocument, options: IngestOptions) -> ([Boto3RSTPageParser.Outcome], DiagnosticLog) {
        var local = DiagnosticLog()
        let include = includeDocumentation && options.includeDocumentation
        let outcomes = Boto3RSTPageParser(path: document.path, includeDocumentation: include).parse(document.bytes, log: &local)
        return (outcomes, local)
    }

    func assembly(options: IngestOptions) -> Boto3PageAssembly { Boto3PageAssembly(options: options) }
}

/// The model of parsed boto3 pages (RST, HTML or text), each page's outcomes added in page
/// order: non-operation methods counted, a second page of the same operation reported.
struct Boto3PageAssembly: DocumentAssembly {
    typealias Reading = [Boto3RSTPageParser.Outcome]
    let options: IngestOptions
    private(set) var model = Model()

    init(options: IngestOptions) { self.options = options }

    mutating func add(_ outcomes: [Boto3RSTPageParser.Outcome], log: inout DiagnosticLog) {
        for outcome in outcomes { add(outcome: outcome, log: &log) }
    }

    private mutating func add(outcome: Boto3RSTPageParser.Outcome, log: inout DiagnosticLog) {
        switch outcome {
        case .notAnOperation:
            log.count(Boto3RSTParser.skippedCategory)
        case .unreadable:
            break
        case let .operation(serviceName, apiVersion, op, definitions):
            let key = options.serviceName ?? serviceName
            // Mutated in place: copying a service per page would copy all its operations.
            if model.services[key] == nil { model.services[key] = Service(name: key) }
            if model.services[key]!.apiVersion == nil { model.services[key]!.apiVersion = apiVersion }
            if let existing = model.services[key]!.operations[op.name] {
                log.warning(op.sources.first ?? key, "operation \(op.name) also documented in \(existing.sources.first ?? "another page"); keeping the first")
            } else {
                model.services[key]!.operations[op.name] = op
                for (name, shape) in definitions { model.services[key]!.shapes[name] = shape }
            }
        }
    }
}
