import APIModel
import Foundation
import Testing
import TestSupport

@Suite struct ArrayWritingTests {
    @Test func writesWhatTheInitializerCounts() {
        let squares = [Int](writingUpTo: 5) { buffer, count in
            for k in 0..<3 { buffer[k] = k * k }
            count = 3
        }
        #expect(squares == [0, 1, 4])
    }

    @Test func noRoomGivesTheEmptyArrayWithoutCallingTheInitializer() {
        var called = false
        let none = [UInt8](writingUpTo: 0) { _, _ in called = true }
        #expect(none.isEmpty)
        #expect(!called)
    }

    /// One thread makes empty arrays (in place, and by reading an empty file's head) while the
    /// other reads empty arrays: run under ThreadSanitizer (`scripts/checks/thread_sanitizer.sh`),
    /// which reported the standard library's store into the shared empty array as a race.
    @Test func threadsMakingAndReadingEmptyArraysShareNoWrite() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let empty = dir + "/empty"
        try Data().write(to: URL(fileURLWithPath: empty))
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            var total = 0
            for round in 0..<20_000 {
                if lane == 0 {
                    total += [UInt8](writingUpTo: 0) { _, _ in }.count
                    if round % 10 == 0 {
                        // A read that fails counts too: the lane's total must stay 0.
                        let head = try? FileReading.head(atPath: empty, count: 16)
                        total += head.map { $0.bytes.count + $0.fileSize } ?? 1
                    }
                } else {
                    total += Self.count(of: [])
                }
            }
            counts.set(lane, total)
        }
        #expect(counts.values == [0, 0])
    }

    /// Read through the array's storage, as `withUnsafeBufferPointer` readers in the validator do.
    @inline(never) private static func count(of array: [UInt8]) -> Int {
        array.withUnsafeBufferPointer { $0.count }
    }

    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = [Int](repeating: -1, count: 2)
        func set(_ lane: Int, _ value: Int) { lock.withLock { stored[lane] = value } }
        var values: [Int] { lock.withLock { stored } }
    }
}
