import APIModel

/// One operation page → one `Operation`.
struct OperationPageInterpreter {
    let page: ReferencePage

    /// `memo`: fact lines read so far, shared by all pages of the run.
    func interpret(builder: inout ReferenceShapeBuilder, memo: inout FactLineMemo, log: inout DiagnosticLog) -> Operation {
        let name = page.title.isEmpty ? ReferenceServiceName.anchorStem(page) : page.title
        var op = Operation(name: name)
        op.sources = [page.path]
        let doc = page.description.map(\.text).joined(separator: "\n")
        if !doc.isEmpty { op.documentation = doc }
        if page.description.contains(where: { Deprecation.isNotice($0.text) }) { op.deprecated = true }
        builder.incomplete = false
        // Some entry's lines were not all read (a warning said which).
        var unread = false

        let requestSyntax = page.sections.first { $0.kind == .requestSyntax }.flatMap { $0.blocks.first }.map(HTTPSyntax.init)
        let responseSyntax = page.sections.first { $0.kind == .responseSyntax }.flatMap { $0.blocks.first }.map(HTTPSyntax.init)

        let requestSkeleton = requestSyntax.flatMap { SyntaxSkeleton(body: $0.body, path: page.path, log: &log) }
        let responseSkeleton = responseSyntax.flatMap { SyntaxSkeleton(body: $0.body, path: page.path, log: &log) }

        // Input: URI/header/query parameters and body members.
        var requestSections = page.sections.filter { $0.kind == .requestParameters || $0.kind == .requestBody }
        if let keys = requestSkeleton?.topLevelKeys {
            for i in requestSections.indices { EntryNaming.nameUnnamed(&requestSections[i].entries, keys: keys, path: page.path, log: &log) }
        }
        if requestSyntax != nil || !requestSections.isEmpty {
            var input = Shape(type: .structure)
            var inputMembers = MemberList()
            var uriMembers: Set<String> = []
            // URI labels, query strings and headers show the wire name the page shows for the member.
            let labels = requestSyntax.map { syntax in
                syntax.pathLabels(members: Set(requestSections.filter { $0.kind == .requestParameters }.flatMap(\.entries)
                    .compactMap { EntryName.of($0, on: page)?.shown }))
            } ?? [:]
            for section in requestSections {
                for entry in section.entries {
                    let facts = EntryFacts.read(entry.lines, path: page.path, memo: &memo, log: &log)
                    if facts.unread { unread = true }
                    guard let name = named(entry, log: &log) else { continue }
                    let key = WireName.memberKey(name.member)
                    // The shape goes straight from the builder into the list (a shape held in a variable was copied).
                    add(requestMember(entry, name: name, key: key, facts: facts, section: section, syntax: requestSyntax, skeleton: requestSkeleton,
                                      labels: labels, uriMembers: &uriMembers, builder: &builder, log: &log),
                        as: key, required: facts.required, to: &inputMembers, &input.required, entry: entry, log: &log)
                }
            }
            input.members = inputMembers.dictionary()
            if let skeleton = requestSkeleton { crossCheck(input, skeleton, "request", log: &log) }
            op.input = input
            if let syntax = requestSyntax, let method = syntax.method {
                op.http = HTTPBinding(method: method, requestUri: syntax.requestURI(uriMembers: uriMembers))
            }
        } else {
            log.warning(page.path, line: page.titleLine, "operation page without request syntax or request parameters: input unknown")
            op.partial = true
        }
        if let status = responseSyntax?.status {
            var h = op.http ?? HTTPBinding()
            h.responseCode = status
            op.http = h
        }

        // Output: response elements (headers where the page says so, else body).
        var output = Shape(type: .structure)
        var outputMembers = MemberList()
        let headerNames = Dictionary(responseSyntax?.headers.map { ($0.member, $0.wire) } ?? [], uniquingKeysWith: { a, _ in a })
        for var section in page.sections where section.kind == .responseElements {
            if let keys = responseSkeleton?.topLevelKeys { EntryNaming.nameUnnamed(&section.entries, keys: keys, path: page.path, log: &log) }
            for entry in section.entries {
                let facts = EntryFacts.read(entry.lines, path: page.path, memo: &memo, log: &log)
                if facts.unread { unread = true }
                guard let name = named(entry, log: &log) else { continue }
                // rest-xml pages list the root element (no Type line) before its members.
                if facts.type == nil, facts.documentation.hasPrefix("Root level tag for the") { continue }
                let key = WireName.memberKey(name.member)
                add(responseMember(entry, name: name, key: key, facts: facts, skeleton: responseSkeleton, headerNames: headerNames,
                                   builder: &builder),
                    as: key, required: false, to: &outputMembers, &output.required, entry: entry, log: &log)
            }
        }
        output.members = outputMembers.dictionary()
        if let skeleton = responseSkeleton { crossCheck(output, skeleton, "response", log: &log) }
        if !output.members.isEmpty { op.output = output }

        for section in page.sections where section.kind == .errors {
            for entry in section.entries {
                guard let errorName = entry.name, !errorName.isEmpty else {
                    log.warning(page.path, line: entry.line, "error entry without a name; skipped")
                    continue
                }
                let facts = EntryFacts.read(entry.lines, path: page.path, memo: &memo, log: &log)
                if facts.unread { unread = true }
                let errorDoc = facts.documentation
                op.errors.append(OperationError(name: errorName, httpStatus: facts.httpStatus, documentation: errorDoc.isEmpty ? nil : errorDoc))
            }
        }
        if builder.incomplete || unread { op.partial = true }
        if unread { op.markReadInPart() }
        return op
    }

