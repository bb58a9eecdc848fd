import APIModel
import OrderedCollections

/// A data-type page, read once: its name, description and members with their facts, and
/// what every expansion of it needs (member keys, the joined description) made once. A class:
/// builders of several services share the pages, and expansions read them without copies.
final class TypePage: Sendable {
    let id: String
    let page: ReferencePage
    let members: [TypeMember]
    /// The description paragraphs joined with newlines.
    let documentation: String
    /// Newer pages say so: "This data type is a UNION, so only one of the following members ..."
    /// (in the description, or in a note under Contents).
    let isUnion: Bool
    /// Something the page states was not read, or the page was cut short (a warning said so):
    /// an operation that uses the type is known only in part.
    let incomplete: Bool

    init(id: String, page: ReferencePage, members: [TypeMember], incomplete: Bool = false) {
        self.id = id
        self.page = page
        self.members = members
        self.incomplete = incomplete
        let doc = page.description.count == 1 ? page.description[0].text : page.description.map(\.text).joined(separator: "\n")
        documentation = doc
        isUnion = doc.containsBytes("is a UNION")
            || page.sections.contains { $0.kind == .contents && $0.paragraphs.contains { $0.text.containsBytes("is a UNION") } }
    }
}

/// A named member entry of a type page: what an expansion needs of it.
struct TypeMember: Sendable {
    /// The wire name as written (`ImageId.N`) and the member key (`ImageId`).
    let wire: String
    let key: String
    let typeLinks: [String: String]
    let facts: EntryFacts

    init(wire: String, typeLinks: [String: String], facts: EntryFacts) {
        self.wire = wire
        key = WireName.memberKey(wire)
        self.typeLinks = typeLinks
        self.facts = facts
    }
}

/// Turns an entry and its facts into a member shape, resolving `X object` types from the
/// data-type pages of the same service. A type already being expanded becomes `{"ref": X}`
/// (its definition goes to the service's `shapes`); expansions independent of the path
/// above them are memoized.
struct ReferenceShapeBuilder {
    /// Type pages by page id (`API_Media`), and by their number in this builder.
    private let pageNumbers: [String: Int]
    private let pages: [TypePage]
    private(set) var log = DiagnosticLog()
    /// Set when a type could not be resolved, or its page was read only in part, since the last
    /// reset: the operation is partial.
    var incomplete = false
    private var reported: Set<String> = []
    /// Acyclic expansions by page number, and whether each was read only in part.
    private var memo: [Shape?]
    private var memoIncomplete: [Bool]
    /// Page numbers of plain type names (`API_<name>`), -1 for none: resolved once per name.
    private var plainNames: [String: Int] = [:]
    /// Depth at which each page is being expanded, -1 when it is not.
    private var stackDepth: [Int]
    private var stackCount = 0
    private var lowestRef = Int.max
    /// Names of types that a `ref` stands for, with their page ids, in first-use order.
    private(set) var referenced = OrderedDictionary<String, String>()

    init(typePages: [String: TypePage]) {
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(typePages.count)
        var pages: [TypePage] = []
        pages.reserveCapacity(typePages.count)
        for (id, page) in typePages {
            numbers[id] = pages.count
            pages.append(page)
        }
        pageNumbers = numbers
        self.pages = pages
        memo = Array(repeating: nil, count: pages.count)
        memoIncomplete = Array(repeating: false, count: pages.count)
        stackDepth = Array(repeating: -1, count: pages.count)
    }

    /// The member an entry describes: its name, the links of its `dd` (type name → page id) and
    /// its facts. `pageID` is the page the entry sits on: a link-less type name is looked up
    /// beside it (`API_streaming_` pages name `API_streaming_` types). `syntax` is the entry's
    /// value in the page's syntax block, when there is one; `locationName`, the wire name to
    /// record when it differs from the member key.
    /// `untyped`: the type of a member whose page gives no `Type:` line and whose facts tell
    /// nothing either (a string for URI/header/query members, a blob for a binary HTTP body).
    mutating func member(named name: String?, typeLinks: [String: String], facts: EntryFacts, onPage pageID: String?, path: String,
                         syntax: SkeletonNode? = nil, locationName: String? = nil, untyped: ShapeType = .string) -> Shape {
        var shape: Shape
        if let (text, line) = facts.type {
            if let phrase = facts.typePhrase {
                for (conflictLine, message) in facts.conflicts { report(.warning, path, conflictLine, "\(name ?? "entry"): \(message)") }
                if facts.lostFact { incomplete = true }
                shape = build(phrase, level: 0, taken: (false, false), facts, name: name, typeLinks: typeLinks, onPage: pageID, path: path, line: line, syntax: syntax)
            } else {
                report(.error, path, line, "unrecognized type \"\(text)\" for \(name ?? "an entry"); read as string")
                shape = Shape(type: .string)
                apply(facts, to: &shape)
            }
        } else {
            // URI, header and query members carry no Type line: the facts tell a list
            // (`Array Members`), a map (`Map Entries`) or a number (`Valid Range`) from a string.
            let item = Shape(type: facts.statesRange ? .integer : untyped)
            if facts.statesCount(isMap: false) {
                shape = .list(of: item)
            } else if facts.statesCount(isMap: true) {
                shape = .map(key: Shape(type: .string), value: item)
            } else {
                shape = item
            }
            apply(facts, to: &shape)
        }
        if !facts.documentation.isEmpty { shape.documentation = facts.documentation }
        if facts.deprecated { shape.deprecated = true }
        if let locationName { shape.locationName = locationName }
        return shape
    }

