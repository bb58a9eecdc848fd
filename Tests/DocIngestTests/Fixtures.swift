import Foundation

/// Paths to the committed fixtures under `docs-corpus/fixtures`.
enum IngestFixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = repoRoot.appendingPathComponent("docs-corpus/fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
