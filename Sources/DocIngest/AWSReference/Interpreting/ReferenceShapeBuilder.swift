import APIModel
import OrderedCollections

/// A data-type page, read once: its name, description and members with their facts.
struct TypePage: Sendable {
    var page: ReferencePage
    var members: [(entry: ReferenceEntry, facts: EntryFacts)]
}

/// Turns an entry and its facts into a member shape, resolving `X object` types from the
/// data-type pages of the same service. A type already being expanded becomes `{"ref": X}`
/// (its definition goes to the service's `shapes`); expansions independent of the path
/// above them are memoized.
struct ReferenceShapeBuilder {
    /// Type pages by page id (`API_Media`).
    let typePages: [String: TypePage]
    private(set) var log = DiagnosticLog()
    /// Set when a type could not be resolved since the last reset: the operation is partial.
    var missingType = false
    private var reported: Set<String> = []
    private var memo: [String: Shape] = [:]
    /// `Type:` values already read (a few dozen distinct phrases serve thousands of entries).
    private var phrases: [String: TypePhrase?] = [:]
    private var stack: [String: Int] = [:]
    private var lowestRef = Int.max
    /// Names of types that a `ref` stands for, with their page ids, in first-use order.
    private(set) var referenced = OrderedDictionary<String, String>()

    init(typePages: [String: TypePage]) { self.typePages = typePages }

    /// The member described by `entry`. `pageID` is the page the entry sits on: a link-less
    /// type name is looked up beside it (`API_streaming_` pages name `API_streaming_` types).
    /// `syntax` is the entry's value in the page's syntax block, when there is one.
    mutating func member(_ entry: ReferenceEntry, facts: EntryFacts, onPage pageID: String?, path: String,
                         syntax: SkeletonNode? = nil) -> Shape {
        var shape: Shape
        if let (text, line) = facts.type {
            let known = phrases[text]
            let phrase = known ?? TypePhrase.parse(text)
            if known == nil { phrases[text] = .some(phrase) }
            if let phrase {
                shape = build(phrase, entry: entry, onPage: pageID, path: path, line: line, syntax: syntax)
            } else {
                report(.error, path, line, "unrecognized type \"\(text)\" for \(entry.name ?? "an entry"); read as string")
                shape = Shape(type: .string)
            }
        } else {
            // URI, header and query members carry no Type line: the facts tell a list
            // (`Array Members`), a map (`Map Entries`) or a number (`Valid Range`) from a string.
            let item = Shape(type: facts.statesRange ? .integer : .string)
            if facts.statesCount(isMap: false) {
                shape = .list(of: item)
            } else if facts.statesCount(isMap: true) {
                shape = .map(key: Shape(type: .string), value: item)
            } else {
                shape = item
            }
        }
        apply(facts, to: &shape)
        let doc = facts.documentation.joined(separator: "\n")
        if !doc.isEmpty { shape.documentation = doc }
        return shape
    }

    private mutating func build(_ phrase: TypePhrase, entry: ReferenceEntry, onPage pageID: String?, path: String, line: Int,
                                syntax: SkeletonNode?) -> Shape {
        switch phrase {
        case let .scalar(t):
            return Shape(type: t)
        case .exception:
            var s = Shape(type: .structure)
            s.name = entry.name
            return s
        case let .list(item):
            return .list(of: build(item, entry: entry, onPage: pageID, path: path, line: line, syntax: SyntaxSkeleton.descend(syntax)))
        case let .map(key, value):
            return .map(key: build(key, entry: entry, onPage: pageID, path: path, line: line, syntax: nil),
                        value: build(value, entry: entry, onPage: pageID, path: path, line: line, syntax: SyntaxSkeleton.descend(syntax)))
        case let .structure(name):
            return structure(named: name, link: entry.typeLinks[name], besides: pageID, path: path, line: line, syntax: syntax)
        }
    }

    /// Candidate page ids for a type name: the link, then beside the current page, then plain.
    private func pageID(for name: String, link: String?, besides pageID: String?) -> String? {
        var candidates: [String] = []
        if let link { candidates.append(link) }
        if let pageID, pageID.hasPrefix("API_") {
            let stem = pageID.dropFirst(4)
            if let underscore = stem.firstIndex(of: "_") { candidates.append("API_\(stem[...underscore])\(name)") }
        }
        candidates.append("API_\(name)")
        return candidates.first { typePages[$0] != nil }
    }