    /// The shape of `phrase` (collection `level` of the member's type) with the facts the entry's
    /// placement gives each node, applied before the node is wrapped, so no built child is copied out and back in.
    /// `taken`: a list, a map above this node (whose counts they took).
    private mutating func build(_ phrase: TypePhrase, level: Int, taken: (list: Bool, map: Bool), _ facts: EntryFacts?, name: String?,
                                typeLinks: [String: String], onPage pageID: String?, path: String, line: Int, syntax: SkeletonNode?) -> Shape {
        switch phrase {
        case let .scalar(t):
            var s = Shape(type: t)
            if let facts { Self.applyAtLeaf(facts.leafFacts, to: &s, nested: level > 0) }
            return s
        case .exception:
            var s = Shape(type: .structure)
            s.exception = true
            s.name = name
            if let facts { Self.applyAtLeaf(facts.leafFacts, to: &s, nested: level > 0) }
            return s
        case let .list(itemPhrase):
            var s = Shape.list(of: build(itemPhrase, level: level + 1, taken: (true, taken.map), facts, name: name, typeLinks: typeLinks, onPage: pageID, path: path,
                                         line: line, syntax: SyntaxSkeleton.descend(syntax)))
            if let count = facts?.count(at: level, isMap: false, first: !taken.list) { s.min = count.min ?? s.min; s.max = count.max ?? s.max }
            return s
        case let .map(keyPhrase, valuePhrase):
            var key = build(keyPhrase, level: Int.max, taken: (true, true), nil, name: name, typeLinks: typeLinks, onPage: pageID, path: path,
                            line: line, syntax: nil)
            for fact in facts?.keyFacts(at: level) ?? [] { Self.change(&key, by: fact) }
            let value = build(valuePhrase, level: level + 1, taken: (taken.list, true), facts, name: name, typeLinks: typeLinks, onPage: pageID, path: path, line: line,
                              syntax: SyntaxSkeleton.descend(syntax))
            var s = Shape.map(key: key, value: value)
            if let count = facts?.count(at: level, isMap: true, first: !taken.map) { s.min = count.min ?? s.min; s.max = count.max ?? s.max }
            return s
        case let .structure(typeName):
            var s = structure(named: typeName, link: typeLinks[typeName], besides: pageID, path: path, line: line, syntax: syntax)
            if let facts { Self.applyAtLeaf(facts.leafFacts, to: &s, nested: level > 0) }
            return s
        }
    }

    /// Facts that reached a node the phrase calls a scalar or a structure. Only a missing type
    /// page read from its syntax block can make that node a list or a map: then the facts are
    /// routed the general way.
    /// Below a collection (`nested`), counts are the collection's, not this node's.
    private static func applyAtLeaf(_ facts: [(fact: Fact, line: Int)], to shape: inout Shape, nested: Bool) {
        guard !facts.isEmpty else { return }
        if shape.type == .list || shape.type == .map {
            for (fact, _) in facts {
                if nested, case .count = fact { continue }
                apply(fact, to: &shape)
            }
            return
        }
        for (fact, _) in facts { change(&shape, by: fact) }
    }

    /// What a length, range, pattern or enum fact sets on the node it is about.
    private static func change(_ shape: inout Shape, by fact: Fact) {
        switch fact {
        case let .length(min, max, _), let .range(min, max, _):
            shape.min = min ?? shape.min
            shape.max = max ?? shape.max
        case let .pattern(p, _):
            shape.pattern = p
        case let .validValues(values, _):
            shape.enumValues = values
        case .count, .type, .required, .httpStatus:
            break
        }
    }

    /// Page number for a type name: the link, then beside the current page, then plain.
    private mutating func pageNumber(for name: String, link: String?, besides pageID: String?) -> Int? {
        if let link, let n = pageNumbers[link] { return n }
        if let pageID, let prefix = Self.siblingPrefix(pageID), let n = pageNumbers[prefix + name] { return n }
        if let n = plainNames[name] { return n >= 0 ? n : nil }
        let n = pageNumbers["API_" + name]
        plainNames[name] = n ?? -1
        return n
    }

