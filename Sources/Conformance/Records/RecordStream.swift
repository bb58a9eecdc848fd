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
        try blocks(fd: fd, chunkSize: chunkSize, beforeRead: beforeRead) { p, n, first in
            var number = first
            return lines(p, n) { start, end in
                line(p + start, end - start, number)
                number += 1
            }
        }
    }

    /// The lines of a block of whole lines (`blocks`; at the end of the stream its last line may
    /// have no newline), each as the offsets of its first byte and of its newline or end, in
    /// order; returns how many.
    @inline(__always)
    static func lines(_ p: UnsafeMutablePointer<UInt8>, _ n: Int, _ body: (_ start: Int, _ end: Int) -> Void) -> Int {
        var start = 0, count = 0
        while start < n {
            let end = memchr(p + start, 0x0A, n - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(p) } ?? n
            body(start, end)
            count += 1
            start = end + 1
        }
        return count
    }

    /// Hands on the stream a stretch of whole lines at a time: everything read so far up to its
    /// last newline (at the end, the rest), with the number of its first line. `block` returns
    /// how many lines the stretch held. The bytes are valid only during the call, unless
    /// `newBuffer` is given: then each stretch's buffer is handed over (the callee's to keep or
    /// `free`) and the stream reads on into one `newBuffer` gives (`malloc`ed, at least
    /// `chunkSize` bytes), so the stretch can be worked on while the next is read.
    static func blocks(fd: Int32, chunkSize: Int, beforeRead: (() -> Void)?,
                       newBuffer: (() -> UnsafeMutablePointer<UInt8>)? = nil,
                       block: (UnsafeMutablePointer<UInt8>, _ count: Int, _ firstLine: Int) -> Int) throws(ReadFailure) {
        var capacity = max(chunkSize, 1)
        // malloc/realloc: growing a large block moves its pages instead of copying them, so a
        // line of 1 GB costs about 1 GB, not the old buffer plus the new one.
        var buffer = newBuffer?() ?? malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        var ownsBuffer = true
        defer { if ownsBuffer { free(buffer) } }
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
            if eof {
                if filled > 0 {
                    ownsBuffer = newBuffer == nil
                    lineNumber += block(buffer, filled, lineNumber)
                }
                return
            }
            // The last newline: within a line's length of the end, so looked for backwards.
            var last = filled - 1
            while last >= 0 && buffer[last] != 0x0A { last -= 1 }
            guard last >= 0 else {
                guard filled == capacity else { continue }
                // One line fills the buffer: grow it.
                guard capacity < FileReading.maximumBytes else { throw .lineTooLong(lineNumber) }
                guard let bigger = realloc(buffer, min(capacity * 2, FileReading.maximumBytes)) else { throw ReadFailure(errno: ENOMEM, line: lineNumber) }
                buffer = bigger.assumingMemoryBound(to: UInt8.self)
                capacity = min(capacity * 2, FileReading.maximumBytes)
                continue
            }
            let whole = last + 1
            if let newBuffer {
                let given = buffer
                // The rest is part of one line: it fits a new buffer unless that line grew one.
                capacity = max(chunkSize, filled - whole + 1)
                buffer = capacity == chunkSize ? newBuffer() : malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
                if whole < filled { memcpy(buffer, given + whole, filled - whole) }
                lineNumber += block(given, whole, lineNumber)
            } else {
                lineNumber += block(buffer, whole, lineNumber)
                if whole < filled { memmove(buffer, buffer + whole, filled - whole) }
            }
            filled -= whole
        }
    }
}
