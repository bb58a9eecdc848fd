import APIModel

/// Builds an operation from a rendered page's sections with the RST parser's machinery
/// (`SkeletonParser` for the syntax blocks, `RSTShapeBuilder` to reconcile them with the
/// parameter trees), following the same rules as `Boto3RSTPageParser`.
struct Boto3PageAssembler {
    let path: String
    let includeDocumentation: Bool
    /// Diagnostics count (rather than warn about) what a rendering cannot carry.
    let renderingName: String

    func assemble(_ page: Boto3PageSections, log: inout DiagnosticLog) -> Boto3RSTPageParser.Outcome {
        guard let methodLine = page.methodLine else {
            if page.wholePage {
                log.count("HTML pages without a boto3 method definition skipped (index, search, ...)")
                return .unreadable
            }
            log.warning(path, line: 1, "skipped: not a boto3 method page (no 'Client.<method>(' definition)")
            return .unreadable
        }
        guard page.requestSyntaxLine != nil || page.apiOperation != nil else {
            // A model-driven method takes `**kwargs`; a page that promises them but shows no
            // request syntax was cut short.
            if page.takesKeywordArguments {
                log.endsEarly(path, line: page.lastLine, "skipped: the page ends before its request syntax")
                return .unreadable
            }
            return .notAnOperation
        }
        let pathParts = Boto3PageLocation.serviceAndMethod(path)
        let uidService = page.apiUID.flatMap { uid -> String? in
            uid.utf8.count > 11 ? String(uid.dropLast(11)) : nil
        }
        guard let service = pathParts.service ?? uidService ?? page.className?.lowercased() else {
            log.warning(path, line: 1, "skipped: no service name in the path (<service>/client/<method>) or on the page")
            return .unreadable
        }
        let method = page.method ?? pathParts.method
        guard let operationName = page.apiOperation ?? method.map(RSTText.operationName(fromMethod:)) else {
            log.warning(path, line: methodLine, "skipped: no operation name")
            return .unreadable
        }
        if page.apiOperation == nil {
            log.count("\(renderingName) pages without the 'AWS API Documentation' link target: operation name derived from the method name")
        }
        var op = Operation(name: operationName)
        op.method = method
        op.sources = [path]
        op.deprecated = page.deprecated
        if includeDocumentation { op.documentation = page.documentation }
        op.errors = page.exceptions.map { OperationError(name: $0.name) }
        var definitions: [(String, Shape)] = []

        // Request.
        if let requestLine = page.requestSyntaxLine {
            var builder = RSTShapeBuilder(file: path, refPrefix: operationName + ".input", isInput: true)
            let skeleton = readSkeleton(page.requestSyntax, heading: requestLine, log: &log, partial: &op.partial)
            if page.parametersTooLarge { op.partial = true }
            let prose = page.parametersTooLarge ? nil : RenderedProse.nodes(page.parameters ?? [], documentation: includeDocumentation)
            if let skeleton, case .call = skeleton.kind {} else if let skeleton {
                log.warning(path, line: skeleton.line, "the request syntax is not a client method call")
                op.partial = true
                return .operation(service: service, apiVersion: Boto3PageLocation.apiVersion(uid: page.apiUID), operation: op, definitions: [])
            }
            let proseRoot = prose.map { ProseNode(name: nil, type: .dict, line: requestLine - 1, indent: 0, children: $0) }
            let takesNothing = (skeleton?.entries.isEmpty ?? true) && (proseRoot?.children.isEmpty ?? true)
            if !(takesNothing && skeleton != nil) {
                op.input = builder.buildRoot(skeleton: skeleton, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.input) }
            }
            if builder.autoPopulated > 0 { log.count("boto3 auto-populated request parameters (documented, not in the syntax)", by: builder.autoPopulated) }
            log.append(contentsOf: builder.log)
            if builder.partial { op.partial = true }
            definitions += builder.definitions
        } else {
            log.endsEarly(path, line: page.lastLine, "the page ends before its request syntax")
            op.partial = true
        }

        // Response.
        if page.returnsNone {
            // Nothing returned.
        } else if let responseLine = page.responseSyntaxLine {
            var builder = RSTShapeBuilder(file: path, refPrefix: operationName + ".output", isInput: false)
            let skeleton = readSkeleton(page.responseSyntax, heading: responseLine, log: &log, partial: &op.partial)
            var proseRoot: ProseNode?
            if page.responseStructureTooLarge {
                op.partial = true
            } else if let structureLine = page.responseStructureLine {
                let roots = RenderedProse.nodes(page.responseStructure ?? [], documentation: includeDocumentation)
                proseRoot = roots.first
                if roots.count != 1 || proseRoot?.name != nil || proseRoot?.type != .dict {
                    log.warning(path, line: structureLine, "the response structure does not start with one '(dict) –' root")
                    op.partial = true
                    proseRoot = nil
                }
            } else {
                log.endsEarly(path, line: page.lastLine, "the page ends before its response structure")
                op.partial = true
            }
            if skeleton != nil || proseRoot != nil {
                op.output = builder.buildRoot(skeleton: skeleton, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.output) }
            }
            log.append(contentsOf: builder.log)
            if builder.partial { op.partial = true }
            definitions += builder.definitions
        } else if page.requestSyntaxLine != nil {
            log.endsEarly(path, line: page.lastLine, "the page ends before its return value ('Returns:')")
            op.partial = true
        }
        return .operation(service: service, apiVersion: Boto3PageLocation.apiVersion(uid: page.apiUID), operation: op, definitions: definitions)
    }

    private func readSkeleton(_ block: Boto3PageSections.Syntax?, heading: Int,
                              log: inout DiagnosticLog, partial: inout Bool) -> SkeletonNode? {
        guard let block, block.bytes.contains(where: { $0 != 0x20 && $0 != 0x0A }) else {
            log.warning(path, line: heading, "a syntax heading without a code block")
            partial = true
            return nil
        }
        if block.tooLarge {
            partial = true
            return nil
        }
        do {
            return try Boto3RSTPageParser.skeletonParser.parse(block.bytes, firstLine: block.firstLine).value
        } catch {
            log.warning(path, line: error.line, "syntax block: \(error.message)")
            partial = true
            return nil
        }
    }
}
