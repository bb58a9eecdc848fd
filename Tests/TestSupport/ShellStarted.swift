import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `docconform` started as a shell starts a command: no signal blocked and every signal's action the
/// default. (A process started by `Process` from a test's thread inherits that thread's blocked
/// signals, which a user's shell never passes on.) Standard input is a pipe; the output is dropped.
public final class ShellStarted {
    public enum End: Equatable, Sendable { case exited(Int32), signalled(Int32) }

    private var pid: pid_t = 0
    private let input: Int32

    public init(_ arguments: [String]) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
        input = fds[1]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let path = try Run.builtDocconform()
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(fds[0])
        guard status == 0 else { close(input); throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
    }

    public func write(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { Foundation.write(input, $0.baseAddress, $0.count) }
    }

    /// Ends the input and waits for the process to end.
    public func finish() -> End {
        close(input)
        return waitForEnd()
    }

    /// Sends `signal` and waits for the process to end.
    public func stop(with signal: Int32) -> End {
        kill(pid, signal)
        let end = waitForEnd()
        close(input)
        return end
    }

    private func waitForEnd() -> End {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import (they are macros).
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
