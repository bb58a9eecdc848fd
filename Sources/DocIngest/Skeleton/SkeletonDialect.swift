/// The bare words and call names a skeleton syntax allows. A word or call outside the
/// dialect is an `unknownLiteral` error, so a page that shows a new kind of value is
/// reported instead of being read as something it is not.
public struct SkeletonDialect: Sendable, Hashable {
    public var words: Set<String>
    public var callNames: Set<String>
    /// Dotted call names (`client.describe_images`) are accepted whatever their name.
    public var allowsMethodCalls: Bool
    /// `Name=value` keyword arguments inside calls.
    public var allowsKeywordArguments: Bool
    /// `a or b` separates alternatives like `a|b` (boto3's s3 `CopySource='string' or {...}`).
    public var orSeparatesAlternatives: Bool

    public init(words: Set<String>, callNames: Set<String>, allowsMethodCalls: Bool, allowsKeywordArguments: Bool,
                orSeparatesAlternatives: Bool = false) {
        self.words = words
        self.callNames = callNames
        self.allowsMethodCalls = allowsMethodCalls
        self.allowsKeywordArguments = allowsKeywordArguments
        self.orSeparatesAlternatives = orSeparatesAlternatives
    }

    /// boto3's Python-literal skeletons (request and response syntax of method pages).
    public static let boto3 = SkeletonDialect(
        words: ["True", "False", "None", "file", "..."],
        callNames: ["datetime", "StreamingBody", "EventStream"],
        allowsMethodCalls: true, allowsKeywordArguments: true, orSeparatesAlternatives: true)

    /// The JSON-like request/response syntax of AWS API Reference pages.
    public static let awsReferenceJSON = SkeletonDialect(
        words: ["number", "boolean", "blob", "timestamp", "JSON value", "null", "true", "false", "..."],
        callNames: [], allowsMethodCalls: false, allowsKeywordArguments: false)

    func knowsWord(_ word: String) -> Bool { words.contains(word) }

    func knowsCall(_ name: String) -> Bool {
        callNames.contains(name) || (allowsMethodCalls && name.utf8.contains(UInt8(ascii: ".")))
    }
}
