#if canImport(Glibc)
import Glibc
#endif

/// Values that live until the process ends: a command hands its large model over instead of
/// letting it be freed object by object on the way out (a whole botocore release is millions
/// of objects: 0.2–0.4 s of releases that the operating system does at once when the process
/// exits).
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}

extension ProcessLifetime {
    /// glibc grows each thread's heap in small steps, each an `mprotect` call and a fresh VMA
    /// split: reading a release's pages on every core took ~0.1 s of system time in them. A
    /// larger step reserves address space only; pages are still touched (and counted) as used.
    static func growHeapsInLargeSteps() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let topPad: Int32 = -2  // M_TOP_PAD
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(topPad, 64 << 20)
        #endif
    }
}
