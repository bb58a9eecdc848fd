import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU seconds used by the calling thread so far: on a shared machine, wall time also counts
/// other processes, so throughput figures are taken on this clock.
public func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU seconds used by every thread of the process so far (a run that checks records on
/// several threads).
public func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The cores this process may run on: its CPU affinity (which `taskset` and cpusets narrow),
/// read from /proc/self/status where there is one; else every online core.
public func usableCoreCount() -> Int {
    let online = max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    // A file of the proc filesystem has no size: read as text, not sized from stat.
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return online }
    // `Cpus_allowed:\t00000000,00000003`: a hex mask, one bit per core.
    for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
        let allowed = line.dropFirst(13).reduce(0) { n, c in n + (c.hexDigitValue ?? 0).nonzeroBitCount }
        return allowed > 0 ? min(allowed, online) : online
    }
    return online
}
