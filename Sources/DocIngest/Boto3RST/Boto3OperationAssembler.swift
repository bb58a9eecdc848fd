import APIModel

/// Builds an operation's request and response trees from a boto3 method page's parts,
/// whatever the page's format: the syntax blocks are parsed by `SkeletonParser`, and
/// `RSTShapeBuilder` reconciles them with the bullet trees. The RST, HTML and text readers
/// find the parts; the rules for what the parts make are here, once.
struct Boto3OperationAssembler {
    static let skeletonParser = SkeletonParser(dialect: .boto3)

    let path: String
    let includeDocumentation: Bool
    let wording: Boto3PageWording

    /// Sets `op`'s input and output (and `partial`) from `parts`; returns the definitions of
    /// the shapes the trees' `ref` nodes name.
    func assemble(_ parts: Boto3OperationParts, into op: inout Operation,
                  log: inout DiagnosticLog) -> [(String, Shape)] {
        var definitions: [(String, Shape)] = []

        // Request.
        if let request = parts.request {
            var builder = RSTShapeBuilder(file: path, refPrefix: op.name + ".input", isInput: true)
            let skeleton = readSkeleton(request.syntax, heading: request.line, log: &log, partial: &op.partial)
            var prose: [ProseNode]?
            switch request.parameters {
            case .tooLarge:
                // Values only the prose would type are left out quietly: the operation is partial.
                builder.proseUnavailable = true
                op.partial = true
            case let .read(nodes):
                prose = nodes
            }
            if let skeleton, case .call = skeleton.kind {} else if let skeleton {
                log.warning(path, line: skeleton.line, "the request syntax is not a client method call")
                op.partial = true
                return []
            }
            // ProseNode lines are 0-based.
            let proseRoot = prose.map { ProseNode(name: nil, type: .dict, line: request.line - 1, indent: 0, children: $0) }
            let takesNothing = (skeleton?.entries.isEmpty ?? true) && (proseRoot?.children.isEmpty ?? true)
            // Nothing to build from (both sections unreadable or too large): no tree, and no
            // warning about it; the operation is already partial.
            if !(takesNothing && skeleton != nil) && (skeleton != nil || proseRoot != nil) {
                op.input = builder.buildRoot(skeleton: skeleton, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.input) }
            }
            if builder.autoPopulated > 0 { log.count("boto3 auto-populated request parameters (documented, not in the syntax)", by: builder.autoPopulated) }
            log.append(contentsOf: builder.log)
            if builder.partial { op.partial = true }
            definitions += builder.definitions
        } else {
            log.endsEarly(path, line: parts.lastLine, "the page ends before its request syntax")
            op.partial = true
        }

        // Response.
        if parts.returnsNone {
            // Nothing returned.
        } else if let response = parts.response {
            var builder = RSTShapeBuilder(file: path, refPrefix: op.name + ".output", isInput: false)
            let skeleton = readSkeleton(response.syntax, heading: response.line, log: &log, partial: &op.partial)
            var proseRoot: ProseNode?
            switch response.structure {
            case .tooLarge?:
                builder.proseUnavailable = true
                op.partial = true
            case let .read(roots)?:
                proseRoot = roots.first
                if roots.count != 1 || proseRoot?.name != nil || proseRoot?.type != .dict {
                    log.warning(path, line: response.structureLine, "the response structure does not start with one \(wording.responseRoot) root")
                    op.partial = true
                    proseRoot = nil
                }
            case nil:
                log.endsEarly(path, line: parts.lastLine, "the page ends before its response structure")
                op.partial = true
            }
            if skeleton != nil || proseRoot != nil {
                op.output = builder.buildRoot(skeleton: skeleton, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.output) }
            }
            log.append(contentsOf: builder.log)
            if builder.partial { op.partial = true }
            definitions += builder.definitions
        } else if parts.request != nil {
            log.endsEarly(path, line: parts.lastLine, "the page ends before its return value (\(wording.returnsField))")
            op.partial = true
        }
        return definitions
    }

    /// Parses a syntax block; a missing, too-large or unreadable block marks the operation partial.
    private func readSkeleton(_ block: Boto3OperationParts.SyntaxBlock, heading: Int,
                              log: inout DiagnosticLog, partial: inout Bool) -> SkeletonNode? {
        switch block {
        case .missing:
            log.warning(path, line: heading, "a syntax heading without a code block")
            partial = true
            return nil
        case .tooLarge:
            partial = true
            return nil
        case let .text(bytes, range, firstLine):
            do {
                return try Self.skeletonParser.parse(bytes, range: range, firstLine: firstLine).value
            } catch {
                log.warning(path, line: error.line, "syntax block: \(error.message)")
                partial = true
                return nil
            }
        }
    }
}
