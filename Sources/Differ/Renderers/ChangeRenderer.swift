import APIModel
import ChangeRecords
/// Turns a list of changes into bytes. Renderers know nothing about how the changes were
/// found (a model diff, a changelog page), only the changes and the two labels.
public protocol ChangeRenderer {
    func render(_ changes: [Change], old: String, new: String) -> [UInt8]
}

/// The `--format` values of `diff` and `changes`.
public enum DiffFormat: String, Sendable, CaseIterable {
    case text, json, markdown, changelog

    public var renderer: any ChangeRenderer {
        switch self {
        case .text: return TextRenderer()
        case .json: return JSONDiffRenderer()
        case .markdown: return MarkdownRenderer()
        case .changelog: return ChangelogRenderer()
        }
    }
}

/// Groups changes by service, then operation, keeping their order.
struct ChangeGroups {
    struct OperationGroup {
        var name: String?
        var changes: [Change] = []
    }
    struct ServiceGroup {
        var name: String
        var operations: [OperationGroup] = []
    }
    var services: [ServiceGroup] = []

    init(_ changes: [Change]) {
        for c in Change.stableSorted(changes) {
            if services.last?.name != c.service { services.append(ServiceGroup(name: c.service)) }
            let s = services.count - 1
            if services[s].operations.last?.name != c.operation || services[s].operations.isEmpty {
                services[s].operations.append(OperationGroup(name: c.operation))
            }
            services[s].operations[services[s].operations.count - 1].changes.append(c)
        }
    }
}

/// Counts by severity, for summary lines.
struct SeverityCounts {
    var breaking = 0, dangerous = 0, info = 0
    init(_ changes: [Change]) {
        for c in changes {
            switch c.severity {
            case .breaking: breaking += 1
            case .dangerous: dangerous += 1
            case .info: info += 1
            }
        }
    }
    var total: Int { breaking + dangerous + info }
}
