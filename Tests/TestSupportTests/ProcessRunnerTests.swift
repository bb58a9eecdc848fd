import Testing
import TestSupport

/// The process runner: both pipes drained together, standard input given, exit status kept,
/// and a terminal when asked for.
@Suite struct ProcessRunnerTests {
    @Test func drainsLargeOutputOnBothPipes() throws {
        // 1 MB on each pipe, interleaved: reading one pipe to its end first would deadlock.
        let run = try Run.program("/bin/sh", ["-c", "i=0; while [ $i -lt 16 ]; do head -c 65536 /dev/zero | tr '\\0' o; head -c 65536 /dev/zero | tr '\\0' e >&2; i=$((i+1)); done; exit 3"])
        #expect(run.status == 3)
        #expect(run.stdout.utf8.count == 1 << 20 && run.stdout.allSatisfy { $0 == "o" })
        #expect(run.stderr.utf8.count == 1 << 20 && run.stderr.allSatisfy { $0 == "e" })
    }

    @Test func passesStandardInputAndAnEmptyOneByDefault() throws {
        #expect(try Run.program("/bin/cat", [], stdin: Array("hello\n".utf8)).stdout == "hello\n")
        #expect(try Run.program("/bin/cat", []).stdout == "")
    }

    @Test func runsInTheGivenFolder() throws {
        let dir = try Fixtures.temporaryDirectory()
        #expect(try Run.program("/bin/sh", ["-c", "pwd -P"], in: dir).stdout.hasSuffix(dir.split(separator: "/").last! + "\n"))
    }

    @Test func aTerminalWhenAskedFor() throws {
        let script = "[ -t 1 ] && [ -t 2 ] && echo terminal >&2"
        #expect(try Run.inTerminal("/bin/sh", ["-c", script]).stdout == "terminal\r\n")
        #expect(try Run.program("/bin/sh", ["-c", script]).stderr == "")
    }

    @Test func theBuiltDocconformIsFound() throws {
        let run = try Run.docconform(["--version"])
        #expect(run.status == 0 && !run.stdout.isEmpty)
    }
}
