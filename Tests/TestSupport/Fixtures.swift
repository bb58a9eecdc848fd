import Foundation

/// The one fixture locator of the tests: the repository root found from this file's path (so
/// tests run from any working directory), the committed fixtures under `docs-corpus/fixtures`,
/// and fresh temporary folders. Test targets extend it with their own domain helpers.
public enum Fixtures {
    /// The repository root: the folder of `Package.swift`, two levels above `Tests/TestSupport`.
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() } // Tests/TestSupport/Fixtures.swift → root
        return url.path
    }()

    /// `docs-corpus/fixtures`, absolute.
    public static let root = repositoryRoot + "/docs-corpus/fixtures"

    /// A path under `docs-corpus/fixtures`.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// A path under the repository root (`docs-corpus/snapshots`, `scripts/...`).
    public static func repositoryPath(_ relative: String) -> String { repositoryRoot + "/" + relative }

    /// The bytes of a fixture; a missing fixture is an error that names it, never an empty input.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        try bytes(atPath: path(relative))
    }

    /// A fixture read as UTF-8 text (invalid bytes become U+FFFD).
    public static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }

    /// The bytes of any file, for outputs the tests wrote.
    public static func bytes(atPath path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw MissingFile(path: path) }
        return [UInt8](data)
    }

    /// Any file read as UTF-8 text.
    public static func text(atPath path: String) throws -> String {
        String(decoding: try bytes(atPath: path), as: UTF8.self)
    }

    /// The names in a folder, sorted; a missing folder is an error.
    public static func contents(ofFolder path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// A new empty folder, one per call, inside this test process's own folder, which is removed
    /// when the process exits: a test run leaves nothing behind in the system's temporary folder.
    public static func temporaryDirectory() throws -> String {
        _ = removeRunFolderAtExit
        let dir = URL(fileURLWithPath: runFolder).appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    public struct MissingFile: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "cannot read \(path): missing or unreadable" }
    }
}

/// The folder under which this test process makes its temporary folders.
private let runFolder = FileManager.default.temporaryDirectory
    .appendingPathComponent("docconform-tests").appendingPathComponent("run-\(getpid())-\(UUID().uuidString)").path

/// Registered once, on the first temporary folder; `atexit` runs at the test runner's normal exit.
private let removeRunFolderAtExit: Void = {
    atexit { try? FileManager.default.removeItem(atPath: runFolder) }
}()
