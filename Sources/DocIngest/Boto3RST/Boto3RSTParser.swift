import APIModel

/// boto3's RST client method pages (`<service>/client/<method>.rst`), as boto3's docs
/// generator writes them. Pages are parsed in parallel; pages of methods that are no API
/// operation are counted, not reported one by one.
public struct Boto3RSTParser: FormatParser {
    public var includeDocumentation: Bool

    public init(includeDocumentation: Bool = true) { self.includeDocumentation = includeDocumentation }

    public static let skippedCategory = "boto3 pages that are not API operations skipped (can_paginate, get_waiter, ...)"

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        let include = includeDocumentation
        let results = documents.parallelMap { document -> (Boto3RSTPageParser.Outcome, DiagnosticLog) in
            var local = DiagnosticLog()
            let outcome = Boto3RSTPageParser(path: document.path, includeDocumentation: include).parse(document.bytes, log: &local)
            return (outcome, local)
        }
        var model = Model()
        for (outcome, local) in results {
            log.append(contentsOf: local)
            switch outcome {
            case .notAnOperation:
                log.count(Self.skippedCategory)
            case .unreadable:
                break
            case let .operation(serviceName, apiVersion, op, definitions):
                let key = options.serviceName ?? serviceName
                var service = model.services[key] ?? Service(name: key)
                service.apiVersion = service.apiVersion ?? apiVersion
                if let existing = service.operations[op.name] {
                    log.warning(op.sources.first ?? key, "operation \(op.name) also documented in \(existing.sources.first ?? "another page"); keeping the first")
                } else {
                    service.operations[op.name] = op
                    for (name, shape) in definitions { service.shapes[name] = shape }
                }
                model.services[key] = service
            }
        }
        return model
    }
}
