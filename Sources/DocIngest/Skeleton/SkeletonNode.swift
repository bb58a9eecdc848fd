/// One node of a syntax skeleton: the example value an API page shows for a request or a
/// response (boto3's Python literals, the AWS API Reference's JSON-like blocks).
///
/// The tree keeps what the text says, not what it means: interpreting `'A'|'B'` as an enum
/// or `number` as a numeric type is the format parser's job. Every node carries the line
/// it starts on, so a parser can point diagnostics at the page.
public struct SkeletonNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `{ key: value, ... }` (also a Python call's keyword arguments, see `call`).
        case object
        /// `[ item, ... ]`.
        case list
        /// `name(arguments)`: `datetime(2015, 1, 1)`, `EventStream({...})`,
        /// `client.describe_images(...)`. Positional arguments are `items`, keyword
        /// arguments (`Name=value`) are `entries`.
        case call(name: String)
        /// `a|b|c`: every alternative is an item (never itself an alternatives node).
        case alternatives
        /// A quoted literal, `'…'` or `"…"`, without its quotes (escapes kept as written).
        case string(String)
        /// A Python bytes literal `b'…'`, without prefix and quotes.
        case bytes(String)
        /// A numeric literal as written (`123`, `123.0`, `-1`).
        case number(String, isFloat: Bool)
        /// A bare word or run of words: `True`, `None`, `file`, `...`, `number`, `JSON value`.
        case word(String)
    }

    public var kind: Kind
    /// 1-based line of the node's first byte.
    public var line: Int
    /// `key: value` / `key=value` pairs of an object or a call, in page order.
    public var entries: [SkeletonEntry] = []
    /// List items, alternatives, positional call arguments, and bare items of an object
    /// (`{'... recursive ...'}`, `{...}`).
    public var items: [SkeletonNode] = []

    public init(kind: Kind, line: Int, entries: [SkeletonEntry] = [], items: [SkeletonNode] = []) {
        self.kind = kind
        self.line = line
        self.entries = entries
        self.items = items
    }

    /// The text of a `string` literal, nil for other kinds.
    public var stringValue: String? {
        if case let .string(s) = kind { return s }
        return nil
    }

    /// The text of a `word`, nil for other kinds.
    public var wordValue: String? {
        if case let .word(w) = kind { return w }
        return nil
    }

    /// The alternatives of this node: its items when it is an `alternatives` node, else itself.
    public var alternatives: [SkeletonNode] {
        if case .alternatives = kind { return items }
        return [self]
    }

    /// A compact rendering for messages and tests: `{'A': 'string'}` → `{'A':'string'}`.
    public var summary: String {
        switch kind {
        case .object:
            let pairs = entries.map { "\($0.key.summary):\($0.value.summary)" } + items.map(\.summary)
            return "{" + pairs.joined(separator: ",") + "}"
        case .list: return "[" + items.map(\.summary).joined(separator: ",") + "]"
        case let .call(name):
            let args = items.map(\.summary) + entries.map { "\($0.key.summary)=\($0.value.summary)" }
            return name + "(" + args.joined(separator: ",") + ")"
        case .alternatives: return items.map(\.summary).joined(separator: "|")
        case let .string(s): return "'" + s + "'"
        case let .bytes(s): return "b'" + s + "'"
        case let .number(n, _): return n
        case let .word(w): return w
        }
    }
}

/// A `key: value` pair of an object, or a `Name=value` keyword argument of a call.
public struct SkeletonEntry: Sendable, Hashable {
    public var key: SkeletonNode
    public var value: SkeletonNode
    /// True for a keyword argument (`Name=value`), false for `key: value`.
    public var isKeywordArgument: Bool

    public init(key: SkeletonNode, value: SkeletonNode, isKeywordArgument: Bool) {
        self.key = key
        self.value = value
        self.isKeywordArgument = isKeywordArgument
    }

    public var line: Int { key.line }

    /// The key's text: the quoted string, the keyword, or the bare word.
    public var keyText: String? { key.stringValue ?? key.wordValue }
}

/// A skeleton with an optional assignment in front: `response = client.f(...)`.
public struct SkeletonDocument: Sendable, Hashable {
    /// `response` in `response = client.f(...)`; nil when the block is a bare value.
    public var assignedTo: String?
    public var value: SkeletonNode
}

/// Why a skeleton could not be read, with the line where it went wrong.
public struct SkeletonError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// A closing bracket that does not match the innermost open one, or none open.
        case unbalanced
        /// An opening bracket (or quote) still open at the end of the block.
        case unclosed
        /// A character or word that no value can start with / that the dialect does not know.
        case unknownLiteral
        /// A value where a separator was expected, or text after the complete value.
        case unexpected
        /// Nothing to parse.
        case empty
    }

    public var reason: Reason
    public var line: Int
    public var message: String

    public init(_ reason: Reason, line: Int, _ message: String) {
        self.reason = reason
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
