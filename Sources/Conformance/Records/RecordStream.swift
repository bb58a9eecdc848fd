import APIModel
import Foundation

/// A stream of JSON Lines records from a file descriptor: a `.jsonl` file or standard input
/// (`validate -`). Read in fixed-size chunks, so memory stays flat however many records
/// come; a line longer than the buffer grows it.
enum RecordStream {
    /// What stopped a stream short: the `errno` of a failed read and the line it was reading.
    struct ReadFailure: Error {
        var errno: Int32
        var line: Int
        var message: String { String(cString: strerror(errno)) }
        /// A line longer than one input may be (`FileReading.maximumBytes`): /dev/zero, say.
        static func lineTooLong(_ line: Int) -> ReadFailure { ReadFailure(errno: EFBIG, line: line) }
    }

    /// Hands every line (without its newline; a final line without one too) to `line` with its
    /// 1-based number. `beforeRead`, when given, runs before each read: a read from a pipe may
    /// wait for its producer, so that is where a caller hands on what it has (every complete
    /// line read so far has been handed over by then).
    @inline(__always)
    static func read(fd: Int32, chunkSize: Int, beforeRead: (() -> Void)?,
                     line: (UnsafeMutablePointer<UInt8>, _ count: Int, _ number: Int) -> Void) throws(ReadFailure) {
        var capacity = max(chunkSize, 1)
        // malloc/realloc: growing a large block moves its pages instead of copying them, so a
        // line of 1 GB costs about 1 GB, not the old buffer plus the new one.
        var buffer = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        defer { free(buffer) }
        var filled = 0
        var lineNumber = 1
        var eof = false
        while true {
            if !eof && filled < capacity {
                if let beforeRead { beforeRead() }
                var n: Int
                repeat { n = Foundation.read(fd, buffer + filled, capacity - filled) } while n < 0 && errno == EINTR
                if n < 0 { throw ReadFailure(errno: errno, line: lineNumber) }
                if n == 0 { eof = true } else { filled += n }
            }
            var start = 0
            while start < filled {
                let rest = UnsafeRawPointer(buffer + start)
                guard let nl = memchr(rest, 0x0A, filled - start) else { break }
                let end = UnsafeRawPointer(nl) - UnsafeRawPointer(buffer)
                line(buffer + start, end - start, lineNumber)
                lineNumber += 1
                start = end + 1
            }
            if eof {
                if start < filled { line(buffer + start, filled - start, lineNumber) }
                return
            }
            if start == 0 && filled == capacity {
                // One line fills the buffer: grow it.
                guard capacity < FileReading.maximumBytes else { throw .lineTooLong(lineNumber) }
                guard let bigger = realloc(buffer, min(capacity * 2, FileReading.maximumBytes)) else { throw ReadFailure(errno: ENOMEM, line: lineNumber) }
                buffer = bigger.assumingMemoryBound(to: UInt8.self)
                capacity = min(capacity * 2, FileReading.maximumBytes)
                continue
            }
            if start > 0 {
                memmove(buffer, buffer + start, filled - start)
                filled -= start
            }
        }
    }
}
