#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `docconform.model/1` file indexed without being read whole: one pass over its bytes, in
/// fixed-size chunks, records where each service's object starts and ends and the service's
/// own fields (title, endpoint prefix, ...); everything below a service is skipped by counting
/// brackets. A service is then read from its byte range when first asked for, so a run that
/// needs one service of a 250 MB file holds that service, not the file.
///
/// Only a plain document is indexed (an object with `format` and a `services` object of
/// objects); anything else gives nil, and the caller reads the file the general way, which
/// reports what is wrong with it. A fault inside a service is reported when that service is read.
public enum ModelFileIndex {
    /// The index of the model file at `path`, or nil when it is not a regular file holding a
    /// plain model document.
    public static func index(path: String, includeDocumentation: Bool) -> ServiceIndex? {
        var ignored = DiagnosticLog()
        return index(path: path, includeDocumentation: includeDocumentation, cacheFolder: nil, log: &ignored)
    }

    /// The same, taking the index kept in `cacheFolder` when it is the file's as it is, and
    /// keeping it there after a scan (`ModelIndexCache`); what the cache says goes to `log`.
    public static func index(path: String, includeDocumentation: Bool, cacheFolder: String?, log: inout DiagnosticLog) -> ServiceIndex? {
        let services: [ModelFileScanner.Found], stamp: Stamp
        if let folder = cacheFolder, let kept = ModelIndexCache.read(model: path, folder: folder, log: &log) {
            (services, stamp) = kept
        } else {
            let identity = cacheFolder.map { _ in CacheFolder.stamp(path, changeTime: true) }
            guard let scan = scan(path: path) else { return nil }
            (services, stamp) = scan
            if let folder = cacheFolder, let identity {
                ModelIndexCache.write(services, model: path, identity: identity, folder: folder, log: &log)
            }
        }
        // A key given twice: the later service, as the readers keep it.
        let ranges = Dictionary(services.map { ($0.entry.name, ($0.start, $0.end)) }, uniquingKeysWith: { _, later in later })
        return ServiceIndex(entries: services.map(\.entry), sourceFiles: [path]) { entry, log in
            guard let (start, end) = ranges[entry.name] else { return nil }
            return readService(entry.name, path: path, start: start, end: end, stamp: stamp,
                               includeDocumentation: includeDocumentation, log: &log)
        }
    }

    /// Size and modification time when indexed: a file changed since cannot be read by offsets.
    struct Stamp: Equatable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int

        init(_ st: stat) {
            size = Int(st.st_size)
            seconds = Int(st.st_mtim.tv_sec)
            nanoseconds = Int(st.st_mtim.tv_nsec)
        }
    }

    static func scan(path: String) -> (services: [ModelFileScanner.Found], stamp: Stamp)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var scanner = ModelFileScanner()
        let chunk = 4 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            let n = read(fd, buffer, chunk)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            guard scanner.feed(UnsafeBufferPointer(start: buffer, count: n), at: offset) else { return nil }
            offset += n
        }
        guard offset == Int(st.st_size), let services = scanner.finish() else { return nil }
        return (services, Stamp(st))
    }

    static func readService(_ name: String, path: String, start: Int, end: Int, stamp: Stamp,
                            includeDocumentation: Bool, log: inout DiagnosticLog) -> Service? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            log.error(path, "cannot open the model file again to read service \(name)")
            return nil
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, Stamp(st) == stamp else {
            log.error(path, "the model file changed while it was in use; service \(name) not read")
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: end - start)
        let filled = bytes.withUnsafeMutableBytes { raw -> Int in
            var done = 0
            while done < raw.count {
                let n = pread(fd, raw.baseAddress! + done, raw.count - done, off_t(start + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            return done
        }
        guard filled == bytes.count else {
            log.error(path, "read failed for service \(name)")
            return nil
        }
        // Off the plain path: the tree reader says what is wrong, with the line in the file.
        do {
            let service = try bytes.withUnsafeBufferPointer({ ModelStreamReader.readService($0, name: name, includeDocumentation: includeDocumentation) })
                ?? ModelReader.readService(name, try JSONParser.parse(bytes))
            try ModelReader.checkReferences(service)
            return service
        } catch let error as JSONParseError {
            log.error(path, line: error.line + lines(before: start, fd: fd) - 1, "not valid JSON: \(error.message)")
        } catch let error as ModelReadError {
            log.error(path, line: lines(before: start, fd: fd), error.message)
        } catch {
            log.error(path, "service \(name) could not be read")
        }
        return nil
    }

    /// The 1-based line of byte `offset`.
    private static func lines(before offset: Int, fd: Int32) -> Int {
        var line = 1
        var done = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while done < offset {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, min($0.count, offset - done), off_t(done)) }
            if n <= 0 { break }
            for i in 0..<n where chunk[i] == 0x0A { line += 1 }
            done += n
        }
        return line
    }
}

/// The byte-level pass behind `ModelFileIndex`: a state machine fed chunk by chunk, reading the
/// document's top three levels (the root object, `services`, each service's own fields) and
/// skipping everything deeper by counting brackets outside strings (8 bytes a step inside them).
struct ModelFileScanner {
    struct Found {
        var entry: ServiceEntry
        /// The service object's bytes: `start` is its `{`, `end` one past its `}`.
        var start: Int
        var end: Int
    }

    private var found: [Found] = []
    private var format: String?
    private var sawServices = false
    private var rootClosed = false

