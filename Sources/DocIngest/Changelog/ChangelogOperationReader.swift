import APIModel

/// One operation's lines on a page: from its heading (expanded layout) or its first change
/// dict (compact layout) to the next operation.
struct OperationSection {
    var start: Int
    var end: Int
    /// `CreateNetworkInterface (updated)`: the expanded layout's heading.
    var title: (name: String, status: ChangelogOperation.Status)?
}

/// Reads an operation section: change dicts, description, request syntax and parameters,
/// response syntax and structure. The trees are built by the RST parser's `RSTShapeBuilder`
/// from the shared skeleton parser's syntax tree and the page's prose markers.
struct ChangelogOperationReader {
    struct Result {
        var operation: Operation
        var definitions: [(String, Shape)] = []
        var dicts: ChangeDictArea
        var status: ChangelogOperation.Status?
    }

    static let skeletonParser = SkeletonParser(dialect: .boto3)

    let lines: ChangelogLines
    let path: String
    let includeDocumentation: Bool
    /// The page's API words, read once per page (compact layout only).
    var pageWords = PageVocabulary()

    func read(_ section: OperationSection, log: inout DiagnosticLog) -> Result? {
        let bodyStart = section.title == nil ? section.start : section.start + 1
        let dicts = ChangeDictArea(lines, start: bodyStart, limit: section.end, path: path, log: &log)
        let range = dicts.end..<section.end

        guard let requestHeading = lines.first("Request Syntax", in: range) else {
            if let title = section.title {
                log.endsEarly(path, line: section.end, "\(title.name): the page ends before its request syntax")
                var op = Operation(name: title.name)
                op.partial = true
                op.sources = [path]
                return Result(operation: op, dicts: dicts, status: title.status)
            }
            log.warning(path, line: bodyStart + 1, "change dicts with no operation documentation after them")
            return nil
        }
        // The request: `client.method_name(...)`.
        var partial = false
        let request = readSkeleton(after: requestHeading, limit: section.end, log: &log, partial: &partial)
        var method: String?
        if let call = request?.node, case let .call(name) = call.kind {
            method = name.split(separator: ".").last.map(String.init)
        } else if let node = request?.node {
            log.warning(path, line: node.line, "the request syntax is not a client method call")
            partial = true
        }
        guard let name = section.title?.name ?? method.map({ operationName(method: $0, section: section, log: &log) }) else {
            log.warning(path, line: requestHeading + 1, "skipped: no operation name (no heading and no readable request syntax)")
            return nil
        }
        var op = Operation(name: name)
        op.method = method
        op.sources = [path]
        if includeDocumentation { op.documentation = description(range.lowerBound..<requestHeading) }

        let afterRequest = request.map { $0.lastLine + 1 } ?? requestHeading + 1
        let responseHeading = lines.first("Response Syntax", in: afterRequest..<section.end)
        let returnsLine = (afterRequest..<section.end).first { lines.is($0, "rtype") || lines.is($0, "returns") }
        var paramsEnd = min(responseHeading ?? section.end, returnsLine ?? section.end)
        // Compact layout: the return type's bare line (`dict`) sits just above `Response Syntax`.
        if let responseHeading, paramsEnd == responseHeading,
           let above = (afterRequest..<responseHeading).last(where: { !lines.isBlank($0) }),
           ChangelogProse.typeWord(lines.page.bytes, lines.trimmed[above]) != nil {
            paramsEnd = above
        }

        var definitions: [(String, Shape)] = []
        if let call = request?.node, case .call = call.kind {
            var builder = RSTShapeBuilder(file: path, refPrefix: name + ".input", isInput: true)
            var root: ProseNode?
            if tooLarge(afterRequest..<paramsEnd) {
                partial = true
            } else {
                root = parameters(call, prose: ChangelogProse(lines, range: afterRequest..<paramsEnd, topLevel: true, documentation: includeDocumentation), log: &log)
            }
            if !(call.entries.isEmpty && (root?.children.isEmpty ?? true)) {
                op.input = builder.buildRoot(skeleton: call, prose: root)
                if includeDocumentation { ProseDocumentation.attach(root, to: &op.input) }
            }
            log.append(contentsOf: builder.log)
            partial = partial || builder.partial
            definitions += builder.definitions
        } else {
            partial = true
        }

        if let responseHeading {
            let response = readSkeleton(after: responseHeading, limit: section.end, log: &log, partial: &partial)
            let afterResponse = response.map { $0.lastLine + 1 } ?? responseHeading + 1
            var proseRoot: ProseNode?
            if let structureHeading = lines.first("Response Structure", in: afterResponse..<section.end),
               tooLarge((structureHeading + 1)..<min(section.end, structureHeading + 6)) {
                partial = true
            } else if let structureHeading = lines.first("Response Structure", in: afterResponse..<section.end) {
                let prose = ChangelogProse(lines, range: (structureHeading + 1)..<section.end, topLevel: false, documentation: includeDocumentation)
                var assembler = ProseAssembler(prose.markers[...], of: prose)
                if let first = prose.markers.first, first.name == nil, first.type == .dict {
                    var root = assembler.node(first)
                    assembler = ProseAssembler(prose.markers.dropFirst(), of: prose)
                    if let node = response?.node { root.children = assembler.children(of: node) }
                    proseRoot = root
                    reportUnplaced(&assembler, what: "response structure", log: &log)
                } else {
                    log.warning(path, line: structureHeading + 1, "\(name): the response structure does not start with one '(dict) --' root")
                    partial = true
                }
            } else {
                log.endsEarly(path, line: section.end, "\(name): the page ends before the response structure")
                partial = true
            }
            if response != nil || proseRoot != nil {
                var builder = RSTShapeBuilder(file: path, refPrefix: name + ".output", isInput: false)
                op.output = builder.buildRoot(skeleton: response?.node, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.output) }
                log.append(contentsOf: builder.log)
                partial = partial || builder.partial
                definitions += builder.definitions
            }
        } else if !returnsNothing(afterRequest..<section.end) {
            log.endsEarly(path, line: section.end, "\(name): the page ends before the response syntax")
            partial = true
        }
        op.errors = errors(in: afterRequest..<section.end)
        op.partial = partial
        return Result(operation: op, definitions: definitions, dicts: dicts, status: section.title?.status)
    }

    /// The compact layout has no operation headings: the API name is a word of the page
    /// that botocore turns into the method name (`AssumeRoleWithSAML` → `assume_role_with_saml`).
    /// Otherwise it is composed from the method name, taking the spelling of runs of it from
    /// the page's API words that contain them (`DBClusterAutomatedBackup` gives
    /// `DeleteDBClusterAutomatedBackup`; `GetEBSVolumeRecommendations` gives
    /// `ExportEBSVolumeRecommendations`). A lone segment is only capitalized: a page's prose
    /// writes acronyms (`Amazon EBS`) that API names often do not (`EnableEbsEncryptionByDefault`).
    private func operationName(method: String, section: OperationSection, log: inout DiagnosticLog) -> String {
        let segments = method.split(separator: "_").map(String.init)
        if let whole = pageWords.spelling(of: segments[...]) { return whole }
        log.count("changelog operations named from their method name (the page never writes the API name)")
        // Fewest pieces covering the segments; a piece is a spelled run of two or more
        // segments, or one capitalized segment.
        var best: [(cost: Int, name: String)?] = Array(repeating: nil, count: segments.count + 1)
        best[0] = (0, "")
        for end in stride(from: 1, through: segments.count, by: 1) {
            for start in 0..<end {
                guard let before = best[start] else { continue }
                let piece: String
                if end - start == 1 {
                    piece = segments[start].prefix(1).uppercased() + segments[start].dropFirst()
                } else if let word = pageWords.spelling(of: segments[start..<end]) {
                    piece = word
                } else {
                    continue
                }
                if best[end] == nil || before.cost + 1 < best[end]!.cost { best[end] = (before.cost + 1, before.name + piece) }
            }
        }
        return best[segments.count]?.name ?? RSTText.operationName(fromMethod: method)
    }

    /// The prose root of the request: one child per keyword argument, with its nested markers.
    private func parameters(_ call: SkeletonNode, prose: ChangelogProse, log: inout DiagnosticLog) -> ProseNode {
        var root = ProseNode(name: nil, type: .dict, line: 0, indent: 0)
        let tops = prose.topLevelIndexes
        // The compact layout names no parameter, only keeps their order; boto3's
        // auto-populated parameters are documented there but absent from the syntax.
        let unnamed = tops.filter { prose.markers[$0].name == nil && !prose.markers[$0].autoPopulated }
        let skippedUnnamed = tops.filter { prose.markers[$0].name == nil && prose.markers[$0].autoPopulated }
        if !skippedUnnamed.isEmpty {
            log.count("auto-populated request parameters without a name (compact layout) left out", by: skippedUnnamed.count)
        }
        var used = Set(skippedUnnamed)
        for (k, entry) in call.entries.enumerated() {
            guard let keyword = entry.keyText else { continue }
            let slot: Int?
            if let named = tops.first(where: { prose.markers[$0].name == keyword }) {
                slot = named
            } else if k < unnamed.count {
                slot = unnamed[k]
            } else {
                slot = nil
            }
            guard let slot, !used.contains(slot) else { continue }
            used.insert(slot)
            let chunkEnd = tops.first(where: { $0 > slot }) ?? prose.markers.count
            var assembler = ProseAssembler(prose.markers[(slot + 1)..<chunkEnd], of: prose)
            var node = assembler.node(prose.markers[slot])
            node.name = keyword
            node.children = assembler.children(of: entry.value)
            reportUnplaced(&assembler, what: "parameter \(keyword)", log: &log)
            root.children.append(node)
        }
        for slot in tops where !used.contains(slot) {
            let m = prose.markers[slot]
            guard let name = m.name else {
                log.warning(path, line: m.line + 1, "a parameter documented but not in the request syntax")
                continue
            }
            // A named parameter the syntax leaves out is kept, as the RST parser keeps it
            // (boto3 fills it in itself); `RSTShapeBuilder` counts it.
            let chunkEnd = tops.first(where: { $0 > slot }) ?? prose.markers.count
            var node = ProseAssembler(prose.markers[(slot + 1)..<chunkEnd], of: prose).node(m)
            node.name = name
            if !m.autoPopulated { log.warning(path, line: m.line + 1, "a parameter \(name) documented but not in the request syntax") }
            root.children.append(node)
        }
        return root
    }

    /// `what` is written only when something is reported (most parameters place every marker).
    private func reportUnplaced(_ assembler: inout ProseAssembler, what: @autoclosure () -> String, log: inout DiagnosticLog) {
        assembler.drain()
        for line in assembler.unplaced {
            log.warning(path, line: line + 1, "\(what()): '\(lines.text(line))' has no place in the syntax")
        }
    }

    private struct ReadSkeleton {
        var node: SkeletonNode
        /// 0-based line of the skeleton's last byte.
        var lastLine: Int
    }

    /// The syntax block after a heading, read by the shared skeleton parser.
    private func readSkeleton(after heading: Int, limit: Int, log: inout DiagnosticLog, partial: inout Bool) -> ReadSkeleton? {
        guard let first = lines.nextContent(from: heading + 1, before: limit) else {
            log.warning(path, line: heading + 1, "'\(lines.text(heading))' with no syntax after it (the page ends here)")
            partial = true
            return nil
        }
        if tooLarge(first) {
            // boto3 leaves out syntax it finds too large: the section is unknown, not empty.
            log.count("boto3 sections too large to render (operations kept partial)")
            partial = true
            return nil
        }
        let start = lines.page.contentStart(first)
        let limitOffset = limit < lines.count ? lines.page.starts[limit] : lines.bytes.count
        // Most blocks are one well-formed literal, read in one pass; any other is bounded by
        // counting brackets and parsed again for the parser to say what is wrong with it.
        if let (doc, end) = Self.skeletonParser.parseBracketedValue(lines.bytes, from: start, limit: limitOffset, firstLine: first + 1) {
            return ReadSkeleton(node: doc.value, lastLine: lines.lineIndex(of: max(start, end - 1)))
        }
        let end = lines.literalEnd(from: start, limit: limitOffset) ?? limitOffset
        do {
            let doc = try Self.skeletonParser.parse(lines.bytes, range: start..<end, firstLine: first + 1)
            return ReadSkeleton(node: doc.value, lastLine: lines.lineIndex(of: max(start, end - 1)))
        } catch {
            log.warning(path, line: error.line, "\(lines.text(heading).lowercased()): \(error.message)")
            partial = true
            return nil
        }
    }

    /// The `Exceptions` list: `AppStream.Client.exceptions.ResourceNotFoundException` lines.
    private func errors(in range: Range<Int>) -> [OperationError] {
        guard let heading = lines.first("Exceptions", in: range) else { return [] }
        let page = lines.page
        let bytes = page.bytes
        var out: [OperationError] = []
        for i in (heading + 1)..<range.upperBound {
            var t = lines.trimmed[i]
            if t.isEmpty { continue }
            if page.hasPrefix(t, "• ") { t = (t.lowerBound + 4)..<t.upperBound }
            // `<...>.Client.exceptions.<Name>`: the last three dots, with something before them.
            var dots = (0, 0, 0)
            var found = 0
            var k = t.upperBound
            while found < 3, let dot = bytes[t.lowerBound..<k].lastIndex(of: UInt8(ascii: ".")) {
                switch found {
                case 0: dots.0 = dot
                case 1: dots.1 = dot
                default: dots.2 = dot
                }
                found += 1
                k = dot
            }
            guard found == 3, page.equals((dots.2 + 1)..<dots.1, "Client"), page.equals((dots.1 + 1)..<dots.0, "exceptions"),
                  Self.isIdentifier(bytes[(dots.0 + 1)..<t.upperBound]) else { break }
            out.append(OperationError(name: page.string((dots.0 + 1)..<t.upperBound)))
        }
        return out
    }

    /// Letters, digits and `_` (of any script); not empty.
    private static func isIdentifier(_ name: ArraySlice<UInt8>) -> Bool {
        guard !name.isEmpty else { return false }
        for c in name {
            switch c {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"): continue
            case 0x80...: return String(decoding: name, as: UTF8.self).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            default: return false
            }
        }
        return true
    }

    /// `# This section is too large to render.`
    private func tooLarge(_ line: Int) -> Bool {
        lines.hasPrefix(line, "# This section is too large to render")
    }

    private func tooLarge(_ range: Range<Int>) -> Bool {
        range.contains { tooLarge($0) }
    }

    /// `rtype` / `returns` followed by `None`, or a bare `None` line: the operation returns nothing.
    private func returnsNothing(_ range: Range<Int>) -> Bool {
        range.contains { lines.is($0, "None") }
    }

    /// The description paragraphs before the request syntax, without the "See also" line.
    private func description(_ range: Range<Int>) -> String? {
        // The kept lines' bytes, a space between lines and a blank line between paragraphs,
        // decoded once (what decoding each line and joining them gives: the separators are ASCII).
        var text: [UInt8] = []
        var paragraphOpen = false
        for i in range {
            if lines.isBlank(i) {
                paragraphOpen = false
                continue
            }
            if lines.hasPrefix(i, "See also: AWS API Documentation") { continue }
            if paragraphOpen {
                text.append(0x20)
            } else if !text.isEmpty {
                text.append(contentsOf: [0x0A, 0x0A])
            }
            // An empty trimmed line cannot be here: blank lines are skipped above.
            lines.page.withBytes(lines.trimmed[i]) { text.append(contentsOf: $0) }
            paragraphOpen = true
        }
        return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
    }
}
