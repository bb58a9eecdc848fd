#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cores this process may run on: its CPU affinity (which `taskset` and cpusets narrow),
/// read from /proc/self/status where there is one; else every online core.
public func usableCoreCount() -> Int {
    let online = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    // A file of the proc filesystem has no size to read up to: read until the end.
    let fd = open("/proc/self/status", O_RDONLY)
    guard fd >= 0 else { return online }
    defer { close(fd) }
    var status: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        status += chunk[..<n]
    }
    // `Cpus_allowed:\t00000000,00000003`: a hex mask, one bit per core.
    let key = Array("\nCpus_allowed:".utf8)
    guard let at = status.indices.first(where: { status[$0...].starts(with: key) }) else { return online }
    var allowed = 0
    for b in status[(at + key.count)...] {
        if b == 0x0A { break }
        let digit: UInt8 = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : 0
        allowed += digit.nonzeroBitCount
    }
    return allowed > 0 ? min(allowed, online) : online
}