    /// Open containers: 1 inside the root object, 2 inside `services`, 3 inside a service.
    private var depth = 0
    /// While skipping a value below the read levels: the depth to come back to (else -1).
    private var skipUntil = -1
    private var inString = false
    private var escaped = false
    /// Per read level: a key has been read and its value is expected.
    private var afterColon = (false, false, false, false)
    /// The current string's bytes, for strings on the read levels.
    private var token: [UInt8] = []
    private var tokenHasEscapes = false
    private var rootKey = ""
    private var serviceName = ""
    private var fieldKey = ""
    private var current: Found?

    private func expectingValue(_ level: Int) -> Bool {
        switch level {
        case 0: return afterColon.0
        case 1: return afterColon.1
        case 2: return afterColon.2
        default: return afterColon.3
        }
    }

    private mutating func setAfterColon(_ level: Int, _ value: Bool) {
        switch level {
        case 0: afterColon.0 = value
        case 1: afterColon.1 = value
        case 2: afterColon.2 = value
        default: afterColon.3 = value
        }
    }

    /// Reads the next chunk, `base` being its offset in the file; false when the document is
    /// not a plain model (the caller gives up on indexing).
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, at base: Int) -> Bool {
        guard let p = chunk.baseAddress else { return true }
        let n = chunk.count
        var i = 0
        while i < n {
            if skipUntil >= 0 {
                i = skip(p, i, n)
                continue
            }
            let b = p[i]
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                    tokenHasEscapes = true
                } else if b == 0x22 {
                    inString = false
                    guard endString() else { return false }
                    i += 1
                    continue
                }
                token.append(b)
                i += 1
                continue
            }
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09:
                break
            case 0x22:
                guard depth >= 1 else { return false }
                inString = true
                token.removeAll(keepingCapacity: true)
                tokenHasEscapes = false
            case 0x3A:
                guard depth >= 1, !expectingValue(depth) else { return false }
                setAfterColon(depth, true)
            case 0x2C:
                guard depth >= 1 else { return false }
                setAfterColon(depth, false)
            case 0x7B, 0x5B:
                guard open(b == 0x7B, at: base + i) else { return false }
            case 0x7D:
                guard close(at: base + i) else { return false }
            case 0x5D:
                return false
            default:
                // A number or literal value on a read level (`"partial": true`): not needed.
                guard depth >= 1, expectingValue(depth) else { return false }
            }
            i += 1
        }
        return true
    }

    /// Skips bytes below the read levels from `i`; returns where it stopped (the end of the
    /// chunk, or just past the bracket that closes the skipped value).
    private mutating func skip(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int {
        var i = start
        while i < n {
            if inString {
                if escaped { escaped = false; i += 1; continue }
                // 8 bytes a step to the next quote or backslash.
                while i + 8 <= n {
                    let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let hits = zeroByteMask(w ^ 0x2222_2222_2222_2222) | zeroByteMask(w ^ 0x5C5C_5C5C_5C5C_5C5C)
                    if hits != 0 { i += hits.trailingZeroBitCount >> 3; break }
                    i += 8
                }
                guard i < n else { return n }
                let b = p[i]
                if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                i += 1
                continue
            }
            switch p[i] {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == skipUntil {
                    skipUntil = -1
                    return i + 1
                }
            default: break
            }
            i += 1
        }
        return n
    }

    private mutating func open(_ isObject: Bool, at offset: Int) -> Bool {
        switch depth {
        case 0:
            guard isObject, !rootClosed else { return false }
            depth = 1
            afterColon.1 = false
        case 1:
            guard expectingValue(1) else { return false }
            depth = 2
            if isObject && rootKey == "services" && !sawServices {
                sawServices = true
                afterColon.2 = false
            } else {
                // Another field's value (a second `services` goes to the general reader).
                guard rootKey != "services" else { return false }
                skipUntil = 1
            }
        case 2:
            guard isObject, expectingValue(2) else { return false }
            depth = 3
            afterColon.3 = false
            current = Found(entry: ServiceEntry(name: serviceName), start: offset, end: offset)
        default:
            guard expectingValue(3) else { return false }
            depth = 4
            skipUntil = 3
        }
        return true
    }

    private mutating func close(at offset: Int) -> Bool {
        switch depth {
        case 1:
            depth = 0
            rootClosed = true
        case 2:
            depth = 1
        case 3:
            guard var service = current else { return false }
            service.end = offset + 1
            found.append(service)
            current = nil
            depth = 2
        default:
            return false
        }
        return true
    }

    /// A string on a read level ended: a key, or a value of a field the index keeps.
    private mutating func endString() -> Bool {
        guard let text = decodedToken() else { return false }
        guard expectingValue(depth) else {
            switch depth {
            case 1: rootKey = text
            case 2: serviceName = text
            default: fieldKey = text
            }
            return true
        }
        switch depth {
        case 1:
            if rootKey == "format" { format = text }
            if rootKey == "services" { return false }
        case 2:
            return false
        default:
            switch fieldKey {
            case "title": current?.entry.title = text
            case "apiVersion": current?.entry.apiVersion = text
            case "protocol": current?.entry.protocolName = text
            case "endpointPrefix": current?.entry.endpointPrefix = text
            case "signingName": current?.entry.signingName = text
            case "serviceId": current?.entry.serviceId = text
            default: break
            }
        }
        return true
    }

    private func decodedToken() -> String? {
        if !tokenHasEscapes { return String(validating: token, as: UTF8.self) }
        var quoted: [UInt8] = [0x22]
        quoted.append(contentsOf: token)
        quoted.append(0x22)
        return try? JSONParser.parse(quoted).stringValue
    }

    /// The services found, once the whole document has been fed; nil unless it was plain and
    /// complete.
    func finish() -> [Found]? {
        guard rootClosed, depth == 0, !inString, sawServices, format == Model.formatIdentifier else { return nil }
        return found
    }
}
