import APIModel
import Foundation
import Testing
import TestSupport

@Suite struct OutputFileTests {
    private func fileType(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test func aRegularFileIsReplacedOnlyOnCommit() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let file = try OutputFile.open(path)
        file.write(Array("new".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    /// The previous file is swapped out, not rewritten: a reader that has it open reads it
    /// whole, and nothing is left beside the new one.
    @Test func aReaderOfThePreviousFileKeepsItAfterTheCommit() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.json"
        let old = [UInt8](repeating: UInt8(ascii: "o"), count: 1 << 20)
        try Data(old).write(to: URL(fileURLWithPath: path))
        let reader = try #require(FileHandle(forReadingAtPath: path))
        defer { try? reader.close() }
        try OutputFile.write([Array("new".utf8)], to: path)
        #expect(Array(try reader.readToEnd() ?? Data()) == old)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    @Test func anAbandonedOutputLeavesTheOldFileAndNoTemporary() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let file = try OutputFile.open(path)
            file.write(Array("half".utf8))
        }  // dropped without commit, as when a run fails
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.json"])
    }

    /// A device or FIFO is written in place: renaming over `/dev/null` would replace the device.
    @Test func aFIFOIsWrittenInPlaceAndStaysAFIFO() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/pipe"
        #expect(mkfifo(path, 0o600) == 0)
        let received = LockedBytes()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: path) { received.set(Array(handle.readDataToEndOfFile())) }
        }
        reader.start()
        try OutputFile.write([Array("one ".utf8), Array("two".utf8)], to: path)
        while !received.isSet { usleep(1000) }
        #expect(received.value == Array("one two".utf8))
        #expect(fileType(path) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["pipe"])
    }

    /// A pipe's buffer is raised to 1 MB, so that results written in large blocks do not wait on
    /// the reader for every 64 KB (Linux's default). What is written arrives whole.
    @Test func aPipeIsWidenedAndWrittenWhole() throws {
        #if os(Linux)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let readEnd = fds[0], writeEnd = fds[1]
        defer { close(readEnd) }
        #expect(fcntl(readEnd, 1032 /* F_GETPIPE_SZ */) == 1 << 16)
        let received = LockedBytes()
        let reader = Thread {
            let handle = FileHandle(fileDescriptor: readEnd, closeOnDealloc: false)
            received.set(Array(handle.readDataToEndOfFile()))
        }
        reader.start()
        let block = [UInt8](repeating: 0x61, count: 3 << 20)
        let file = try OutputFile.open("/proc/self/fd/\(writeEnd)")
        close(writeEnd)  // the output holds its own descriptor of the pipe
        #expect(fcntl(readEnd, 1032 /* F_GETPIPE_SZ */) == 1 << 20)
        file.write(block)
        try file.commit()
        while !received.isSet { usleep(1000) }
        #expect(received.value == block)
        #endif
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/target.json"))
        #expect(symlink(dir + "/target.json", dir + "/link.json") == 0)
        try OutputFile.write([Array("new".utf8)], to: dir + "/link.json")
        #expect(fileType(dir + "/link.json") == S_IFLNK)
        #expect(try String(contentsOfFile: dir + "/target.json", encoding: .utf8) == "new")
    }

    /// A full device: the write error is reported by commit, never dropped.
    @Test func aWriteErrorIsReported() throws {
        try #require(fileType("/dev/full") == S_IFCHR, "this test needs Linux's /dev/full")
        let file = try OutputFile.open("/dev/full")
        file.write(Array(repeating: UInt8(ascii: "x"), count: 1 << 16))
        #expect(throws: OutputFile.Failure.self) { try file.commit() }
        #expect(fileType("/dev/full") == S_IFCHR)
    }

    @Test func anUnwritableFolderFailsOnOpen() {
        #expect(throws: OutputFile.Failure.self) { _ = try OutputFile.open("/no/such/folder/out.json") }
    }
}

/// Bytes handed from the FIFO's reader thread to the test.
private final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8]?
    func set(_ value: [UInt8]) { lock.withLock { bytes = value } }
    var isSet: Bool { lock.withLock { bytes != nil } }
    var value: [UInt8] { lock.withLock { bytes ?? [] } }
}
