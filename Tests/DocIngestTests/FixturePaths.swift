import Foundation

/// Locates committed fixtures from the test file's own path, so tests run from any directory.
enum FixturePaths {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static func path(_ relative: String) -> String { repositoryRoot + "/docs-corpus/fixtures/" + relative }

    static func bytes(_ relative: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path(relative))))) ?? []
    }
}
