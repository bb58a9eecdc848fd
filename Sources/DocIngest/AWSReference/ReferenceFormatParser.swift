import APIModel

/// AWS API Reference pages in any of their three renderings: each page is read into
/// sections and entries by its rendering's reader (in parallel), then all pages go through
/// the one interpreter together, because operation pages name types defined on other pages.
public struct ReferenceFormatParser: FormatParser {
    public enum Rendering: Sendable { case html, text, markdown }

    public let rendering: Rendering

    public init(rendering: Rendering) { self.rendering = rendering }

    public func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        let rendering = self.rendering
        let read = documents.parallelMap { document -> (ReferencePage, DiagnosticLog) in
            var local = DiagnosticLog()
            let page = Self.read(document, rendering: rendering, log: &local)
            return (page, local)
        }
        var pages: [ReferencePage] = []
        pages.reserveCapacity(read.count)
        for (page, local) in read {
            log.append(contentsOf: local)
            pages.append(page)
        }
        return Self.interpret(pages, options: options, log: &log)
    }

    static func read(_ document: SourceDocument, rendering: Rendering, log: inout DiagnosticLog) -> ReferencePage {
        switch rendering {
        case .html: return ReferenceHTMLReader.read(path: document.path, bytes: document.bytes, log: &log)
        case .text: return ReferenceTextReader.read(path: document.path, bytes: document.bytes)
        case .markdown: return ReferenceMarkdownReader.read(path: document.path, bytes: document.bytes)
        }
    }

    static func interpret(_ pages: [ReferencePage], options: IngestOptions, log: inout DiagnosticLog) -> Model {
        var interpreter = ReferenceInterpreter(options: options)
        let model = interpreter.interpret(pages)
        // Data-type pages are no operation's source, yet read into the model.
        if !interpreter.log.diagnostics.isEmpty { interpreter.log.markUsed(Set(interpreter.typePagePaths)) }
        log.append(contentsOf: interpreter.log)
        return model
    }
}
