import APIModel
@testable import DocIngest
import Foundation
import Testing
import TestSupport

/// What every input passes on its way in (`DocumentIntake`, `FileTree`, `FileReading`):
/// transport encodings, special files, links, odd names, sizes, and the rule for nothing
/// readable. Reproducers: ../shared/reliability/{crlf-text-pages,bom,bom-changelog,bom-ref-text,
/// empty-text,fifo-and-devzero}.
@Suite struct IntakeTests {
    /// A fresh folder, removed after the test.
    private static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-intake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private static func write(_ bytes: [UInt8], to dir: URL, _ relative: String) throws -> String {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The model without the paths it came from (a variant sits in another folder).
    private static func withoutSources(_ model: Model) -> Model {
        var model = model
        for s in model.services.keys {
            for o in model.services[s]!.operations.keys { model.services[s]!.operations[o]!.sources = [] }
        }
        return model
    }

    /// One document of every format, as (fixture, where it sits in a corpus).
    static let documents: [(String, String)] = [
        ("boto3-html/text/describe_image_builders.txt", "describe_image_builders.txt"),
        ("boto3-html/html/describe_image_builders.html", "describe_image_builders.html"),
        ("boto3-rst/boto3-rst_ec2_describe_image_references.rst", "ec2/client/describe_image_references.rst"),
        ("aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt", "aws-reference-text_imagebuilder_DistributeImage.txt"),
        ("aws-reference/generated/iam-markdown/API_AttachRolePolicy.md", "API_AttachRolePolicy.md"),
        ("aws-reference/generated/iam-html/API_AttachRolePolicy.html", "API_AttachRolePolicy.html"),
        ("changelog/seeds/changelog-text_appstream_2017-04-21.txt", "changelog-text_appstream_2017-04-21.txt"),
        ("bad-botocore/good/2020-01-01/service-2.json", "good/2020-01-01/service-2.json"),
    ]

    enum Transport: String, CaseIterable { case crlf, cr, bom, bomCRLF, utf16LE, utf16BE, utf16LENoBOM }

    static func encode(_ bytes: [UInt8], _ transport: Transport) -> [UInt8] {
        var lf = [UInt8]()
        for b in bytes where b != 0x0D { lf.append(b) }
        func lineEnds(_ replacement: [UInt8]) -> [UInt8] { lf.flatMap { $0 == 0x0A ? replacement : [$0] } }
        func utf16(_ bigEndian: Bool, bom: Bool) -> [UInt8] {
            var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for unit in String(decoding: lineEnds([0x0D, 0x0A]), as: UTF8.self).utf16 {
                let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
                out += bigEndian ? [high, low] : [low, high]
            }
            return out
        }
        switch transport {
        case .crlf: return lineEnds([0x0D, 0x0A])
        case .cr: return lineEnds([0x0D])
        case .bom: return [0xEF, 0xBB, 0xBF] + lf
        case .bomCRLF: return [0xEF, 0xBB, 0xBF] + lineEnds([0x0D, 0x0A])
        case .utf16LE: return utf16(false, bom: true)
        case .utf16BE: return utf16(true, bom: true)
        case .utf16LENoBOM: return utf16(false, bom: false)
        }
    }

    @Test(arguments: Transport.allCases)
    func transportEncodingsReadAsTheCleanDocument(_ transport: Transport) throws {
        for (fixture, place) in Self.documents {
            let bytes = try Fixtures.bytes(fixture)
            try #require(!bytes.isEmpty, "\(fixture)")
            let clean = try Self.folder(), encoded = try Self.folder()
            defer { try? FileManager.default.removeItem(at: clean); try? FileManager.default.removeItem(at: encoded) }
            _ = try Self.write(bytes, to: clean, place)
            _ = try Self.write(Self.encode(bytes, transport), to: encoded, place)
            let expected = Ingest.load(paths: [clean.path], options: IngestOptions(serviceName: "svc"))
            let got = Ingest.load(paths: [encoded.path], options: IngestOptions(serviceName: "svc"))
            try #require(expected.model.operationCount > 0, "\(fixture) unencoded: \(expected.log.diagnostics)")
            #expect(Self.withoutSources(got.model) == Self.withoutSources(expected.model), "\(fixture) as \(transport)")
            #expect(got.log.diagnostics.map(\.message) == expected.log.diagnostics.map(\.message), "\(fixture) as \(transport)")
        }
    }

    @Test func aBOMNeverReachesANameAndAChangelogPageStaysOne() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try Fixtures.bytes("changelog/seeds/changelog-text_appstream_2017-04-21.txt")
        let path = try Self.write([0xEF, 0xBB, 0xBF] + page, to: dir, "changelog-text_appstream_2017-04-21.txt")
        guard case .document(.changelogText, let bytes) = DocumentIntake.read(path) else {
            Issue.record("a changelog page with a BOM is not read as one")
            return
        }
        #expect(bytes.first != 0xEF)
        let result = Ingest.load(paths: [path])
        #expect(Array(result.model.services.keys) == ["appstream"])
        #expect(!result.model.services.values.contains { $0.operations.keys.contains { $0.unicodeScalars.first == "\u{FEFF}" } })
    }

