import Foundation
import Testing

/// Golden files: the exact bytes a renderer writes for a committed input, kept under
/// `docs-corpus/fixtures/golden/`. A difference fails the test with a line diff;
/// `DOCCONFORM_RECORD_GOLDEN=1 swift test` writes the files instead (review them with `git diff`).
public enum Golden {
    public static let folder = Fixtures.path("golden")
    public static let recordVariable = "DOCCONFORM_RECORD_GOLDEN"

    public static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

    /// Compares `actual` with the golden file `name` (a path under the golden folder).
    public static func expect(_ actual: [UInt8], matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = folder + "/" + name
        if isRecording {
            do {
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual).write(to: url, options: .atomic)
            } catch {
                Issue.record("cannot record golden file \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            Issue.record("golden file \(name) is missing: record it with \(recordVariable)=1 swift test", sourceLocation: sourceLocation)
            return
        }
        guard [UInt8](expected) != actual else { return }
        Issue.record(Comment(rawValue: """
            output differs from the golden file \(name) (- golden, + actual); if the change is intended, \
            re-record with \(recordVariable)=1 swift test and review the git diff
            \(LineDiff.render(old: [UInt8](expected), new: actual))
            """), sourceLocation: sourceLocation)
    }

    public static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expect(Array(actual.utf8), matches: name, sourceLocation: sourceLocation)
    }
}
