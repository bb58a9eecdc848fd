/// The request and response parts of a boto3 method page, as a format's reader found them
/// (RST, HTML, text), in terms of no format: syntax blocks not yet parsed, bullet trees
/// already read into `ProseNode`s, boto3's "too large to render" notes, and the 1-based
/// lines to report at. `Boto3OperationAssembler` builds the operation's trees from it.
struct Boto3OperationParts {
    /// A syntax block under its heading.
    enum SyntaxBlock {
        /// The heading has no code block under it.
        case missing
        /// boto3's "# This section is too large to render." placeholder.
        case tooLarge
        /// The block is `bytes[range]`; its first byte is on `firstLine` (1-based).
        case text(bytes: [UInt8], range: Range<Int>, firstLine: Int)
    }

    /// A bullet tree: the request's parameters, the response's structure.
    enum Bullets {
        /// boto3's "too large to render" note stands in for it.
        case tooLarge
        /// Its top-level nodes.
        case read([ProseNode])
    }

    struct Request {
        /// 1-based line of the "Request Syntax" heading (also the line of the parameters' root).
        var line: Int
        var syntax: SyntaxBlock
        /// A page without parameters reads as `.read([])`.
        var parameters: Bullets
    }

    struct Response {
        /// 1-based line of the "Response Syntax" heading.
        var line: Int
        var syntax: SyntaxBlock
        /// nil when the page ends before its response structure.
        var structure: Bullets?
        /// 1-based line a response structure without one dict root is reported at.
        var structureLine: Int
    }

    /// nil when the page ends before its request syntax.
    var request: Request?
    /// The method returns `None`: the page shows no response.
    var returnsNone: Bool
    /// nil when the page shows no response syntax heading.
    var response: Response?
    /// 1-based number of the page's last line, where "the page ends before ..." is reported.
    var lastLine: Int
}

/// A format's own words in the assembler's messages.
struct Boto3PageWording {
    /// The field of the return value: `':returns:'`, `'Returns:'`.
    let returnsField: String
    /// The response structure's one root as the format writes it: `'- *(dict) --*'`, `'(dict) –'`.
    let responseRoot: String
}
