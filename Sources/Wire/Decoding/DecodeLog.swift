import APIModel
import Conformance

/// Where a decoder is in the canonical document, and what it found wrong on the wire.
/// Paths are the validator's (`Items[0].Tags["k"]`), so a decoder's issue and the checker's
/// issue about the same value name the same place.
final class DecodeLog {
    enum Part {
        case member(String)
        case index(Int)
        case key(String)
        /// A map key as a JSON string literal in the body being read (quotes and escapes
        /// included): decoded only when a path is rendered, which happens while the body is read.
        case quotedKey(UnsafeBufferPointer<UInt8>)
    }

    // Decoders push and pop a part per value: no dynamic exclusivity checks on these.
    @exclusivity(unchecked) private(set) var issues: [ValidationIssue] = []
    @exclusivity(unchecked) private var parts: [Part] = []
    /// Paths whose `type` complaint from the checker is wrong: values the wire can carry and
    /// JSON cannot (`NaN`, `Infinity` floats), kept as strings in the document.
    @exclusivity(unchecked) private(set) var acceptedAsIs: Set<String> = []

    /// Where the log stands: what `rollback` returns to.
    struct Mark {
        fileprivate let issues: Int
        fileprivate let parts: Int
        fileprivate let accepted: Set<String>
    }

    var mark: Mark { Mark(issues: issues.count, parts: parts.count, accepted: acceptedAsIs) }

    /// Forgets what was logged since `mark` (a body that turned out not to be readable at all).
    func rollback(to mark: Mark) {
        issues.removeLast(issues.count - mark.issues)
        parts.removeLast(parts.count - mark.parts)
        acceptedAsIs = mark.accepted
    }

    func push(_ part: Part) { parts.append(part) }
    func pop() { parts.removeLast() }

    func at<R>(_ part: Part, _ body: () -> R) -> R {
        parts.append(part)
        defer { parts.removeLast() }
        return body()
    }

    func report(_ code: IssueCode, _ message: String) {
        issues.append(ValidationIssue(path: path, code: code, message: message))
    }

    /// An issue about a wire place that is no member (`header X-Foo`, `query bar`, `uri`).
    func report(_ code: IssueCode, at place: String, _ message: String) {
        issues.append(ValidationIssue(path: place, code: code, message: message))
    }

    func acceptAsIs() { acceptedAsIs.insert(path) }

    var path: String { Self.render(parts) }

    static func render(_ parts: [Part]) -> String {
        var out = ""
        for p in parts {
            switch p {
            case let .member(name):
                if !out.isEmpty { out += "." }
                out += name
            case let .index(i): out += "[\(i)]"
            case let .key(k): out += "[" + quoted(k) + "]"
            case let .quotedKey(raw): out += "[" + quoted((try? JSONParser.parse(Array(raw)))?.stringValue ?? String(decoding: raw, as: UTF8.self)) + "]"
            }
        }
        return out
    }

    static func quoted(_ s: String) -> String {
        var w = JSONWriter(pretty: false, reserve: s.utf8.count + 2)
        w.string(s)
        return w.string
    }

    /// A value for messages: quoted, cut to 60 characters.
    static func display(_ s: String) -> String {
        quoted(s.count > 60 ? String(s.prefix(60)) + "…" : s)
    }
}
