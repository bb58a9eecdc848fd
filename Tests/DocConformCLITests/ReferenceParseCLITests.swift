import Foundation
import Testing

/// `docconform parse` on reference pages, end to end: exit codes and diagnostics on stderr.
@Suite struct ReferenceParseCLITests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let seed = root + "/docs-corpus/fixtures/aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt"
    static let sdk = root + "/docs-corpus/fixtures/botocore-1.43.11/data/imagebuilder"

    /// Runs the built binary; nil when it has not been built (`swift build` first).
    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String)? {
        let binary = Self.root + "/.build/debug/docconform"
        guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func contradictionsAreWarningsUnlessStrict() throws {
        guard let plain = try run(["parse", Self.seed, Self.sdk, "--service", "imagebuilder", "--quiet"]) else { return }
        #expect(plain.status == 0)
        #expect(plain.stderr.contains("warning: imagebuilder.DistributeImage input clientToken: max differs"))
        let strict = try #require(try run(["parse", Self.seed, Self.sdk, "--service", "imagebuilder", "--quiet", "--strict"]))
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: imagebuilder.DistributeImage input clientToken: max differs"))
    }

    @Test func badPagesReportFileAndLine() throws {
        guard let bad = try run(["parse", Self.root + "/docs-corpus/fixtures/aws-reference/bad", "--quiet"]) else { return }
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("API_Broken.html:9: error: unreadable number"))
        let missing = try #require(try run(["parse", Self.root + "/docs-corpus/fixtures/aws-reference/no-such-folder", "--quiet"]))
        #expect(missing.status == 2)
    }
}
