import APIModel
import OrderedCollections

/// The one interpreter of reference pages, whatever their rendering: operation pages become
/// operations (input from request parameters and body, output from response elements,
/// errors with status codes, the HTTP binding from the request syntax); data-type pages
/// define the structures that `Type: X object` lines name.
struct ReferenceInterpreter {
    var options: IngestOptions
    var log = DiagnosticLog()
    /// Each distinct fact line is read once per run.
    private var factMemo = FactLineMemo()

    init(options: IngestOptions) { self.options = options }

    enum PageKind { case operation, dataType, index }

    static func kind(of page: ReferencePage) -> PageKind {
        var contents = false
        for section in page.sections {
            switch section.kind {
            case .requestSyntax, .requestParameters, .requestBody, .responseElements, .responseSyntax, .errors: return .operation
            case .contents: contents = true
            default: break
            }
        }
        return contents ? .dataType : .index
    }

    mutating func interpret(_ pages: [ReferencePage]) -> Model {
        // Each page's service: --service, else what the page shows; type pages are pooled per service.
        var serviceOf: [Int: String] = [:]
        var apiVersions: [String: String] = [:]
        var typePagesByService: [String: [String: TypePage]] = [:]
        var operations: [(Int, String)] = []
        var unnamed: [String] = []
        for (index, page) in pages.enumerated() {
            let kind = Self.kind(of: page)
            if kind == .index {
                if page.title.isEmpty {
                    log.error(page.path, line: 1, "not an AWS API Reference page: no title and no API sections")
                } else {
                    log.count("reference index pages skipped (no API sections)")
                }
                continue
            }
            let found = ReferenceServiceName.find(in: page)
            let service = options.serviceName ?? found?.service ?? ""
            if service.isEmpty { unnamed.append(page.path) }
            if let v = found?.apiVersion, apiVersions[service] == nil { apiVersions[service] = v }
            serviceOf[index] = service
            switch kind {
            case .dataType:
                let id = page.pageID ?? "API_\(page.title)"
                var members: [TypeMember] = []
                // By index: a for-in over sections and entries copied each one's references.
                for s in page.sections.indices where page.sections[s].kind == .contents {
                    members.reserveCapacity(members.count + page.sections[s].entries.count)
                    for e in page.sections[s].entries.indices {
                        let facts = EntryFacts.read(page.sections[s].entries[e].lines, path: page.path, memo: &factMemo, log: &log)
                        // Entries without a name cannot be members.
                        guard let wire = page.sections[s].entries[e].name, !wire.isEmpty else { continue }
                        members.append(TypeMember(wire: wire, typeLinks: page.sections[s].entries[e].typeLinks, facts: facts))
                    }
                }
                typePagesByService[service, default: [:]][id] = TypePage(id: id, page: page, members: members)
            case .operation:
                operations.append((index, service))
            case .index:
                break
            }
        }
        if !unnamed.isEmpty {
            for path in unnamed.prefix(3) {
                log.warning(path, line: 1, "the page names no service (no anchors, no SDK links); pass --service NAME. Using \"unknown\"")
            }
        }
        var model = Model()
        var builders: [String: ReferenceShapeBuilder] = [:]
        // Services are assembled aside and put into the model in first-use order: going through
        // the model's ordered dictionary for every operation copied the service out and back.
        var serviceOrder: [String] = []
        var services: [String: Service] = [:]
        for (index, service) in operations {
            let key = service.isEmpty ? "unknown" : service
            let op = OperationPageInterpreter(page: pages[index]).interpret(builder: &builders[key, default: {
                // Pages of no known service may use type pages of any service.
                let pool = service.isEmpty ? typePagesByService.values.reduce(into: [:]) { $0.merge($1) { a, _ in a } } : typePagesByService[service] ?? [:]
                return ReferenceShapeBuilder(typePages: pool.merging(typePagesByService[""] ?? [:]) { a, _ in a })
            }()], memo: &factMemo, log: &log)
            if services[key] == nil {
                var s = Service(name: key)
                s.apiVersion = apiVersions[service]
                services[key] = s
                serviceOrder.append(key)
            }
            if services[key]!.operations.index(forKey: op.name) != nil {
                log.warning(pages[index].path, line: pages[index].titleLine, "operation \(op.name) given twice; the later page replaces the earlier")
            }
            services[key]!.operations[op.name] = op
        }
        for key in serviceOrder { model.services[key] = services.removeValue(forKey: key) }
        // Definitions of the types that refs stand for, expanded the same way.
        for (key, var builder) in builders {
            var defined = OrderedDictionary<String, Shape>()
            var i = 0
            while i < builder.referenced.count {
                let (name, id) = builder.referenced.elements[i]
                i += 1
                if defined[name] == nil { defined[name] = builder.expand(id, name: name) }
            }
            defined.sort { $0.key < $1.key }
            model.services[key]?.shapes = defined
            log.append(contentsOf: builder.takeLog())
        }
        return model
    }
}
