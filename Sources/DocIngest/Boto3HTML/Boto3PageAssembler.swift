import APIModel

/// Builds an operation from a rendered page's sections (HTML or text): names it from the
/// page, then hands the request and response parts to `Boto3OperationAssembler`, which the
/// RST reader uses too.
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
        let parts = Boto3OperationParts(
            request: page.requestSyntaxLine.map { line in
                Boto3OperationParts.Request(
                    line: line, syntax: Self.syntaxBlock(page.requestSyntax),
                    parameters: page.parametersTooLarge ? .tooLarge
                        : .read(RenderedProse.nodes(page.parameters ?? [], documentation: includeDocumentation)))
            },
            returnsNone: page.returnsNone,
            response: page.returnsNone ? nil : page.responseSyntaxLine.map { line in
                Boto3OperationParts.Response(
                    line: line, syntax: Self.syntaxBlock(page.responseSyntax),
                    structure: page.responseStructureTooLarge ? .tooLarge : page.responseStructureLine.map { _ in
                        Boto3OperationParts.Bullets.read(RenderedProse.nodes(page.responseStructure ?? [], documentation: includeDocumentation))
                    },
                    structureLine: page.responseStructureLine ?? line)
            },
            lastLine: page.lastLine)
        let assembler = Boto3OperationAssembler(path: path, includeDocumentation: includeDocumentation, wording: Self.wording)
        let definitions = assembler.assemble(parts, into: &op, log: &log)
        return .operation(service: service, apiVersion: Boto3PageLocation.apiVersion(uid: page.apiUID), operation: op, definitions: definitions)
    }

    /// A rendered page's words (HTML and text alike) for the return value field and the
    /// response structure's root.
    static let wording = Boto3PageWording(returnsField: "'Returns:'", responseRoot: "'(dict) –'")

    /// A highlighted block as the assembler takes it: whitespace only reads as no block.
    private static func syntaxBlock(_ block: Boto3PageSections.Syntax?) -> Boto3OperationParts.SyntaxBlock {
        guard let block, block.bytes.contains(where: { $0 != 0x20 && $0 != 0x0A }) else { return .missing }
        if block.tooLarge { return .tooLarge }
        return .text(bytes: block.bytes, range: 0..<block.bytes.count, firstLine: block.firstLine)
    }
}
