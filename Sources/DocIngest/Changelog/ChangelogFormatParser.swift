import APIModel

/// Changelog text pages as a model source: the operations each page documents (a partial
/// model: operations a page does not show are unknown, not removed). The changes the pages
/// state are `ChangelogReader`'s other product (`docconform changes`).
public struct ChangelogFormatParser: FormatParser {
    public var includeDocumentation: Bool

    public init(includeDocumentation: Bool = true) { self.includeDocumentation = includeDocumentation }

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        let reader = ChangelogReader(includeDocumentation: includeDocumentation && options.includeDocumentation)
        let pages = documents.parallelMap { document -> (ChangelogPage, DiagnosticLog) in
            var local = DiagnosticLog()
            let page = reader.read(document, options: options, log: &local)
            return (page, local)
        }
        var model = Model()
        // Oldest day first, so a later page's state of an operation replaces an earlier one's.
        let ordered = pages.enumerated().sorted { ($0.element.0.date ?? "", $0.offset) < ($1.element.0.date ?? "", $1.offset) }.map(\.element)
        for (page, local) in ordered {
            log.append(contentsOf: local)
            for (key, service) in page.model.services {
                guard var existing = model.services[key] else { model.services[key] = service; continue }
                // Pages of later days document the newer state: the later page's operation wins.
                for (name, op) in service.operations { existing.operations[name] = op }
                for (name, shape) in service.shapes { existing.shapes[name] = shape }
                model.services[key] = existing
            }
        }
        return model
    }
}
