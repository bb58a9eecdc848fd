import APIModel
import DocIngest
import Foundation
import Testing
import TestSupport
@testable import Conformance

/// `validate --plan-cache`: plans kept by one run and taken on by the next give the results a
/// run without the cache gives, the summary's pattern facts included (patterns no engine runs,
/// patterns that gave up, in the order a cold run finds them), on one thread and on several; a
/// damaged cache file is refused with a warning, and a changed model file is another key.
@Suite struct PlanCacheTests {
    /// A service whose operations share a structure that holds a pattern no engine runs and a
    /// pattern ICU gives up on (a back-reference, exponential on a run of `a`s), beside the
    /// fixture services; written as a model file (the cache keys on the files a model is read from).
    static func modelFile() throws -> String {
        var bad = Shape(type: .string)
        bad.name = "BadName"
        bad.pattern = "[a-z"
        var slow = Shape(type: .string)
        slow.name = "Slow"
        slow.pattern = #"^(a*)*\1b$"#
        var kind = Shape(type: .string)
        kind.name = "Kind"
        kind.enumValues = ["x", "y", "z"]
        var fine = Shape(type: .string)
        fine.name = "Fine"
        fine.pattern = "^[a-z]+$"
        fine.max = .integer(5)
        let common = Shape.structure([("Bad", bad), ("Slow", slow), ("Kind", kind)], required: ["Kind"])
        var otherBad = bad
        otherBad.name = "OtherBad"
        var service = Service(name: "cachefacts")
        var a = Operation(name: "A")
        a.input = .structure([("C", common), ("N", Shape(type: .integer))])
        var b = Operation(name: "B")
        b.input = .structure([("C", common), ("Other", otherBad)])
        var d = Operation(name: "D")
        d.input = .structure([("Slow", slow), ("Fine", fine), ("List", .list(of: fine))])
        var e = Operation(name: "E")
        e.input = .structure([("Fine", fine)])
        // Error shapes: one checked on the linear engines, one holding the pattern no engine runs.
        service.errorShapes["Plain"] = ErrorShape(shape: .structure([("Reason", fine)]))
        service.errorShapes["Broken"] = ErrorShape(code: "BrokenThing", shape: .structure([("Detail", bad)]))
        e.errors = [OperationError(name: "Plain")]
        a.errors = [OperationError(name: "Broken"), OperationError(name: "Plain")]
        for op in [a, b, d, e] { service.operations[op.name] = op }
        var model = try Fixtures.model
        model.services[service.name] = service
        let path = try Fixtures.temporaryDirectory() + "/model.json"
        try Data(ModelWriter().bytes(of: model)).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func catalog(_ modelFile: String) throws -> ServiceCatalog {
        try #require(Ingest.lazyCatalog(paths: [modelFile]))
    }

    static func record(_ operation: String, _ payload: String) -> String {
        #"{"service":"cachefacts","operation":"\#(operation)","direction":"request","payload":\#(payload)}"#
    }

    static let slowValue = String(repeating: "a", count: 40)

    struct Outcome: Equatable {
        var results: [String] = []
        var rendered: [UInt8] = []
        var unsupported: [String] = []
        var gaveUp: [String] = []
    }

    struct Run {
        var outcome = Outcome()
        var restored = 0
        var compiled = 0
    }

    /// Checks the records at `paths` with `threads` threads, with `cache` when given.
    func run(_ paths: [String], catalog: ServiceCatalog, threads: Int, cache: PlanCache?) -> Run {
        let plan = ValidationPlan(catalog: catalog, allowUnchecked: true, cache: cache)
        let files = PayloadFiles(validator: RecordValidator(plan: plan), threads: threads)
        let writer = ResultsJSON.Writer(layout: .array)
        var run = Run()
        var rendered: [UInt8] = []
        // Handed on one by one (rendering on the lanes would hand on none) and rendered here.
        files.run(paths: paths) { r in
            run.outcome.results.append("\(r.line) \(r.service ?? "-") \(r.operation ?? "-") "
                                       + r.issues.map { "\($0.code) \($0.path) \($0.message)" }.joined(separator: "; "))
            writer.add(r)
        }
        writer.drain { rendered.append(contentsOf: $0) }
        run.outcome.rendered = rendered
        run.outcome.unsupported = ValidationPlan.unsupportedPatterns(of: files.plans).map { "\($0.shape) \($0.pattern) \($0.reason)" }
        run.outcome.gaveUp = ValidationPlan.patternsGivenUp(of: files.plans).map { "\($0.pattern) \($0.values)" }
        run.restored = files.plans.reduce(0) { $0 + $1.restoredOperationCount }
        run.compiled = files.plans.reduce(0) { $0 + $1.compiledOperations.count }
        cache?.store(files.plans)
        return run
    }

    static func write(_ lines: [String]) throws -> String {
        let path = try Fixtures.temporaryDirectory() + "/records.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The run that writes the cache meets A and E; the next meets B first (not cached), then D
    /// and A (cached), with values that make the slow pattern give up when `slow` (ICU works to
    /// its bound on each: only a few are), and an enum value that is not allowed (its message
    /// lists the values, read from the cached tables).
    static func warmRecords(slow: Bool = true) -> [String] {
        let value = slow ? slowValue : "aab"
        return [record("B", #"{"C":{"Kind":"x","Bad":"q"},"Other":"r"}"#),
                record("D", #"{"Slow":"\#(value)","Fine":"abcdefg","List":["ok","NO"]}"#),
                record("A", #"{"C":{"Kind":"w","Slow":"\#(value)"},"N":"1"}"#),
                record("E", #"{"Fine":"toolong"}"#),
                record("A", #"{"C":{"Kind":"y"},"N":2}"#)]
    }

    @Test(arguments: [1, 3])
    func cachedPlansGiveTheResultsAndFactsOfACompiledRun(threads: Int) throws {
        let model = try Self.modelFile()
        let catalog = try Self.catalog(model)
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        let first = try Self.write([Self.record("A", #"{"C":{"Kind":"x"},"N":1}"#), Self.record("E", #"{"Fine":"ab"}"#)])
        let writing = try #require(PlanCache(directory: folder, catalog: catalog, wholeValuePatterns: false, log: &log))
        let cold = run([first], catalog: catalog, threads: threads, cache: writing)
        #expect(cold.restored == 0 && cold.compiled == 2)
        #expect(FileManager.default.fileExists(atPath: writing.path))
        #expect(writing.takeWarnings().diagnostics.isEmpty)

        // Many records, so that several threads share them (each in stretches of its own).
        var lines: [String] = []
        for k in 0..<4_000 { lines += Self.warmRecords(slow: k % 1_000 == 999) }
        let records = try Self.write(lines)
        let uncached = run([records], catalog: try Self.catalog(model), threads: threads, cache: nil)
        let reading = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        #expect(reading.path == writing.path, "the same model file, build and settings: the same key")
        let warm = run([records], catalog: try Self.catalog(model), threads: threads, cache: reading)
        #expect(warm.restored >= 2, "A and E came from the cache")
        #expect(warm.compiled >= 1, "B was compiled")
        #expect(warm.outcome.results == uncached.outcome.results)
        #expect(warm.outcome.rendered == uncached.outcome.rendered)
        #expect(warm.outcome.unsupported == uncached.outcome.unsupported)
        #expect(warm.outcome.gaveUp == uncached.outcome.gaveUp)
        #expect(uncached.outcome.unsupported.count == 2, "[a-z once per shape: \(uncached.outcome.unsupported)")
        #expect(uncached.outcome.gaveUp.first?.hasPrefix(#"^(a*)*\1b$"#) == true, "\(uncached.outcome.gaveUp)")
        #expect(uncached.outcome.results.contains { $0.contains("is not one of x, y, z") })
        #expect(reading.takeWarnings().diagnostics.isEmpty)

        // B was written back with the rest: a third run compiles nothing.
        let again = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        let third = run([records], catalog: try Self.catalog(model), threads: threads, cache: again)
        #expect(third.compiled == 0 && third.restored >= 4)
        #expect(third.outcome == uncached.outcome)
        // B alone: its own mark (written when it was added to the file) brings its facts.
        let onlyB = try Self.write([Self.record("B", #"{"C":{"Kind":"x"}}"#)])
        let bUncached = run([onlyB], catalog: try Self.catalog(model), threads: threads, cache: nil)
        let bCached = run([onlyB], catalog: try Self.catalog(model), threads: threads,
                          cache: PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        #expect(bCached.restored == 1 && bCached.compiled == 0)
        #expect(bUncached.outcome.unsupported.count == 2)
        #expect(bCached.outcome == bUncached.outcome)
        #expect(log.diagnostics.isEmpty)
    }

    /// The records after `first` in the order a cold run would compile them differently: every
    /// fact comes out as that run finds it, whichever operations the cache held.
    @Test func factsFollowTheRunNotTheCache() throws {
        let model = try Self.modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        // The cache holds everything, compiled in another order than the next run meets it.
        let all = try Self.write(["D", "E", "B", "A"].map { Self.record($0, "{}") })
        _ = run([all], catalog: try Self.catalog(model), threads: 1,
                cache: PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        for order in [["A", "B", "D"], ["B", "D", "A"], ["D", "A", "B"], ["E"]] {
            let records = try Self.write(order.map { Self.record($0, #"{"C":{"Kind":"x","Slow":"\#(Self.slowValue)"},"Slow":"\#(Self.slowValue)"}"#) })
            let uncached = run([records], catalog: try Self.catalog(model), threads: 1, cache: nil)
            let warm = run([records], catalog: try Self.catalog(model), threads: 1,
                           cache: PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
            #expect(warm.restored == order.count && warm.compiled == 0)
            #expect(warm.outcome == uncached.outcome, "\(order)")
        }
    }

    /// A warm run reads no service it does not compile from: cached operations, and names a
    /// cached service lacks, are answered from the cache; the facts of an operation marked as
    /// reaching a pattern no engine runs read that operation's service alone.
    @Test func aWarmRunReadsOnlyTheServicesItCompilesFrom() throws {
        let model = try Self.modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        let other = #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"f"}}"#
        let all = try Self.write([other, Self.record("E", "{}"), Self.record("B", "{}")])
        _ = run([all], catalog: try Self.catalog(model), threads: 1,
                cache: PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        let cases: [(records: [String], servicesRead: Int)] = [
            ([other, Self.record("E", #"{"Fine":"toolong"}"#), Self.record("Nope", "{}")], 0),
            ([Self.record("E", "{}"), other, Self.record("B", #"{"C":{"Kind":"w"}}"#), Self.record("E", "{}")], 1),
        ]
        // The file keeps the operation names of the services it holds plans of, first: its head
        // says it holds plans (what the read-ahead asks).
        let kept = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        #expect(Set(try #require(try PlanSnapshot.read(path: kept.path)).operationNames.keys) == ["appstream", "cachefacts"])
        #expect(kept.holdsPlans)
        for (records, servicesRead) in cases {
            let file = try Self.write(records)
            let uncached = run([file], catalog: try Self.catalog(model), threads: 1, cache: nil)
            let catalog = try Self.catalog(model)
            let warm = run([file], catalog: catalog, threads: 1,
                           cache: PlanCache(directory: folder, catalog: catalog, wholeValuePatterns: false, log: &log))
            #expect(warm.compiled == 0)
            #expect(catalog.loadedCount == servicesRead, "\(records)")
            #expect(warm.outcome == uncached.outcome, "\(records)")
        }
        #expect(log.diagnostics.isEmpty)
    }

    /// Error responses, warm: each operation's documented errors, its service's error codes and
    /// the error roots are kept with the plans, so their codes are judged and their members
    /// checked without reading the service; an error root reaching a pattern no engine runs
    /// reads it for the summary's facts alone.
    @Test func aWarmRunJudgesErrorResponsesWithoutReadingTheirService() throws {
        let model = try Self.modelFile()
        func error(_ code: String, _ members: String = "") -> String {
            #"{"service":"cachefacts","operation":"E","direction":"error","payload":{"Error":{"Code":"\#(code)","Message":"m"}\#(members)}}"#
        }
        let plain = [error("Plain", #","Reason":"UPPER""#), error("ThrottlingException"), error("Nope"), error("Plain", #","Reason":"ok""#)]
        let broken = [error("BrokenThing", #","Detail":"x""#)]
        for (records, servicesRead) in [(plain, 0), (broken, 1), (plain + broken, 1)] {
            let folder = try Fixtures.temporaryDirectory() + "/plans"
            let file = try Self.write(records)
            var log = DiagnosticLog()
            let uncached = run([file], catalog: try Self.catalog(model), threads: 1, cache: nil)
            let cold = run([file], catalog: try Self.catalog(model), threads: 1,
                           cache: PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
            let catalog = try Self.catalog(model)
            let warm = run([file], catalog: catalog, threads: 1,
                           cache: PlanCache(directory: folder, catalog: catalog, wholeValuePatterns: false, log: &log))
            #expect(warm.compiled == 0 && warm.restored == 1)
            #expect(catalog.loadedCount == servicesRead, "\(records)")
            #expect(cold.outcome == uncached.outcome)
            #expect(warm.outcome == uncached.outcome, "\(records)")
            #expect(log.diagnostics.isEmpty)
            let results = uncached.outcome.results.joined(separator: "\n")
            if records == plain {
                #expect(results.contains("pattern Reason"), "\(results)")
                #expect(results.contains(#"error code "Nope" is neither an error E documents (its errors: Plain) nor one of AWS's common errors"#), "\(results)")
                #expect(uncached.outcome.unsupported.isEmpty)
            } else {
                #expect(results.contains(#"error code "BrokenThing" is an error of cachefacts that E does not document (its errors: Plain)"#), "\(results)")
                #expect(uncached.outcome.unsupported.contains { $0.contains("Detail") || $0.contains("BadName") }, "\(uncached.outcome.unsupported)")
            }
        }
    }

    /// Placebo recordings, warm: their names resolve through the cache's operation names, and
    /// their error responses (of three services or more) are judged from it: no service is read.
    @Test func aWarmRunOfPlaceboRecordingsReadsNoService() throws {
        let paths = ["\(Fixtures.placebo)/botocore-1.43.11/data", "\(Fixtures.botocore)/ec2", "\(Fixtures.botocore)/lambda"]
        func catalog() throws -> ServiceCatalog { try #require(Ingest.lazyCatalog(paths: paths)) }
        let recordings = "\(Fixtures.placebo)/recordings"
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        // The services each error response's file name stands for that have its operation.
        let plain = try catalog()
        let directory = ServiceDirectory(entries: plain.entries.values)
        let files = PayloadFiles(validator: RecordValidator(plan: ValidationPlan(catalog: plain, allowUnchecked: true)))
        var errorServices = Set<String>()
        files.run(paths: [recordings]) { r in
            guard r.direction == .error, let origin = PayloadFiles.placeboOrigin(path: r.file),
                  let (_, named) = directory.services(forHead: Substring(origin.service)) else { return }
            errorServices.formUnion(named.filter { plain.service($0)?.operations[origin.operation] != nil })
        }
        #expect(errorServices.count >= 3 && plain.loadedCount > errorServices.count + 2, "\(errorServices), \(plain.loadedCount)")
        let uncached = run([recordings], catalog: try catalog(), threads: 1, cache: nil)
        _ = run([recordings], catalog: try catalog(), threads: 1,
                cache: PlanCache(directory: folder, catalog: try catalog(), wholeValuePatterns: false, log: &log))
        let warmCatalog = try catalog()
        let warm = run([recordings], catalog: warmCatalog, threads: 1,
                       cache: PlanCache(directory: folder, catalog: warmCatalog, wholeValuePatterns: false, log: &log))
        #expect(warm.compiled == 0)
        #expect(warm.outcome == uncached.outcome)
        #expect(warmCatalog.loadedCount == 0, "\(errorServices)")
        #expect(log.diagnostics.isEmpty)
    }

    /// The head check says no to what is not a cache file's head, or one that holds no service.
    @Test func aDamagedHeadHoldsNoPlans() throws {
        let folder = try Fixtures.temporaryDirectory()
        let magic = PlanSnapshot.magic
        func holds(_ bytes: [UInt8]) throws -> Bool {
            let path = folder + "/head-\(UUID().uuidString).dcplan"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return PlanSnapshot.holdsPlans(atPath: path)
        }
        func int(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt64(bitPattern: Int64(v)).littleEndian) { Array($0) } }
        #expect(try holds(magic + int(1) + int(2) + Array("s3".utf8) + int(0)))
        #expect(try !holds(magic + int(1) + int(2) + Array("s".utf8)), "too short for one service")
        #expect(try !holds(magic + int(0)), "no service")
        #expect(try !holds(magic + int(1 << 40)), "a count larger than the file")
        #expect(try !holds(magic + int(-1)))
        #expect(try !holds(magic))
        #expect(try !holds(Array("not a cache file".utf8)))
        #expect(try !holds([]))
        #expect(!PlanSnapshot.holdsPlans(atPath: folder), "a folder")
        #expect(!PlanSnapshot.holdsPlans(atPath: folder + "/missing"))
    }

    /// Damaged files are refused with a warning (the run compiles, and writes a good file back).
    @Test(arguments: ["a byte flipped", "cut short", "an index out of range", "an error root out of range", "not a cache file", "empty"])
    func aDamagedCacheFileIsRefusedWithAWarning(damage: String) throws {
        let model = try Self.modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        let error = #"{"service":"cachefacts","operation":"E","direction":"error","payload":{"Error":{"Code":"Plain"},"Reason":"x"}}"#
        let records = try Self.write(Self.warmRecords() + (damage == "an error root out of range" ? [error] : []))
        let writing = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        let cold = run([records], catalog: try Self.catalog(model), threads: 1, cache: writing)
        var bytes = try Fixtures.bytes(atPath: writing.path)
        switch damage {
        case "a byte flipped": bytes[bytes.count / 2] ^= 0x40
        case "cut short": bytes.removeLast(bytes.count / 3)
        case "an index out of range", "an error root out of range":
            // The last operation's output root (before its flag, the count of error roots, none,
            // and the checksum), or the one error root (before its flag and the checksum), with
            // the checksum made again: only the index check can refuse it.
            let at = bytes.count - 8 * (damage == "an index out of range" ? 4 : 3)
            withUnsafeBytes(of: Int64(1 << 30).littleEndian) { bytes.replaceSubrange(at..<at + 8, with: $0) }
            let sum = bytes[..<(bytes.count - 8)].withUnsafeBytes { ByteChecksum.of($0) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..., with: $0) }
        case "not a cache file": bytes = Array("{\"format\": \"something else\"}".utf8)
        default: bytes = []
        }
        try Data(bytes).write(to: URL(fileURLWithPath: writing.path))
        let reading = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        let warm = run([records], catalog: try Self.catalog(model), threads: 1, cache: reading)
        #expect(warm.restored == 0)
        #expect(warm.outcome == cold.outcome)
        let warnings = reading.takeWarnings().diagnostics.map(\.description)
        #expect(warnings.count == 1 && warnings[0].contains("plan cache ignored"), "\(warnings)")
        if damage.hasSuffix("out of range") {
            #expect(warnings.first?.contains(damage == "an index out of range" ? "(operation root" : "(error root") == true, "\(warnings)")
        }
        // Written back whole: the next run takes it.
        let next = run([records], catalog: try Self.catalog(model), threads: 1,
                       cache: PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        #expect(next.restored > 0 && next.compiled == 0)
        #expect(next.outcome == cold.outcome)
    }

    /// A FIFO where the cache file would be is neither read (it would block) nor written.
    @Test func aFIFOInPlaceOfTheCacheFileIsPassedOverWithWarnings() throws {
        let model = try Self.modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        let records = try Self.write(Self.warmRecords(slow: false))
        let cache = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(cache.path, 0o644) == 0)
        let uncached = run([records], catalog: try Self.catalog(model), threads: 1, cache: nil)
        let passed = run([records], catalog: try Self.catalog(model), threads: 1, cache: cache)
        #expect(passed.restored == 0)
        #expect(passed.outcome == uncached.outcome)
        let warnings = cache.takeWarnings().diagnostics.map(\.description)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.first?.contains("plan cache ignored: not a regular file (a FIFO)") == true, "\(warnings)")
        #expect(warnings.last?.contains("plan cache not written: not a regular file") == true, "\(warnings)")
    }

    /// The key stamps the model file: touched, it is another key (another file), and the
    /// pattern-match setting is part of the key too.
    @Test func aChangedModelFileOrSettingIsAnotherKey() throws {
        let model = try Self.modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        var log = DiagnosticLog()
        let before = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        let full = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: true, log: &log))
        #expect(full.path != before.path)
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, model, &times, 0) == 0)
        let after = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
        #expect(after.path != before.path)
    }

    /// A folder written by runs of many models keeps the files used last, the one just
    /// written among them.
    @Test func aFolderKeepsTheFilesUsedLast() throws {
        let model = try Self.modelFile()
        let folder = try Fixtures.temporaryDirectory() + "/plans"
        let records = try Self.write([Self.record("E", #"{"Fine":"ab"}"#)])
        var log = DiagnosticLog()
        var paths: [String] = []
        for k in 0..<(PlanCache.keep + 3) {
            // Another modification time, another key, another file.
            var times = [timespec(tv_sec: 1_000_000_000 + k, tv_nsec: 0), timespec(tv_sec: 1_000_000_000 + k, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, model, &times, 0) == 0)
            let cache = try #require(PlanCache(directory: folder, catalog: try Self.catalog(model), wholeValuePatterns: false, log: &log))
            _ = run([records], catalog: try Self.catalog(model), threads: 1, cache: cache)
            paths.append(cache.path)
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".dcplan") }
        #expect(kept.count == PlanCache.keep)
        #expect(Set(paths.suffix(PlanCache.keep).map { ($0 as NSString).lastPathComponent }) == Set(kept))
    }

    /// A model parsed whole from documents has no files to stamp: no cache, and a warning.
    @Test func aModelNotReadFromFilesIsNotCached() throws {
        var log = DiagnosticLog()
        #expect(PlanCache(directory: "/tmp/unused", catalog: ServiceCatalog(model: try Fixtures.model), wholeValuePatterns: false, log: &log) == nil)
        #expect(log.diagnostics.map(\.description).contains { $0.contains("not cached") })
    }
}
