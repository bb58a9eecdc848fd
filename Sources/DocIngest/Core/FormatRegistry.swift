/// The parser of each format: every detected format has one (a new format cannot be added
/// without it, the switch being exhaustive).
public enum FormatRegistry {
    public static func parser(for format: DocumentFormat) -> any FormatParser {
        switch format {
        case .modelJSON: return ModelFileParser()
        case .botocoreJSON: return BotocoreFormatParser()
        case .boto3RST: return Boto3RSTParser()
        case .boto3HTML: return Boto3HTMLParser(rendering: .html)
        case .boto3HTMLText: return Boto3HTMLParser(rendering: .text)
        case .awsReferenceHTML: return ReferenceFormatParser(rendering: .html)
        case .awsReferenceText: return ReferenceFormatParser(rendering: .text)
        case .awsReferenceMarkdown: return ReferenceFormatParser(rendering: .markdown)
        case .changelogText: return ChangelogFormatParser()
        }
    }
}
