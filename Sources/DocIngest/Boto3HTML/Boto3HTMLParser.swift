import APIModel

/// boto3's method pages as served (Sphinx + furo HTML) or as a text-mode browser renders
/// them. Each page is read into `Boto3PageSections` and built by `Boto3PageAssembler` with
/// the RST parser's skeleton and shape logic; pages are parsed in parallel.
public struct Boto3HTMLParser: FormatParser {
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
        let rendering = self.rendering
        let include = includeDocumentation && options.includeDocumentation
        let results = documents.parallelMap { document -> ([Boto3RSTPageParser.Outcome], DiagnosticLog) in
            var local = DiagnosticLog()
            let outcome = Self.parsePage(document, rendering: rendering, includeDocumentation: include, log: &local)
            return ([outcome], local)
        }
        return Boto3RSTParser.model(from: results, options: options, log: &log)
    }

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