    /// The entry's member and the name the page shows for it; nil (and a warning) for an entry the page leaves unnamed.
    private func named(_ entry: ReferenceEntry, log: inout DiagnosticLog) -> EntryName? {
        guard let name = EntryName.of(entry, on: page) else {
            log.warning(page.path, line: entry.line, "entry without a name and no syntax to name it from; skipped")
            return nil
        }
        return name
    }

    /// The location name a member records: a query wire name's key (`ImageId` of `ImageId.N`),
    /// or the wire name the page shows where the anchor names the member otherwise.
    private func locationName(_ name: EntryName, key: String) -> String? {
        key != name.member ? key : name.shown != name.member ? name.shown : nil
    }

    /// A request member's shape, located (URI, header, query string) where the page says.
    private func requestMember(_ entry: ReferenceEntry, name: EntryName, key: String, facts: EntryFacts, section: ReferenceSection,
                               syntax: HTTPSyntax?, skeleton: SyntaxSkeleton?, labels: [String: String], uriMembers: inout Set<String>,
                               builder: inout ReferenceShapeBuilder, log: inout DiagnosticLog) -> Shape {
        var shape = builder.member(named: name.member, typeLinks: entry.typeLinks, facts: facts, onPage: page.pageID, path: page.path,
                                   syntax: skeleton?.value(of: name.member), locationName: locationName(name, key: key),
                                   untyped: facts.type == nil && BodyIntro.isBinary(entry.context) ? .blob : .string)
        if section.kind == .requestParameters, let syntax, syntax.method != nil {
            locate(&shape, named: name.shown, syntax: syntax, labels: labels, entry: entry, section: section, log: &log)
            if shape.location == "uri" { uriMembers.insert(name.shown) }
        }
        return shape
    }

    /// A response member's shape: the status code or a header where the entry's section says so, else body.
    private func responseMember(_ entry: ReferenceEntry, name: EntryName, key: String, facts: EntryFacts, skeleton: SyntaxSkeleton?,
                                headerNames: [String: String], builder: inout ReferenceShapeBuilder) -> Shape {
        var shape = builder.member(named: name.member, typeLinks: entry.typeLinks, facts: facts, onPage: page.pageID, path: page.path,
                                   syntax: skeleton?.value(of: name.member), locationName: locationName(name, key: key),
                                   untyped: facts.type == nil && BodyIntro.isBinary(entry.context) ? .blob : .string)
        if entry.context?.containsBytes("following HTTP response") == true {
            // `If the action is successful, the service sends back the following HTTP response.`
            shape.location = "statusCode"
        } else if entry.context?.containsBytes("HTTP header") == true {
            shape.location = "header"
            shape.locationName = headerNames[name.shown] ?? shape.locationName
        }
        return shape
    }

    /// Every body member of the syntax block has an entry, and every body entry is in the syntax.
    private func crossCheck(_ structure: Shape, _ skeleton: SyntaxSkeleton, _ side: String, log: inout DiagnosticLog) {
        let keys = skeleton.topLevelKeys
        // The usual page lists its body members in syntax order: then there is nothing to report.
        if keys.count == structure.members.count, keys.elementsEqual(structure.members.keys) { return }
        let keySet = Set(keys)
        for entry in skeleton.root.entries {
            guard let key = entry.keyText, structure.members.index(forKey: key) == nil else { continue }
            log.warning(page.path, line: entry.line, "\(key) appears in the \(side) syntax but has no entry on the page")
        }
        // Through the values' buffer: iterating (name, member) pairs would copy every member shape.
        let names = structure.members.keys
        let unlocated = structure.members.values.withUnsafeBufferPointer { values in
            values.indices.filter { values[$0].location == nil }
        }
        for i in unlocated where !keySet.contains(names[i]) {
            log.warning(page.path, line: skeleton.root.line, "\(names[i]) is documented in the \(side) elements but missing from the \(side) syntax")
        }
    }

    private func add(_ member: consuming Shape, as key: String, required: Bool, to members: inout MemberList, _ requiredKeys: inout [String],
                     entry: ReferenceEntry, log: inout DiagnosticLog) {
        if members.add(consume member, forKey: key) {
            log.warning(page.path, line: entry.line, "member \(key) listed twice; the later entry replaces the earlier")
        }
        if required, !requiredKeys.contains(key) { requiredKeys.append(key) }
    }

