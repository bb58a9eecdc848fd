#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Files to remove when the process is stopped by a signal whose default is to end it (SIGINT,
/// SIGTERM, SIGHUP, SIGPIPE), before it removes or renames them itself: an output's temporary
/// file (`OutputFile`). The handler removes them and raises the signal again, so the process
/// still ends as the signal says. A signal that is ignored or handled elsewhere when the first
/// file is registered (the proxy stops gracefully on SIGINT/SIGTERM) is left as it is.
public enum SignalCleanup {
    /// The registered paths, as C strings the handler can read (nil: a free slot). A path's
    /// string is never freed: a handler may be reading it on another thread while it is let go.
    private static let capacity = 64
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    /// Registers `path` to be removed if a signal ends the process; returns its slot for
    /// `forget`, or nil when every slot is taken (the file is then left as before).
    public static func removeOnSignal(_ path: String) -> Int? {
        lock.withLock {
            let slots = self.slots
            if !installed {
                installed = true
                for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
                    // SIG_DFL is the null handler: anything else was set by someone and stays.
                    let previous = signal(sig, removeRegisteredAndRaise)
                    if previous != nil { signal(sig, previous) }
                }
            }
            for i in 0..<capacity where slots[i] == nil {
                slots[i] = strdup(path)
                return i
            }
            return nil
        }
    }

    /// The file at `slot` is the caller's again (renamed or removed): a signal leaves it be.
    public static func forget(_ slot: Int) {
        lock.withLock { slots[slot] = nil }
    }

    /// The handler: only calls that are safe in a signal handler (`unlink`, `signal`, `raise`).
    /// The signal is blocked while this runs, so the one raised is taken, with its default
    /// action, once it returns.
    private static let removeRegisteredAndRaise: @convention(c) (Int32) -> Void = { sig in
        let slots = SignalCleanup.slots
        for i in 0..<SignalCleanup.capacity {
            if let path = slots[i] { unlink(path) }
        }
        signal(sig, SIG_DFL)
        raise(sig)
    }
}
