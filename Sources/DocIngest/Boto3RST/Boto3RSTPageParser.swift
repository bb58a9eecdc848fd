import APIModel

/// Reads one boto3 client method page (`<service>/client/<method>.rst`) into an operation.
struct Boto3RSTPageParser {
    enum Outcome {
        case operation(service: String, apiVersion: String?, operation: Operation, definitions: [(String, Shape)])
        /// A page of a method that is no API operation (`can_paginate`, `get_waiter`, `upload_file`, ...).
        case notAnOperation
        /// Not a boto3 method page at all, or too damaged to name its operation (diagnosed).
        case unreadable
    }

    static let skeletonParser = SkeletonParser(dialect: .boto3)

    let path: String
    let includeDocumentation: Bool

    func parse(_ bytes: [UInt8], log: inout DiagnosticLog) -> Outcome {
        let page = RSTLines(bytes)
        let layout = RSTPageLayout(page)
        // boto3 ends a page with a newline, trailing indentation, or `:returns: None`; other
        // text on an unterminated last line means the file was cut.
        let endsMidLine = page.count > 0 && bytes.last != 0x0A && page.indent(page.count - 1) != nil
            && !page.bytes[page.contentStart(page.count - 1)..<page.range(page.count - 1).upperBound].elementsEqual(":returns: None".utf8)
        if endsMidLine {
            log.endsEarly(path, line: page.count, "the page ends in the middle of a line (truncated?)")
        }
        guard let methodLine = layout.methodLine else {
            log.warning(path, line: 1, "skipped: not a boto3 method page (no '.. py:method::' line)")
            return .unreadable
        }
        guard layout.requestSyntaxLine != nil || layout.apiOperation != nil else {
            // A model-driven method takes `**kwargs`; a page that promises them but shows no
            // request syntax was cut short.
            if page.find("(**kwargs)", in: page.range(methodLine)) != nil {
                log.endsEarly(path, line: page.count, "skipped: the page ends before its request syntax")
                return .unreadable
            }
            return endsMidLine ? .unreadable : .notAnOperation
        }
        let pathParts = Boto3PageLocation.serviceAndMethod(path)
        guard let service = layout.breadcrumbService ?? pathParts.service else {
            log.warning(path, line: 1, "skipped: no service name in the breadcrumb or the path (<service>/client/<method>.rst)")
            return .unreadable
        }
        let method = layout.breadcrumbMethod ?? pathParts.method
        guard let operationName = layout.apiOperation ?? method.map(RSTText.operationName(fromMethod:)) else {
            log.warning(path, line: methodLine + 1, "skipped: no operation name")
            return .unreadable
        }
        if layout.apiOperation == nil {
            log.warning(path, line: methodLine + 1, "no 'AWS API Documentation' link: operation name \(operationName) derived from the method name")
        }
        var op = Operation(name: operationName)
        op.method = method
        op.sources = [path]
        op.deprecated = layout.deprecated
        if includeDocumentation { op.documentation = RSTText.paragraphs(page, lines: layout.introLines) }
        op.errors = layout.exceptions.map { OperationError(name: $0.name) }
        for line in layout.damagedExceptions {
            log.warning(path, line: line + 1, "an exception entry that is cut short")
        }
        var definitions: [(String, Shape)] = []

        // Request.
        if let requestLine = layout.requestSyntaxLine {
            var builder = RSTShapeBuilder(file: path, refPrefix: operationName + ".input", isInput: true)
            builder.proseUnavailable = layout.requestParamsTooLarge
            let skeleton = readSkeleton(layout.requestSyntax, page: page, heading: requestLine, log: &log, partial: &op.partial)
            let prose = layout.requestParamsTooLarge ? nil : RSTProseTree.parse(page, lines: layout.requestParams, documentation: includeDocumentation)
            if layout.requestParamsTooLarge { op.partial = true }
            var root: SkeletonNode?
            if let skeleton {
                guard case .call = skeleton.kind else {
                    log.warning(path, line: skeleton.line, "the request syntax is not a client method call")
                    op.partial = true
                    return .operation(service: service, apiVersion: Boto3PageLocation.apiVersion(uid: layout.apiUID), operation: op, definitions: [])
                }
                root = skeleton
            }
            let proseRoot = prose.map { ProseNode(name: nil, type: .dict, line: requestLine, indent: 0, children: $0) }
            let takesNothing = (root?.entries.isEmpty ?? true) && (proseRoot?.children.isEmpty ?? true)
            if !(takesNothing && root != nil) && (root != nil || proseRoot != nil) {
                op.input = builder.buildRoot(skeleton: root, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.input) }
            }
            if builder.autoPopulated > 0 { log.count("boto3 auto-populated request parameters (documented, not in the syntax)", by: builder.autoPopulated) }
            log.append(contentsOf: builder.log)
            if builder.partial { op.partial = true }
            definitions += builder.definitions
        } else {
            log.endsEarly(path, line: page.count, "the page ends before its request syntax")
            op.partial = true
        }

        // Response.
        if layout.returnsNone {
            // Nothing returned.
        } else if let responseLine = layout.responseSyntaxLine {
            var builder = RSTShapeBuilder(file: path, refPrefix: operationName + ".output", isInput: false)
            builder.proseUnavailable = layout.responseStructureTooLarge
            let skeleton = readSkeleton(layout.responseSyntax, page: page, heading: responseLine, log: &log, partial: &op.partial)
            var proseRoot: ProseNode?
            if layout.responseStructureTooLarge {
                op.partial = true
            } else if layout.responseStructureLine != nil {
                let roots = RSTProseTree.parse(page, lines: layout.responseStructure, documentation: includeDocumentation)
                proseRoot = roots.first
                if roots.count != 1 || proseRoot?.name != nil || proseRoot?.type != .dict {
                    log.warning(path, line: (layout.responseStructureLine ?? responseLine) + 1, "the response structure does not start with one '- *(dict) --*' root")
                    op.partial = true
                    proseRoot = nil
                }
            } else {
                log.endsEarly(path, line: page.count, "the page ends before its response structure")
                op.partial = true
            }
            if skeleton != nil || proseRoot != nil {
                op.output = builder.buildRoot(skeleton: skeleton, prose: proseRoot)
                if includeDocumentation { ProseDocumentation.attach(proseRoot, to: &op.output) }
            }
            log.append(contentsOf: builder.log)
            if builder.partial { op.partial = true }
            definitions += builder.definitions
        } else if layout.requestSyntaxLine != nil {
            log.endsEarly(path, line: page.count, "the page ends before its return value (':returns:')")
            op.partial = true
        }
        return .operation(service: service, apiVersion: Boto3PageLocation.apiVersion(uid: layout.apiUID), operation: op, definitions: definitions)
    }

    /// Parses a code block; a too-large or unreadable block marks the operation partial.
    private func readSkeleton(_ block: RSTPageLayout.CodeBlock?, page: RSTLines, heading: Int,
                              log: inout DiagnosticLog, partial: inout Bool) -> SkeletonNode? {
        guard let block, !block.lines.isEmpty else {
            log.warning(path, line: heading + 1, "a syntax heading without a code block")
            partial = true
            return nil
        }
        if block.tooLarge {
            partial = true
            return nil
        }
        let range = page.starts[block.lines.lowerBound]..<page.range(block.lines.upperBound - 1).upperBound
        do {
            return try Self.skeletonParser.parse(page.bytes, range: range, firstLine: block.lines.lowerBound + 1).value
        } catch {
            log.warning(path, line: error.line, "syntax block: \(error.message)")
            partial = true
            return nil
        }
    }
}
