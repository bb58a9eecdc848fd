import APIModel
import Differ

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

    func read(_ section: OperationSection, log: inout DiagnosticLog) -> Result? {
        let bodyStart = section.title == nil ? section.start : section.start + 1
        let dicts = ChangeDictArea(lines, start: bodyStart, limit: section.end, path: path, log: &log)
        let range = dicts.end..<section.end

        guard let requestHeading = lines.first("Request Syntax", in: range) else {
            if let title = section.title {
                log.warning(path, line: section.end, "\(title.name): the page ends before its request syntax")
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
        guard let name = section.title?.name ?? method.map(RSTText.operationName(fromMethod:)) else {
            log.warning(path, line: requestHeading + 1, "skipped: no operation name (no heading and no readable request syntax)")
            return nil
        }
        var op = Operation(name: name)
        op.method = method
        op.sources = [path]
        if includeDocumentation { op.documentation = description(range.lowerBound..<requestHeading) }

        let afterRequest = request.map { $0.lastLine + 1 } ?? requestHeading + 1
        let responseHeading = lines.first("Response Syntax", in: afterRequest..<section.end)
        let returnsLine = (afterRequest..<section.end).first { lines.trimmed[$0] == "rtype" || lines.trimmed[$0] == "returns" }
        var paramsEnd = min(responseHeading ?? section.end, returnsLine ?? section.end)
        // Compact layout: the return type's bare line (`dict`) sits just above `Response Syntax`.
        if let responseHeading, paramsEnd == responseHeading,
           let above = (afterRequest..<responseHeading).last(where: { !lines.isBlank($0) }),
           ChangelogProse.typeWord(lines.trimmed[above]) != nil {
            paramsEnd = above
        }

        var definitions: [(String, Shape)] = []
        if let call = request?.node, case .call = call.kind {
            var builder = RSTShapeBuilder(file: path, refPrefix: name + ".input", isInput: true)
            let prose = ChangelogProse(lines, range: afterRequest..<paramsEnd, topLevel: true)
            let root = parameters(call, prose: prose, log: &log)
            if !(call.entries.isEmpty && root.children.isEmpty) {
                op.input = builder.buildRoot(skeleton: call, prose: root)
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
            if let structureHeading = lines.first("Response Structure", in: afterResponse..<section.end) {
                let prose = ChangelogProse(lines, range: (structureHeading + 1)..<section.end, topLevel: false)
                var assembler = ProseAssembler(prose.markers[...])
                if let first = prose.markers.first, first.name == nil, first.type == .dict {
                    var root = assembler.node(first)
                    assembler = ProseAssembler(prose.markers.dropFirst())
                    if let node = response?.node { root.children = assembler.children(of: node) }
                    proseRoot = root
                    reportUnplaced(&assembler, what: "response structure", log: &log)
                } else {
                    log.warning(path, line: structureHeading + 1, "\(name): the response structure does not start with one '(dict) --' root")
                    partial = true
                }
            } else {
                log.warning(path, line: section.end, "\(name): the page ends before the response structure")
                partial = true
            }
            if response != nil || proseRoot != nil {
                var builder = RSTShapeBuilder(file: path, refPrefix: name + ".output", isInput: false)
                op.output = builder.buildRoot(skeleton: response?.node, prose: proseRoot)
                log.append(contentsOf: builder.log)
                partial = partial || builder.partial
                definitions += builder.definitions
            }
        } else if !returnsNothing(afterRequest..<section.end) {
            log.warning(path, line: section.end, "\(name): the page ends before the response syntax")
            partial = true
        }
        op.partial = partial
        return Result(operation: op, definitions: definitions, dicts: dicts, status: section.title?.status)
    }

    /// The prose root of the request: one child per keyword argument, with its nested markers.
    private func parameters(_ call: SkeletonNode, prose: ChangelogProse, log: inout DiagnosticLog) -> ProseNode {
        var root = ProseNode(name: nil, type: .dict, line: 0, indent: 0)
        let tops = prose.topLevelIndexes
        var used = Set<Int>()
        for (k, entry) in call.entries.enumerated() {
            guard let keyword = entry.keyText else { continue }
            // The expanded layout names each parameter; the compact one only keeps their order.
            let slot: Int?
            if let named = tops.first(where: { prose.markers[$0].name == keyword }) {
                slot = named
            } else if k < tops.count, prose.markers[tops[k]].name == nil {
                slot = tops[k]
            } else {
                slot = nil
            }
            guard let slot, !used.contains(slot) else { continue }
            used.insert(slot)
            let chunkEnd = tops.first(where: { $0 > slot }) ?? prose.markers.count
            var assembler = ProseAssembler(prose.markers[(slot + 1)..<chunkEnd])
            var node = assembler.node(prose.markers[slot])
            node.name = keyword
            node.children = assembler.children(of: entry.value)
            reportUnplaced(&assembler, what: "parameter \(keyword)", log: &log)
            root.children.append(node)
        }
        for slot in tops where !used.contains(slot) {
            let m = prose.markers[slot]
            log.warning(path, line: m.line + 1, "a parameter\(m.name.map { " " + $0 } ?? "") documented but not in the request syntax")
        }
        return root
    }

    private func reportUnplaced(_ assembler: inout ProseAssembler, what: String, log: inout DiagnosticLog) {
        assembler.drain()
        for line in assembler.unplaced {
            log.warning(path, line: line + 1, "\(what): '\(lines.trimmed[line])' has no place in the syntax")
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
            log.warning(path, line: heading + 1, "'\(lines.trimmed[heading])' with no syntax after it (the page ends here)")
            partial = true
            return nil
        }
        let start = lines.page.contentStart(first)
        let limitOffset = limit < lines.count ? lines.page.starts[limit] : lines.bytes.count
        let end = lines.literalEnd(from: start, limit: limitOffset) ?? limitOffset
        do {
            let doc = try Self.skeletonParser.parse(lines.bytes, range: start..<end, firstLine: first + 1)
            return ReadSkeleton(node: doc.value, lastLine: lines.lineIndex(of: max(start, end - 1)))
        } catch {
            log.warning(path, line: error.line, "\(lines.trimmed[heading].lowercased()): \(error.message)")
            partial = true
            return nil
        }
    }

    /// `rtype` / `returns` followed by `None`, or a bare `None` line: the operation returns nothing.
    private func returnsNothing(_ range: Range<Int>) -> Bool {
        range.contains { lines.trimmed[$0] == "None" }
    }

    /// The description paragraphs before the request syntax, without the "See also" line.
    private func description(_ range: Range<Int>) -> String? {
        var paragraphs: [String] = []
        var current: [String] = []
        for i in range {
            let t = lines.trimmed[i]
            if t.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] }
                continue
            }
            if t.hasPrefix("See also: AWS API Documentation") { continue }
            current.append(t)
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }
}
