@testable import APIModel
import Foundation
import Testing
import TestSupport

/// A model file's index kept in a cache folder (`validate --plan-cache`): taken instead of a
/// scan while the file is as it was indexed, scanned again (and kept again) once it changed,
/// and passed over with a warning when damaged.
@Suite struct ModelIndexCacheTests {
    private func modelFile() throws -> String {
        let path = try Fixtures.temporaryDirectory() + "/model.json"
        try Data(ModelWriter(includeDocumentation: false, pretty: true).bytes(of: try Fixtures.sampleModel())).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func index(_ model: String, _ folder: String, _ log: inout DiagnosticLog) throws -> ServiceCatalog {
        ServiceCatalog(indexes: [try #require(ModelFileIndex.index(path: model, includeDocumentation: false, cacheFolder: folder, log: &log))])
    }

    private func indexFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".dcindex") }
    }

    @Test func aKeptIndexIsTakenWhileTheFileIsUnchanged() throws {
        let model = try modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/cache"
        var log = DiagnosticLog()
        let scanned = try index(model, folder, &log)
        #expect(indexFiles(folder).count == 1)
        let kept = try #require(ModelIndexCache.read(model: model, folder: folder, log: &log))
        #expect(kept.services.map(\.entry) == Array(scanned.entries.values))
        // The second run reads services through the kept index as the first did.
        let warm = try index(model, folder, &log)
        #expect(warm.entries == scanned.entries)
        for name in scanned.entries.keys { #expect(warm.service(name) == scanned.service(name), "\(name)") }

        // Proof that the index, not a scan, answers: an index naming one more service (written
        // for the file as it is) lists it.
        var extra = kept.services
        var fake = ServiceEntry(name: "zz-kept-only")
        fake.title = "from the index"
        extra.append(.init(entry: fake, start: kept.services[0].start, end: kept.services[0].end))
        ModelIndexCache.write(extra, model: model, identity: CacheFolder.stamp(model, changeTime: true), folder: folder, log: &log)
        #expect(try index(model, folder, &log).entries["zz-kept-only"]?.title == "from the index")
        #expect(log.diagnostics.isEmpty)
    }

    /// Touched, replaced or edited: another state of the file, whose index is not the kept one.
    @Test func aChangedFileIsScannedAgainAndItsIndexKept() throws {
        let model = try modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/cache"
        var log = DiagnosticLog()
        _ = try index(model, folder, &log)
        var withFewer = try Fixtures.sampleModel()
        let dropped = try #require(withFewer.services.keys.first)
        withFewer.services[dropped] = nil
        try Data(ModelWriter(includeDocumentation: false, pretty: false).bytes(of: withFewer)).write(to: URL(fileURLWithPath: model))
        #expect(ModelIndexCache.read(model: model, folder: folder, log: &log) == nil)
        let rescanned = try index(model, folder, &log)
        #expect(rescanned.entries[dropped] == nil && rescanned.entries.count == Fixtures.sampleServices.count - 1)
        #expect(try #require(ModelIndexCache.read(model: model, folder: folder, log: &log)).services.count == rescanned.entries.count)
        #expect(indexFiles(folder).count == 1, "one index per model file path")
        #expect(log.diagnostics.isEmpty)
    }

    @Test(arguments: ["a byte flipped", "cut short", "a range outside the file", "a FIFO"])
    func aDamagedIndexIsPassedOverWithAWarning(damage: String) throws {
        let model = try modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/cache"
        var log = DiagnosticLog()
        let scanned = try index(model, folder, &log)
        let path = ModelIndexCache.file(for: model, in: folder)
        var bytes = try FileReading.bytes(atPath: path)
        switch damage {
        case "a byte flipped": bytes[bytes.count / 2] ^= 0x20
        case "cut short": bytes.removeLast(bytes.count / 3)
        case "a range outside the file":
            // The last service's end (before the checksum), the checksum made again.
            let at = bytes.count - 16
            withUnsafeBytes(of: Int64(1 << 40).littleEndian) { bytes.replaceSubrange(at..<at + 8, with: $0) }
            let sum = bytes[..<(bytes.count - 8)].withUnsafeBytes { ByteChecksum.of($0) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..., with: $0) }
        default: break
        }
        if damage == "a FIFO" {
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o644) == 0)
        } else {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let again = try index(model, folder, &log)
        #expect(again.entries == scanned.entries)
        let warnings = log.diagnostics.map(\.description)
        #expect(warnings.first?.contains("model index ignored") == true, "\(warnings)")
        if damage == "a range outside the file" { #expect(warnings.first?.contains("byte range") == true, "\(warnings)") }
        if damage == "a FIFO" {
            #expect(warnings.count == 2 && warnings[1].contains("model index not kept: not a regular file"), "\(warnings)")
        } else {
            // Kept again after the scan: the next run takes it without a word.
            var next = DiagnosticLog()
            #expect(ModelIndexCache.read(model: model, folder: folder, log: &next) != nil)
            #expect(next.diagnostics.isEmpty)
        }
    }
}