    /// `API_streaming_AudioStream` → `API_streaming_`; nil for a page id without a part (`API_Media`).
    private static func siblingPrefix(_ pageID: String) -> String? {
        let u = pageID.utf8
        guard u.count > 4, u.starts(with: "API_".utf8) else { return nil }
        guard let underscore = u.dropFirst(4).firstIndex(of: UInt8(ascii: "_")) else { return nil }
        return String(pageID[...underscore])
    }

    private mutating func structure(named name: String, link: String?, besides currentPage: String?, path: String, line: Int,
                                    syntax: SkeletonNode?) -> Shape {
        guard let number = pageNumber(for: name, link: link, besides: currentPage) else {
            incomplete = true
            let page = link ?? "API_\(name)"
            var s = Shape(type: .structure)
            if let syntax, case .object = syntax.kind {
                // The syntax block still shows the members (names and coarse types).
                s = SyntaxSkeleton.shape(of: syntax)
                report(.warning, path, line, "data type page \(page) is not among the given files; \(name)'s members are read from the syntax block (no constraints; `number` read as integer)")
            } else {
                report(.warning, path, line, "data type page \(page) is not among the given files; \(name) is left without members")
                s.partial = true
            }
            s.name = name
            return s
        }
        return expand(number, name: name, syntax: syntax)
    }

    /// The structure of type page `id`.
    mutating func expand(_ id: String, name: String, syntax: SkeletonNode? = nil) -> Shape {
        expand(pageNumbers[id]!, name: name, syntax: syntax)
    }

    private mutating func expand(_ number: Int, name: String, syntax: SkeletonNode?) -> Shape {
        let typePage = pages[number]
        let onStack = stackDepth[number]
        if onStack >= 0 {
            lowestRef = min(lowestRef, onStack)
            if referenced[name] == nil { referenced[name] = typePage.id }
            return Shape(ref: name)
        }
        if let cached = memo[number] {
            if memoIncomplete[number] { incomplete = true }
            return cached
        }
        let depth = stackCount
        stackDepth[number] = depth
        stackCount += 1
        let savedLowest = lowestRef
        lowestRef = Int.max
        // Whether this expansion (its page and every type below it) was read in full.
        let outerIncomplete = incomplete
        incomplete = typePage.incomplete
        var shape = Shape(type: .structure)
        shape.name = typePage.page.title.isEmpty ? name : typePage.page.title
        var members = MemberList(capacity: typePage.members.count)
        let pageID = typePage.id, path = typePage.page.path
        let syntaxPositions = syntax.flatMap(SyntaxSkeleton.positions(of:))
        // Members read in place (a loop over the array copied each member's references).
        typePage.members.withUnsafeBufferPointer { typeMembers in
            for m in typeMembers.indices {
                let wire = typeMembers[m].wire, key = typeMembers[m].key
                let memberSyntax = syntax.flatMap { SyntaxSkeleton.value(of: wire, in: $0, positions: syntaxPositions) }
                members.add(self.member(named: wire, typeLinks: typeMembers[m].typeLinks, facts: typeMembers[m].facts,
                                        onPage: pageID, path: path, syntax: memberSyntax, locationName: key != wire ? key : nil),
                            forKey: key)
                if typeMembers[m].facts.required { shape.required.append(key) }
            }
        }
        shape.members = members.dictionary()
        if !typePage.documentation.isEmpty { shape.documentation = typePage.documentation }
        if typePage.isUnion { shape.type = .union }
        if typePage.incomplete { shape.partial = true }
        stackDepth[number] = -1
        stackCount -= 1
        if lowestRef >= depth {
            memo[number] = shape
            memoIncomplete[number] = incomplete
        }
        lowestRef = min(savedLowest, lowestRef)
        incomplete = incomplete || outerIncomplete
        return shape
    }

    /// Applies length, count, range, pattern and enum facts where they belong: a list's item
    /// facts to its (innermost) item, a map's `Key`/`Value` facts to its key/value.
    private func apply(_ facts: EntryFacts, to shape: inout Shape) {
        for (fact, _) in facts.facts { Self.apply(fact, to: &shape) }
    }

    private static func apply(_ fact: Fact, to shape: inout Shape) {
        switch fact {
        case let .length(min, max, target):
            modify(&shape, target) { $0.min = min ?? $0.min; $0.max = max ?? $0.max }
        case let .range(min, max, target):
            modify(&shape, target) { $0.min = min ?? $0.min; $0.max = max ?? $0.max }
        case let .pattern(p, target):
            modify(&shape, target) { $0.pattern = p }
        case let .validValues(values, target):
            modify(&shape, target) { $0.enumValues = values }
        case let .count(min, max, isMap):
            modifyCollection(&shape, isMap: isMap) { $0.min = min ?? $0.min; $0.max = max ?? $0.max }
        case .type, .required, .httpStatus:
            break
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
