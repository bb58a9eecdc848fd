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
    }

    private(set) var issues: [ValidationIssue] = []
    private var parts: [Part] = []
    /// Paths whose `type` complaint from the checker is wrong: values the wire can carry and
    /// JSON cannot (`NaN`, `Infinity` floats), kept as strings in the document.
    private(set) var acceptedAsIs: Set<String> = []

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
