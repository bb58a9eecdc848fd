import APIModel
import ChangeRecords

/// Reads one changelog page: heading, layout, operation sections, then resolves each
/// change dict against the documented trees.
public struct ChangelogReader: Sendable {
    public var includeDocumentation: Bool

    public init(includeDocumentation: Bool = true) { self.includeDocumentation = includeDocumentation }

    public func read(_ document: SourceDocument, options: IngestOptions, log: inout DiagnosticLog) -> ChangelogPage {
        let lines = ChangelogLines(document.bytes)
        let path = document.path
        let heading = ChangelogHeading.find(lines)
        let service = serviceKey(path: path, heading: heading, options: options, log: &log)
        var page = ChangelogPage(path: path, service: service)
        guard let heading else {
            log.error(path, line: 1, "not a changelog page: no 'YYYY/MM/DD - Service - N updated api methods' heading")
            return page
        }
        page.date = heading.date
        page.serviceTitle = heading.title
        page.newOperationCount = heading.newCount
        page.updatedOperationCount = heading.updatedCount
        page.summary = heading.summary

        let sections: [OperationSection]
        switch ChangelogSections.split(lines, after: heading.endLine) {
        case let .found(layout, found):
            page.layout = layout
            sections = found
            // Operation headings over documentation in neither layout: report it once; the
            // operations are still listed (partial) and their dicts reported as unplaceable.
            if !(heading.endLine + 1..<lines.count).contains(where: { lines.is($0, "Request Syntax") }), let first = found.first {
                log.error(path, line: first.start + 1, "unknown changelog layout: operation headings but no 'Request Syntax' sections")
            }
        case let .unknown(line):
            log.error(path, line: line + 1, "unknown changelog layout: no operation headings ('Name (updated)') and no 'Request Syntax' sections")
            return page
        }

        var serviceModel = Service(name: service)
        serviceModel.partial = true
        serviceModel.title = heading.title
        var reader = ChangelogOperationReader(lines: lines, path: path, includeDocumentation: includeDocumentation)
        if page.layout == .compact { reader.pageWords = PageVocabulary(lines) }
        var read: [(ChangelogOperationReader.Result, OperationSection)] = []
        for section in sections {
            guard let result = reader.read(section, log: &log) else { continue }
            let name = result.operation.name
            if serviceModel.operations[name] != nil {
                log.warning(path, line: section.start + 1, "operation \(name) documented twice on the page; keeping the first")
                continue
            }
            serviceModel.operations[name] = result.operation
            for (ref, shape) in result.definitions { serviceModel.shapes[ref] = shape }
            read.append((result, section))
        }

        // Changes, resolved once every operation (and its recursive shapes) is known.
        let expectNew = (heading.newCount ?? 0) > 0
        for (result, section) in read {
            let op = result.operation
            var status = result.status
            if status == nil { status = result.dicts.dicts.isEmpty && expectNew ? .new : .updated }
            page.operations.append(ChangelogOperation(name: op.name, method: op.method, status: status, line: section.start + 1,
                                                      labelledDirections: result.dicts.labelled))
            if status == .new {
                page.changes.append(Change(kind: .operationAdded, service: service, operation: op.name))
                if !result.dicts.dicts.isEmpty {
                    log.warning(path, line: result.dicts.dicts[0].line, "\(op.name): a new operation with change dicts; the dicts are ignored")
                }
                continue
            }
            if result.dicts.dicts.isEmpty, result.dicts.labelled != nil || section.title != nil {
                log.warning(path, line: section.start + 1, "\(op.name): an updated operation without a readable change dict")
            }
            let resolver = ChangeDictResolver(service: serviceModel, serviceKey: service, operation: op.name)
            for dict in result.dicts.dicts {
                page.changes += resolve(dict, op: op, resolver: resolver, path: path, log: &log)
            }
        }
        if let expected = heading.updatedCount, expected != page.operations.filter({ $0.status == .updated }).count {
            log.warning(path, line: heading.line, "the heading announces \(expected) updated api methods; the page documents \(page.operations.filter { $0.status == .updated }.count)")
        }
        page.model.services[service] = serviceModel
        return page
    }

    /// A dict's changes in its stated direction; a dict the page does not label goes where
    /// the documentation can place it (request first when both can).
    private func resolve(_ dict: ChangeDictArea.StatedDict, op: Operation, resolver: ChangeDictResolver,
                         path: String, log: inout DiagnosticLog) -> [Change] {
        let candidates: [Direction] = dict.direction.map { [$0] } ?? [.input, .output]
        var outcomes: [(Direction, ChangeDictResolver.Outcome)] = []
        for d in candidates {
            outcomes.append((d, resolver.resolve(dict.node, direction: d, root: d == .input ? op.input : op.output)))
        }
        let chosen = outcomes.first { $0.1.problems.isEmpty } ?? outcomes.min { $0.1.problems.count < $1.1.problems.count }!
        if outcomes.count == 2, outcomes.allSatisfy({ $0.1.problems.isEmpty }) {
            log.count("unlabelled change dicts that fit both request and response (placed in the request)")
        }
        for (line, message) in chosen.1.problems {
            let where_ = chosen.0 == .input ? "request" : "response"
            if op.partial {
                log.warning(path, line: line, "\(op.name): change not placed in the \(where_) (the documentation is incomplete): \(message)")
            } else {
                log.error(path, line: line, "\(op.name): change not placed in the \(where_): \(message)")
            }
        }
        for (line, message) in chosen.1.disagreements {
            log.warning(path, line: line, "\(op.name): \(message)")
        }
        return chosen.1.changes
    }

    /// `--service`, else the file name (`changelog-text_<service>_<date>.txt`, `<service>_<date>.txt`),
    /// else a key made from the heading's service title (warned: the title is no client name).
    private func serviceKey(path: String, heading: ChangelogHeading?, options: IngestOptions, log: inout DiagnosticLog) -> String {
        if let name = options.serviceName { return name }
        var file = Self.fileName(path)
        if let dot = file.lastIndex(of: ".") { file = file[..<dot] }
        let parts = file.split(separator: "_")
        if parts.count >= 2, CorpusWalker.isAPIVersion(parts[parts.count - 1]) {
            return String(parts[parts.count - 2])
        }
        let title = heading?.title ?? "unknown"
        var words = title.split(separator: " ").map { $0.lowercased() }
        if let first = words.first, first == "amazon" || first == "aws", words.count > 1 { words.removeFirst() }
        let key = words.joined(separator: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" }
        log.warning(path, line: heading?.line ?? 1, "no service key in the file name (<service>_<YYYY-MM-DD>.txt) or --service; using '\(key)' from the title")
        return key
    }

    /// The path's last non-empty part between `/`s (the whole path when it has none), found
    /// from the end: corpus paths are long, and only the file name is read.
    private static func fileName(_ path: String) -> Substring {
        let u = path.utf8
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == UInt8(ascii: "/") { end = u.index(before: end) }
        guard end > u.startIndex else { return path[...] }
        let start = u[..<end].lastIndex(of: UInt8(ascii: "/")).map { u.index(after: $0) } ?? u.startIndex
        return path[start..<end]
    }
}
