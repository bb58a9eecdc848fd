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

    let path: String
    let includeDocumentation: Bool

    /// The operations of a page: one for a method page, every client method's for a service page.
    func parse(_ bytes: [UInt8], log: inout DiagnosticLog) -> [Outcome] {
        let page = TextLines(bytes)
        // boto3 ends a page with a newline, trailing indentation, or `:returns: None`; other
        // text on an unterminated last line means the file was cut.
        let endsMidLine = page.count > 0 && bytes.last != 0x0A && page.indent(page.count - 1) != nil
            && !page.bytes[page.contentStart(page.count - 1)..<page.range(page.count - 1).upperBound].elementsEqual(":returns: None".utf8)
        if endsMidLine {
            log.endsEarly(path, line: page.count, "the page ends in the middle of a line (truncated?)")
        }
        let client = RSTClientMethods(page)
        guard client.isServicePage else {
            let layout = RSTPageLayout(page, lines: 0..<page.count, breadcrumb: true)
            return [method(layout, page: page, lastLine: page.count, endsMidLine: endsMidLine, client: client, log: &log)]
        }
        if client.methods.isEmpty {
            log.warning(path, line: 1, "skipped: a boto3 service page whose client class shows no '.. py:method::'")
            return [.unreadable]
        }
        for line in client.misplaced {
            log.warning(path, line: line + 1, "a '.. py:method::' inside the client class that is not one of its methods (indented differently); not read")
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(client.methods.count)
        var unlinked = 0
        for (k, lines) in client.methods.enumerated() {
            let layout = RSTPageLayout(page, lines: lines, breadcrumb: false)
            if layout.apiOperation == nil, layout.requestSyntaxLine != nil { unlinked += 1 }
            let last = k == client.methods.count - 1
            outcomes.append(method(layout, page: page, lastLine: lines.upperBound, endsMidLine: endsMidLine && last, client: client, log: &log))
        }
        // boto3 wrote no "AWS API Documentation" link before 2017: a whole era of pages, not a damaged one.
        if unlinked > 0 {
            log.count("boto3 service-page methods without an 'AWS API Documentation' link: operation names derived from method names", by: unlinked)
        }
        return outcomes
    }

    /// The operation of one method, laid out in `layout`; `lastLine` (1-based) is its last line.
    private func method(_ layout: RSTPageLayout, page: TextLines, lastLine: Int, endsMidLine: Bool,
                        client: RSTClientMethods, log: inout DiagnosticLog) -> Outcome {
        guard let methodLine = layout.methodLine else {
            log.warning(path, line: 1, "skipped: not a boto3 method page (no '.. py:method::' line)")
            return .unreadable
        }
        guard layout.requestSyntaxLine != nil || layout.apiOperation != nil else {
            // A model-driven method takes `**kwargs`; a page that promises them but shows no
            // request syntax was cut short.
            if page.find("(**kwargs)", in: page.range(methodLine)) != nil {
                log.endsEarly(path, line: lastLine, "skipped: the page ends before its request syntax")
                return .unreadable
            }
            return endsMidLine ? .unreadable : .notAnOperation
        }
        let pathParts = Boto3PageLocation.serviceAndMethod(path)
        guard let service = client.clientService ?? layout.breadcrumbService ?? pathParts.service else {
            log.warning(path, line: 1, "skipped: no service name in the breadcrumb, the client example or the path (<service>/client/<method>.rst)")
            return .unreadable
        }
        let method = layout.breadcrumbMethod ?? (client.isServicePage ? layout.methodName(page) : pathParts.method ?? layout.methodName(page))
        guard let operationName = layout.apiOperation ?? method.map(RSTText.operationName(fromMethod:)) else {
            log.warning(path, line: methodLine + 1, "skipped: no operation name")
            return .unreadable
        }
        if layout.apiOperation == nil, !client.isServicePage {
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
        let parts = Boto3OperationParts(
            request: layout.requestSyntaxLine.map { line in
                Boto3OperationParts.Request(line: line + 1, syntax: Self.syntaxBlock(layout.requestSyntax, page: page),
                      parameters: layout.requestParamsTooLarge ? .tooLarge
                          : .read(RSTProseTree.parse(page, lines: layout.requestParams, documentation: includeDocumentation)))
            },
            returnsNone: layout.returnsNone,
            response: layout.returnsNone ? nil : layout.responseSyntaxLine.map { line in
                Boto3OperationParts.Response(line: line + 1, syntax: Self.syntaxBlock(layout.responseSyntax, page: page),
                      structure: layout.responseStructureTooLarge ? .tooLarge : layout.responseStructureLine.map { _ in
                          Boto3OperationParts.Bullets.read(RSTProseTree.parse(page, lines: layout.responseStructure, documentation: includeDocumentation))
                      },
                      structureLine: (layout.responseStructureLine ?? line) + 1)
            },
            lastLine: lastLine)
        let assembler = Boto3OperationAssembler(path: path, includeDocumentation: includeDocumentation, wording: Self.wording)
        let definitions = assembler.assemble(parts, into: &op, log: &log)
        return .operation(service: service, apiVersion: Boto3PageLocation.apiVersion(uid: layout.apiUID), operation: op, definitions: definitions)
    }

    /// The RST page's words for the return value field and the response structure's root.
    static let wording = Boto3PageWording(returnsField: "':returns:'", responseRoot: "'- *(dict) --*'")

    /// A code block (0-based lines) as the assembler takes it.
    private static func syntaxBlock(_ block: RSTPageLayout.CodeBlock?, page: TextLines) -> Boto3OperationParts.SyntaxBlock {
        guard let block, !block.lines.isEmpty else { return .missing }
        if block.tooLarge { return .tooLarge }
        let range = page.starts[block.lines.lowerBound]..<page.range(block.lines.upperBound - 1).upperBound
        return .text(bytes: page.bytes, range: range, firstLine: block.lines.lowerBound + 1)
    }
}