    @Test func encodingsDocconformDoesNotReadAreErrors() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let utf32 = try Self.write([0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0], to: dir, "a/service-2.json")
        let oddUTF16 = try Self.write([0xFF, 0xFE, 0x7B, 0x00, 0x7D], to: dir, "b/notes.txt")
        let loneSurrogate = try Self.write([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], to: dir, "c/notes.txt")
        for path in [utf32, oddUTF16, loneSurrogate] {
            guard case let .unreadable(reason) = DocumentIntake.read(path) else {
                Issue.record("\(path) was not refused")
                continue
            }
            #expect(reason.contains("UTF-32") || reason.contains("UTF-16"), "\(reason)")
        }
        let result = Ingest.load(paths: [dir.path])
        #expect(result.log.errorCount == 3)
        #expect(!result.anyInputUsable)
    }

    @Test func specialFilesAreSkippedAndSaid() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try Self.write(try Fixtures.bytes("boto3-rst/boto3-rst_ec2_describe_image_references.rst"), to: dir,
                                  "ec2/client/describe_image_references.rst")
        let fifo = dir.appendingPathComponent("ec2/client/pipe.rst").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let zero = dir.appendingPathComponent("ec2/client/zero.rst").path
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        // In a folder: skipped with a warning each, the page still read (neither blocks nor fills memory).
        let result = Ingest.load(paths: [dir.path])
        #expect(result.model.operationCount == 1)
        #expect(result.log.errorCount == 0)
        let warned = result.log.diagnostics.filter { $0.severity == .warning }.map(\.file)
        #expect(Set(warned) == [fifo, zero])
        #expect(result.log.diagnostics.contains { $0.message.contains("not a regular file (a FIFO)") })
        // Named on the command line: an error.
        let named = Ingest.load(paths: [fifo, zero, page])
        #expect(named.log.errorCount == 2)
        #expect(named.model.operationCount == 1)
        #expect(throws: FileReadError.self) { try FileReading.bytes(atPath: "/dev/zero") }
    }

    @Test func aFolderReachedTwiceThroughLinksIsReadOnce() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.write(try Fixtures.bytes("boto3-rst/boto3-rst_ec2_describe_image_references.rst"), to: dir,
                           "ec2/client/describe_image_references.rst")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("ec2/client/loop").path, withDestinationPath: "..")
        let listing = FileTree.list([dir.path])
        #expect(listing.files.count == 1)
        #expect(listing.log.warningCount == 1)
        #expect(listing.log.diagnostics.first?.message.contains("already read") == true)
    }

    @Test func namesThatAreNotUTF8AreRead() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try Fixtures.bytes("boto3-rst/boto3-rst_ec2_describe_image_references.rst")
        // ec2/client/describe_image_references\xff.rst, created through the raw bytes.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ec2/client"), withIntermediateDirectories: true)
        var raw = Array((dir.path + "/ec2/client/describe_image_references").utf8) + [0xFF] + Array(".rst".utf8)
        raw.append(0)
        let fd = raw.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { Glibc.open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) } }
        #expect(fd >= 0)
        _ = page.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        let result = Ingest.load(paths: [dir.path])
        #expect(result.log.errorCount == 0, "\(result.log.diagnostics)")
        #expect(result.model.operationCount == 1)
        let source = try #require(result.model.services.values.first?.operations.values.first?.sources.first)
        #expect(FileSystemPath.withPlatformPath(source) { strlen($0) } == raw.count - 1)
    }

    @Test func oneInputMayCostOnlySoMuch() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write([UInt8](repeating: 0x61, count: 200), to: dir, "big.txt")
        #expect(throws: FileReadError.self) { try FileReading.bytes(atPath: path, limit: 100) }
        #expect(try FileReading.bytes(atPath: path, limit: 200).count == 200)
        // A gzip bomb is refused by what it inflates to, not by its size.
        let gz = try Fixtures.bytes("botocore-1.43.11/data/lambda/2015-03-31/service-2.json.gz")
        let inflated = try Gzip.decompress(gz)
        #expect(throws: GzipError.self) { try Gzip.decompress(gz, limit: inflated.count - 1) }
        #expect(try Gzip.decompress(gz, limit: inflated.count) == inflated)
    }

    @Test(arguments: [
        ("notes.txt", Array("just some notes\nnothing to see\n".utf8)),
        ("ec2/client/empty.rst", []),
        ("empty.json", []),
        ("page.html", []),
        ("junk.txt", (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
        ("service-2.json", Array(#"{"metadata":{},"operations":{},"shapes":{}}"#.utf8)),
    ])
    func nothingReadableIsNotUsable(name: String, bytes: [UInt8]) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write(bytes, to: dir, name)
        let result = Ingest.load(paths: [path])
        #expect(!result.anyInputUsable, "\(name): \(result.log.diagnostics)")
    }

    @Test func anEmptyModelFileIsStillAModel() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.write(Array(#"{"format":"docconform.model/1","services":{}}"#.utf8), to: dir, "model.json")
        #expect(Ingest.load(paths: [path]).anyInputUsable)
    }

    @Test func whetherASnapshotIsSafeToCompareIsData() throws {
        let fine = Ingest.load(paths: [Fixtures.path("differ/boto3-rst-1.5.42")])
        #expect(fine.incompleteness.isEmpty, "\(fine.incompleteness)")
        let truncated = Ingest.load(paths: [Fixtures.path("differ/bad/rst-truncated")])
        #expect(truncated.incompleteness.contains { $0.contains("end early") }, "\(truncated.incompleteness)")
        let notAPage = Ingest.load(paths: [Fixtures.path("differ/bad/rst-not-a-page")])
        #expect(notAPage.incompleteness.contains { $0.contains("could not be read") }, "\(notAPage.incompleteness)")
        let broken = Ingest.load(paths: [Fixtures.path("differ/bad/broken-snapshot")])
        #expect(broken.incompleteness.contains { $0.contains("error(s) while reading") }, "\(broken.incompleteness)")
    }
}