    /// Where a URI request parameter travels, from the request syntax head.
    private func locate(_ member: inout Shape, named name: String, syntax: HTTPSyntax, labels: [String: String],
                        entry: ReferenceEntry, section: ReferenceSection, log: inout DiagnosticLog) {
        // Some pages say it in the anchor: `svc-Op-request-uri-Name`, `-request-header-`, `-request-querystring-`.
        if let anchor = entry.anchor, let place = ["uri", "header", "querystring"].first(where: { anchor.containsBytes("-request-\($0)-") }) {
            member.location = place
            if place == "uri" { member.locationName = labels[name].map { $0.hasSuffix("+") ? String($0.dropLast()) : $0 } ?? name }
            if place == "querystring" { member.locationName = syntax.query.first { $0.member == name }?.wire ?? name }
            if place == "header" { member.locationName = syntax.headers.first { $0.member == name }?.wire }
            return
        }
        if let label = labels[name] {
            member.location = "uri"
            member.locationName = label.hasSuffix("+") ? String(label.dropLast()) : label
        } else if let q = syntax.query.first(where: { $0.member == name }) {
            member.location = "querystring"
            member.locationName = q.wire
        } else if let h = syntax.headers.first(where: { $0.member == name }) {
            member.location = "header"
            member.locationName = h.wire
        } else {
            let said = ([entry.context ?? ""] + entry.lines.map(\.text)).joined(separator: " ")
            if said.containsBytes("in the URI") || said.containsBytes("URI path") {
                member.location = "uri"
            } else if said.containsBytes("in a header") || said.containsBytes("HTTP header") {
                member.location = "header"
            } else if said.containsBytes("in the query string") || said.containsBytes("query string") {
                member.location = "querystring"
            } else {
                log.warning(page.path, line: entry.line, "request parameter \(name) appears neither in the request line nor in a header of the request syntax; location unknown")
            }
        }
    }
}

extension Operation {
    /// The page showed the operation only in part: it is partial, and so are its input and output.
    mutating func markReadInPart() {
        partial = true
        input?.partial = true
        output?.partial = true
    }
}

/// The member an entry describes, and the name the page shows for it: the anchor names the
/// member (`…-ListTags-request-Resource`) where the page shows its wire name (`ARN`, a URI
/// label); without an anchor the title does (a query-protocol map title names its member first).
struct EntryName {
    var member: String
    var shown: String

    static func of(_ entry: ReferenceEntry, on page: ReferencePage) -> EntryName? {
        guard let title = entry.name, !title.isEmpty else { return nil }
        return EntryName(member: member(title: title, anchor: entry.anchor, on: page), shown: EntryTitle.memberName(title))
    }

    static func member(title: String, anchor: String?, on page: ReferencePage) -> String {
        var shown = EntryTitle.memberName(title)
        guard var anchor else { return shown }
        // Usually the anchor ends with the name shown (`-request-clientToken`): nothing to look up.
        let endsWithShown = anchor.withUTF8 { a in
            shown.withUTF8 { s in
                a.count > s.count && a[a.count - s.count - 1] == UInt8(ascii: "-") && a[(a.count - s.count)...].elementsEqual(s)
            }
        }
        if endsWithShown { return shown }
        return EntryTitle.anchorName(anchor, stem: ReferenceServiceName.anchorStem(page)) ?? shown
    }
}

/// The sentence that introduces a payload the page shows as a whole body rather than as JSON
/// or XML members: "The request accepts the following binary data.", "The response returns
/// the following as the HTTP body." Its entry has no `Type:` line: the body is binary data.
enum BodyIntro {
    static func isBinary(_ context: String?) -> Bool {
        guard let context else { return false }
        return context.containsBytes("binary data") || context.containsBytes("as the HTTP body")
    }
}

/// Query-protocol wire names (`ImageId.N`, `Tags.member.N`, `Attributes.entry.N`) → the name
/// the member is keyed by; matching with boto3 names (`ImageIds`) is the merger's job.
enum WireName {
    static func memberKey(_ wire: String) -> String {
        // On bytes: this runs for every member of every page.
        var bytesOf = wire
        let key: String? = bytesOf.withUTF8 { bytes in
            guard bytes.contains(UInt8(ascii: ".")) else { return nil }
            var end = bytes.count
            func drop(_ suffix: StaticString) {
                let n = suffix.utf8CodeUnitCount
                guard end >= n else { return }
                let matches = suffix.withUTF8Buffer { p in (0..<n).allSatisfy { bytes[end - n + $0] == p[$0] } }
                if matches { end -= n }
            }
            drop(".N")
            drop(".member")
            drop(".entry")
            drop(".member")
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        }
        return key ?? wire
    }
}
