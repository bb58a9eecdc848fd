import APIModel

/// boto3's method pages as served (Sphinx + furo HTML) or as a text-mode browser renders
/// them. Each page is read into `Boto3PageSections` and built by `Boto3PageAssembler` with
/// the RST parser's skeleton and shape logic; pages are parsed in parallel.
public struct Boto3HTMLParser: FormatParser, DocumentwiseParser {
    public enum Rendering: Sendable {
        case html, text
    }

    public let rendering: Rendering
    public var includeDocumentation: Bool

    public init(rendering: Rendering, includeDocumentation: Bool = true) {
        self.rendering = rendering
        self.includeDocumentation = includeDocumentation
    }

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        parseEach(documents, options: options, log: &log)
    }

    func read(_ document: SourceDocument, options: IngestOptions) -> ([Boto3RSTPageParser.Outcome], DiagnosticLog) {
        var local = DiagnosticLog()
        let include = includeDocumentation && options.includeDocumentation
        let outcome = Self.parsePage(document, rendering: rendering, includeDocumentation: include, log: &local)
        return ([outcome], local)
    }

    func assembly(options: IngestOptions) -> Boto3PageAssembly { Boto3PageAssembly(options: options) }

    static func parsePage(_ document: SourceDocument, rendering: Rendering, includeDocumentation: Bool,
                          log: inout DiagnosticLog) -> Boto3RSTPageParser.Outcome {
        let sections: Boto3PageSections?
        switch rendering {
        case .html: sections = Boto3HTMLReader.read(path: document.path, bytes: document.bytes, log: &log)
        case .text: sections = Boto3TextReader.read(document.bytes)
        }
        guard let sections else { return .unreadable }
        let assembler = Boto3PageAssembler(path: document.path, includeDocumentation: includeDocumentation,
                                           renderingName: rendering == .html ? "boto3 HTML" : "boto3 text")
        return assembler.assemble(sections, log: &log)
    }
}
