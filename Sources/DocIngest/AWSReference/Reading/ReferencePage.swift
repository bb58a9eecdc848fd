import Foundation

/// What every rendering of an AWS API Reference page (HTML, text, markdown) is read into:
/// the same sequence of sections and entries, so that one interpreter turns all three into
/// the model. Readers only undo the rendering (tags, escapes, link syntax); they never
/// interpret fact lines.
struct ReferencePage: Sendable {
    var path: String
    /// `API_DistributeImage`, `API_streaming_AudioStream`: from the h1 anchor, else the file name.
    var pageID: String?
    /// The h1 text: the operation or data type name.
    var title: String = ""
    var titleLine: Int = 1
    /// Paragraphs between the title and the first section.
    var description: [ReferenceLine] = []
    var sections: [ReferenceSection] = []
    /// Every anchor / id seen on the page (`imagebuilder-DistributeImage-request-clientToken`).
    var anchors: [String] = []
    /// Link targets of the page (`https://docs.aws.amazon.com/goto/boto3/transcribe-2017-10-26/...`).
    var externalLinks: [String] = []
    /// The page's last line, where findings about its end point.
    var lastLine = 1
    /// What in the rendering itself shows the page was cut short (a served page without its
    /// closing tags, a code block never closed); nil when nothing does.
    var cutShort: String?
}

/// One logical line of text with its 1-based line number in the source file.
struct ReferenceLine: Sendable, Hashable {
    var text: String
    var line: Int
}

struct ReferenceSection: Sendable {
    var kind: ReferenceSectionKind
    var heading: String
    var line: Int
    /// Text outside entries, in order (`The request accepts the following data in JSON format.`).
    var paragraphs: [ReferenceLine] = []
    /// Syntax blocks (`pre` / fenced code / the text rendering's raw lines), one string per line.
    var blocks: [[ReferenceLine]] = []
    var entries: [ReferenceEntry] = []
}

/// One `dt`/`dd` pair: a parameter, element, member or error.
struct ReferenceEntry: Sendable {
    /// The `dt` text; nil when the rendering lost it (the text rendering's bare `-`).
    var name: String?
    var anchor: String?
    var line: Int
    /// The `dd` paragraphs: description first, fact lines after.
    var lines: [ReferenceLine] = []
    /// Link text → linked page id within the reference (`Media` → `API_Media`).
    var typeLinks: [String: String] = [:]
    /// The section paragraph that precedes the entry (`The response returns the following HTTP headers.`).
    var context: String?
}

enum ReferenceSectionKind: String, Sendable {
    case requestSyntax, requestParameters, requestBody, responseSyntax, responseElements
    case errors, examples, seeAlso, contents, other

    /// From a heading id (`API_DistributeImage_RequestBody`) when there is one, else from its text.
    static func classify(id: String?, heading: String) -> ReferenceSectionKind {
        if var id {
            // The part after the last `_`, compared as bytes.
            let kind: ReferenceSectionKind? = id.withUTF8 { b in
                guard let underscore = b.lastIndex(of: UInt8(ascii: "_")), let base = b.baseAddress else { return nil }
                let suffix = b.count - underscore - 1
                for (word, kind) in idSuffixes where word.utf8CodeUnitCount == suffix {
                    if memcmp(base + underscore + 1, word.utf8Start, suffix) == 0 { return kind }
                }
                return nil
            }
            if let kind { return kind }
        }
        return headingKind(heading) ?? .other
    }

    private static let idSuffixes: [(StaticString, ReferenceSectionKind)] = [
        ("RequestSyntax", .requestSyntax), ("RequestParameters", .requestParameters), ("RequestBody", .requestBody),
        ("ResponseSyntax", .responseSyntax), ("ResponseElements", .responseElements), ("Errors", .errors),
        ("Examples", .examples), ("SeeAlso", .seeAlso), ("Contents", .contents),
    ]

    /// A heading line of the text rendering; cheap for the (long) lines that are not.
    static func headingKind(_ text: String) -> ReferenceSectionKind? {
        var text = text
        return text.withUTF8 { headingKind($0) }
    }

    static func headingKind(_ bytes: UnsafeBufferPointer<UInt8>) -> ReferenceSectionKind? {
        guard bytes.count <= 22, let first = bytes.first, let base = bytes.baseAddress,
              first == UInt8(ascii: "R") || first == UInt8(ascii: "U") || first == UInt8(ascii: "E") || first == UInt8(ascii: "S")
                || first == UInt8(ascii: "C") else { return nil }
        // Compared as static bytes: `Required: No` passes the test above on thousands of lines.
        for (heading, kind) in headingBytes where heading.utf8CodeUnitCount == bytes.count {
            if memcmp(base, heading.utf8Start, bytes.count) == 0 { return kind }
        }
        return nil
    }

    /// Headings as plain text (the text rendering has no ids).
    private static let headingBytes: [(StaticString, ReferenceSectionKind)] = [
        ("Request Syntax", .requestSyntax), ("URI Request Parameters", .requestParameters), ("Request Parameters", .requestParameters),
        ("Request Body", .requestBody), ("Response Syntax", .responseSyntax), ("Response Elements", .responseElements),
        ("Errors", .errors), ("Examples", .examples), ("See Also", .seeAlso), ("Contents", .contents),
    ]

    var isSyntax: Bool { self == .requestSyntax || self == .responseSyntax }

    /// Sections whose entries are members or errors.
    var holdsEntries: Bool {
        self == .requestParameters || self == .requestBody || self == .responseElements || self == .errors || self == .contents
    }
}

/// Sentences that introduce a group of entries rather than describe one. Renderings without
/// structure (text, markdown) need them to tell where an entry ends.
enum SectionIntro {
    /// The openings, as static bytes (compared on every line of an entry).
    private static let openingBytes: [StaticString] = [
        "The following data is returned", "The response returns the following", "The request accepts the following",
        "The request uses the following", "The request does not", "If the action is successful",
        "For information about the errors", "The following parameters are for this specific action",
        "For more information about using this API", "The response does not", "The following elements are returned",
    ]

    static func isIntro(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isIntro($0) }
    }

    static func isIntro(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2, let base = bytes.baseAddress else { return false }
        // Every opening starts `Th`, `If` or `Fo`: fact lines (`Type:`) stop here.
        switch (bytes[0], bytes[1]) {
        case (UInt8(ascii: "T"), UInt8(ascii: "h")), (UInt8(ascii: "I"), UInt8(ascii: "f")), (UInt8(ascii: "F"), UInt8(ascii: "o")): break
        default: return false
        }
        for o in openingBytes where bytes.count >= o.utf8CodeUnitCount {
            if memcmp(base, o.utf8Start, o.utf8CodeUnitCount) == 0 { return true }
        }
        return false
    }
}
