import APIModel

/// The input formats docconform reads. Detection is per file (see `FormatDetector`).
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    case modelJSON = "docconform-model"
    case botocoreJSON = "botocore-json"
    case boto3RST = "boto3-rst"
    case boto3HTML = "boto3-html"
    case boto3HTMLText = "boto3-html-text"
    case awsReferenceHTML = "aws-reference-html"
    case awsReferenceText = "aws-reference-text"
    case awsReferenceMarkdown = "aws-reference-markdown"
    case changelogText = "changelog-text"

    /// What documents of this format can state.
    public var view: FormatView {
        switch self {
        case .modelJSON, .botocoreJSON: return .full
        case .boto3RST, .boto3HTML, .boto3HTMLText, .changelogText: return .boto3
        case .awsReferenceHTML, .awsReferenceText, .awsReferenceMarkdown: return .awsReference
        }
    }

    /// Which source wins a merge conflict: the SDK model over reference pages over boto3 pages.
    public var precision: Int {
        switch self {
        case .modelJSON, .botocoreJSON: return 3
        case .awsReferenceHTML, .awsReferenceText, .awsReferenceMarkdown: return 2
        case .boto3RST, .boto3HTML, .boto3HTMLText: return 1
        case .changelogText: return 0
        }
    }
}

/// A file's content with the path it came from.
public struct SourceDocument: Sendable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

public struct IngestOptions: Sendable {
    /// Service key for sources that name no boto3 client (AWS reference pages).
    public var serviceName: String?
    /// Contradictions between sources become errors.
    public var strict = false
    /// Read descriptions (`parse --no-docs` turns this off, so the readers skip that work).
    public var includeDocumentation = true

    public init(serviceName: String? = nil, strict: Bool = false, includeDocumentation: Bool = true) {
        self.serviceName = serviceName
        self.strict = strict
        self.includeDocumentation = includeDocumentation
    }
}

/// A parser of one format. It gets every document of its format at once, because some
/// formats resolve references across files (AWS reference type pages).
public protocol FormatParser: Sendable {
    func parse(_ documents: [SourceDocument], options: IngestOptions, log: inout DiagnosticLog) -> Model
}
