import APIModel
import Foundation

/// The services payload files are likely to name, from a quick look at their bytes (every
/// `"service": "NAME"` and placebo file names), so a lazily read model can import them side
/// by side before validation starts. Only a hint: a name found inside a payload costs an
/// import, a name missed is read when its record comes; results never depend on it.
public enum ServiceHints {
    /// Names in order of first appearance, from regular files only (a stream cannot be read
    /// twice), looking at no more than `budget` bytes in all. A placebo file name's head (an
    /// endpoint prefix) stands for the services `entries` say answer to it.
    public static func names(paths: [String], entries: some Collection<ServiceEntry> = [], budget: Int = 64 << 20) -> [String] {
        var ignored = DiagnosticLog()
        return names(files: PayloadFiles.list(paths, log: &ignored).files, entries: entries, budget: budget)
    }

    /// The same for files already listed (`PayloadFiles.list`). A placebo recording is told by
    /// its name and not opened: a folder of them is thousands of small files.
    public static func names(files: [String], entries: some Collection<ServiceEntry> = [], budget: Int = 64 << 20) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        var left = budget
        func add(_ name: String) { if seen.insert(name).inserted { names.append(name) } }
        var directory: ServiceDirectory?
        // One buffer for every file, read a block at a time: a file read whole cost its size in
        // fresh memory (a page fault per 4 KB) before the first record was checked.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: carried + blockSize)
        defer { buffer.deallocate() }
        for file in files where left > 0 && (file.hasSuffix(".json") || file.hasSuffix(".jsonl")) {
            if let placebo = PayloadFiles.placeboOrigin(path: file) {
                let known = directory ?? ServiceDirectory(entries: entries)
                directory = known
                if let (_, services) = known.services(forHead: Substring(placebo.service)) { services.forEach(add) } else { add(placebo.service) }
                continue
            }
            left -= scan(file, limit: left, buffer: buffer) { serviceValues($0, add) }
        }
        return names
    }

    private static let blockSize = 256 << 10
    /// Bytes of a block kept in front of the next one, so that a `"service": "NAME"` cut by the
    /// block's end is whole in the next (a name found twice is added once).
    private static let carried = 256

    /// Hands a regular file's first `limit` bytes to `body` a block at a time (each block after
    /// the first preceded by the last `carried` bytes of the one before); the bytes read.
    private static func scan(_ file: String, limit: Int, buffer: UnsafeMutablePointer<UInt8>,
                             _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        // Told by its path first: opening a FIFO would wait for, then cut off, its producer.
        var st = stat()
        guard stat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return 0 }
        let fd = open(file, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return 0 }
        var total = 0, kept = 0
        while total < limit {
            var n: Int
            repeat { n = read(fd, buffer + kept, min(blockSize, limit - total)) } while n < 0 && errno == EINTR
            guard n > 0 else { break }
            total += n
            body(UnsafeBufferPointer(start: buffer, count: kept + n))
            let end = kept + n
            kept = min(carried, end)
            buffer.update(from: buffer + end - kept, count: kept)
        }
        return total
    }

    /// Calls `found` with the value of every `"service"` key written plainly (no escapes).
    static func serviceValues(_ bytes: UnsafeBufferPointer<UInt8>, _ found: (String) -> Void) {
        guard let base = bytes.baseAddress else { return }
        var i = 0
        while let value = nextServiceValue(base, bytes.count, from: i) {
            found(String(decoding: UnsafeBufferPointer(start: base + value.lowerBound, count: value.count), as: UTF8.self))
            i = value.upperBound
        }
    }

    /// A number for the service a record names in its first bytes (the same name, the same
    /// number; 0 when none is written plainly there): what side-by-side lanes tell stretches by.
    static func serviceKey(ofRecord base: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        guard let value = nextServiceValue(base, min(count, 512), from: 0) else { return 0 }
        return byteKeyHash(base + value.lowerBound, value.count) | 1
    }

    /// Where the first `"service"` key's value written plainly (no escapes, 1–128 bytes) lies
    /// at or after `from`, its quotes left out.
    private static func nextServiceValue(_ base: UnsafePointer<UInt8>, _ n: Int, from: Int) -> Range<Int>? {
        let key: StaticString = "\"service\""
        var i = from
        while i < n {
            guard let quote = memchr(base + i, 0x22, n - i) else { return nil }
            let at = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            i = at + 1
            guard at + key.utf8CodeUnitCount <= n, memcmpBytes(base + at, key.utf8Start, key.utf8CodeUnitCount) else { continue }
            var p = at + key.utf8CodeUnitCount
            i = p
            @inline(__always) func space() { while p < n, base[p] == 0x20 || base[p] == 0x09 { p += 1 } }
            space()
            guard p < n, base[p] == 0x3A else { continue }
            p += 1
            space()
            guard p < n, base[p] == 0x22 else { continue }
            p += 1
            let first: Int = p
            while p < n, base[p] != 0x22, base[p] != 0x5C, base[p] >= 0x20 { p += 1 }
            let length: Int = p - first
            guard p < n, base[p] == 0x22, length > 0, length <= 128 else { continue }
            return first..<p
        }
        return nil
    }
}