    private mutating func structure(named name: String, link: String?, besides currentPage: String?, path: String, line: Int,
                                    syntax: SkeletonNode?) -> Shape {
        guard let id = pageID(for: name, link: link, besides: currentPage) else {
            missingType = true
            let page = link ?? "API_\(name)"
            var s = Shape(type: .structure)
            if let syntax, case .object = syntax.kind {
                // The syntax block still shows the members (names and coarse types).
                s = SyntaxSkeleton.shape(of: syntax)
                report(.warning, path, line, "data type page \(page) is not among the given files; \(name)'s members are read from the syntax block (no constraints; `number` read as integer)")
            } else {
                report(.warning, path, line, "data type page \(page) is not among the given files; \(name) is left without members")
            }
            s.name = name
            return s
        }
        return expand(id, name: name, syntax: syntax)
    }

    /// The structure of type page `id`.
    mutating func expand(_ id: String, name: String, syntax: SkeletonNode? = nil) -> Shape {
        if let depth = stack[id] {
            lowestRef = min(lowestRef, depth)
            if referenced[name] == nil { referenced[name] = id }
            return Shape(ref: name)
        }
        if let cached = memo[id] { return cached }
        let typePage = typePages[id]!
        let depth = stack.count
        stack[id] = depth
        let savedLowest = lowestRef
        lowestRef = Int.max
        var shape = Shape(type: .structure)
        shape.name = typePage.page.title.isEmpty ? name : typePage.page.title
        for (entry, facts) in typePage.members {
            guard let wire = entry.name, !wire.isEmpty else { continue }
            let memberName = WireName.memberKey(wire)
            let memberSyntax = syntax?.entries.first { $0.keyText == wire }?.value
            var memberShape = member(entry, facts: facts, onPage: id, path: typePage.page.path, syntax: memberSyntax)
            if memberName != wire { memberShape.locationName = memberName }
            shape.members[memberName] = memberShape
            if facts.required { shape.required.append(memberName) }
        }
        let doc = typePage.page.description.map(\.text).joined(separator: "\n")
        if !doc.isEmpty { shape.documentation = doc }
        // Newer pages say so: "This data type is a UNION, so only one of the following members ..."
        if doc.containsBytes("is a UNION") { shape.type = .union }
        stack[id] = nil
        if lowestRef >= depth { memo[id] = shape }
        lowestRef = min(savedLowest, lowestRef)
        return shape
    }

    /// Applies length, count, range, pattern and enum facts where they belong: a list's item
    /// facts to its (innermost) item, a map's `Key`/`Value` facts to its key/value.
    private mutating func apply(_ facts: EntryFacts, to shape: inout Shape) {
        for (fact, _) in facts.facts {
            switch fact {
            case let .length(min, max, target):
                Self.modify(&shape, target) { $0.min = min ?? $0.min; $0.max = max ?? $0.max }
            case let .range(min, max, target):
                Self.modify(&shape, target) { $0.min = min ?? $0.min; $0.max = max ?? $0.max }
            case let .pattern(p, target):
                Self.modify(&shape, target) { $0.pattern = p }
            case let .validValues(values, target):
                Self.modify(&shape, target) { $0.enumValues = values }
            case let .count(min, max, isMap):
                Self.modifyCollection(&shape, isMap: isMap) { $0.min = min ?? $0.min; $0.max = max ?? $0.max }
            case .type, .required, .httpStatus:
                break
            }
        }
    }

    private static func modify(_ shape: inout Shape, _ target: FactTarget, _ change: (inout Shape) -> Void) {
        switch shape.type {
        case .list?:
            guard var item = shape.member else { return }
            modify(&item, target, change)
            shape.member = item
        case .map?:
            if target == .key, var key = shape.key {
                change(&key)
                shape.key = key
            } else if var value = shape.value {
                // `Value ...` facts (and unprefixed ones) are about the value's scalar.
                modify(&value, .own, change)
                shape.value = value
            }
        default:
            change(&shape)
        }
    }

    private static func modifyCollection(_ shape: inout Shape, isMap: Bool, _ change: (inout Shape) -> Void) {
        if shape.type == (isMap ? .map : .list) {
            change(&shape)
        } else if shape.type == .list, var item = shape.member {
            modifyCollection(&item, isMap: isMap, change)
            shape.member = item
        } else if shape.type == .map, var value = shape.value {
            modifyCollection(&value, isMap: isMap, change)
            shape.value = value
        }
    }

    mutating func report(_ severity: Diagnostic.Severity, _ path: String, _ line: Int?, _ message: String) {
        let key = "\(path):\(line ?? 0):\(message)"
        guard reported.insert(key).inserted else { return }
        log.add(Diagnostic(severity, file: path, line: line, message))
    }

    mutating func takeLog() -> DiagnosticLog {
        defer { log = DiagnosticLog() }
        return log
    }
}
