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
    /// The pages read as data types.
    private(set) var typePagePaths: [String] = []

    init(options: IngestOptions) { self.options = options }

    /// `cut`: a page that ends before its first section (an operation's or a data type's).
    enum PageKind { case operation, dataType, index, cut }

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
        var operations: [(index: Int, service: String, incomplete: Bool, cut: Bool)] = []
        var unnamed: [String] = []
        var kinds: [PageKind] = []
        kinds.reserveCapacity(pages.count)
        // Pages of a service that end with See Also, of its operation and type pages: a page
        // without one, among pages that have it, was cut short.
        // (A run holds a service or two: searched, not hashed, per page.)
        var seeAlso: [(service: String, pages: Int, ending: Int)] = []
        // What the SDK links call the service that each anchor prefix names, on pages that show both.
        // (Anchors are read only when an operation or type page has no SDK links.)
        let links = pages.map(ReferenceServiceName.fromLinks(_:))
        let needAnchors = pages.indices.contains { links[$0] == nil && Self.kind(of: pages[$0]) != .index }
        let anchors = needAnchors ? pages.map(ReferenceServiceName.fromAnchors(_:)) : Array(repeating: nil, count: pages.count)
        var byAnchors: [String: ReferenceServiceName.Found] = [:]
        for (link, anchor) in zip(links, anchors) { if let link, let anchor, byAnchors[anchor] == nil { byAnchors[anchor] = link } }
        for (index, page) in pages.enumerated() {
            var kind = Self.kind(of: page)
            if kind == .index {
                guard PageAudit.isCutBeforeSections(page) else {
                    kinds.append(kind)
                    if page.title.isEmpty {
                        log.error(page.path, line: 1, "not an AWS API Reference page: no title and no API sections")
                    } else {
                        log.count("reference index pages skipped (no API sections)")
                    }
                    continue
                }
                log.endsEarly(page.path, line: page.lastLine, "the page ends before its first section (cut short?): nothing of \(PageAudit.titleName(page)) is read")
                kind = .cut
            }
            kinds.append(kind)
            let found = links[index] ?? anchors[index].map { byAnchors[$0] ?? ReferenceServiceName.Found(service: $0) }
            let service = options.serviceName ?? found?.service ?? ""
            if service.isEmpty { unnamed.append(page.path) }
            if let v = found?.apiVersion, apiVersions[service] == nil { apiVersions[service] = v }
            serviceOf[index] = service
            if kind != .cut {
                let ends = page.sections.contains { $0.kind == .seeAlso } ? 1 : 0
                if let i = seeAlso.firstIndex(where: { $0.service == service }) {
                    seeAlso[i].pages += 1
                    seeAlso[i].ending += ends
                } else {
                    seeAlso.append((service, 1, ends))
                }
            }
        }
        // A page cut before its sections is a data type when another page links to it.
        var linkedTypes: Set<String> = []
        if kinds.contains(.cut) {
            for page in pages { for section in page.sections { for entry in section.entries { linkedTypes.formUnion(entry.typeLinks.values) } } }
        }
        for (index, page) in pages.enumerated() {
            let kind = kinds[index]
            guard kind != .index, let service = serviceOf[index] else { continue }
            var incomplete = PageAudit.unreadFacts(page, log: &log) || kind == .cut
            if kind != .cut {
                let counts = seeAlso.first { $0.service == service } ?? (service, 0, 0)
                let mine = page.sections.contains { $0.kind == .seeAlso } ? 1 : 0
                let others = counts.pages - 1, othersEnding = counts.ending - mine
                if let reason = PageAudit.cutShort(page, isOperation: kind == .operation, othersEndWithSeeAlso: others > 0 && othersEnding * 2 >= others) {
                    log.endsEarly(page.path, line: page.lastLine, reason)
                    incomplete = true
                }
            }
            let id = page.pageID ?? "API_\(page.title)"
            switch kind {
            case .cut where linkedTypes.contains(id), .dataType:
                var members: [TypeMember] = []
                // By index: a for-in over sections and entries copied each one's references.
                for s in page.sections.indices where page.sections[s].kind == .contents {
                    members.reserveCapacity(members.count + page.sections[s].entries.count)
                    for e in page.sections[s].entries.indices {
                        let facts = EntryFacts.read(page.sections[s].entries[e].lines, path: page.path, memo: &factMemo, log: &log)
                        if facts.unread { incomplete = true }
                        // Entries without a name cannot be members.
                        guard let title = page.sections[s].entries[e].name, !title.isEmpty else { continue }
                        let wire = EntryName.member(title: title, anchor: page.sections[s].entries[e].anchor, on: page)
                        members.append(TypeMember(wire: wire, typeLinks: page.sections[s].entries[e].typeLinks, facts: facts))
                    }
                }
                typePagesByService[service, default: [:]][id] = TypePage(id: id, page: page, members: members, incomplete: incomplete)
                typePagePaths.append(page.path)
            case .operation, .cut:
                operations.append((index, service, incomplete, kind == .cut))
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
        for (index, service, incomplete, cut) in operations {
            let key = service.isEmpty ? "unknown" : service
            var op: Operation
            if cut {
                // Only its name is known: a partial operation, so that nothing of it counts as removed.
                op = Operation(name: PageAudit.titleName(pages[index]))
                op.sources = [pages[index].path]
            } else {
                op = OperationPageInterpreter(page: pages[index]).interpret(builder: &builders[key, default: {
                    // Pages of no known service may use type pages of any service.
                    let pool = service.isEmpty ? typePagesByService.values.reduce(into: [:]) { $0.merge($1) { a, _ in a } } : typePagesByService[service] ?? [:]
                    return ReferenceShapeBuilder(typePages: pool.merging(typePagesByService[""] ?? [:]) { a, _ in a })
                }()], memo: &factMemo, log: &log)
            }
            if incomplete { op.markReadInPart() }
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
