import APIModel
import ChangeRecords

/// The two renderings of the API changelog pages seen so far.
public enum ChangelogLayout: String, Sendable {
    /// Syntax on one line, bare type lines and `[REQUIRED]` lines, no operation headings,
    /// change dicts glued to the next word (`{...}Response`).
    case compact
    /// `Name (updated) Link ¶` headings, `Changes (response)` labels, indented syntax,
    /// `type X` / `param X` blocks and bullet trees.
    case expanded
}

/// What one changelog page (one day's changes of one service) states.
public struct ChangelogPage: Sendable {
    public var path: String
    public var layout: ChangelogLayout?
    /// `2017-04-21`
    public var date: String?
    /// `Amazon AppStream`, as the heading names the service.
    public var serviceTitle: String?
    /// The service key the model and the changes use.
    public var service: String
    public var newOperationCount: Int?
    public var updatedOperationCount: Int?
    /// The "Changes" prose under the heading.
    public var summary: String?
    /// Operations in page order.
    public var operations: [ChangelogOperation] = []
    /// The changes the page states, resolved against the documented syntax.
    public var changes: [Change] = []
    /// The operations the page documents (a partial model: other operations are unknown).
    public var model: Model

    public init(path: String, service: String) {
        self.path = path
        self.service = service
        self.model = Model()
    }
}

/// One operation section of a page.
public struct ChangelogOperation: Sendable {
    public enum Status: String, Sendable { case new, updated }
    public var name: String
    public var method: String?
    public var status: Status?
    /// 1-based line where the section starts.
    public var line: Int
    /// Directions the page labels (`Changes (request|response|both)`), when it labels them.
    public var labelledDirections: Set<Direction>?
}
