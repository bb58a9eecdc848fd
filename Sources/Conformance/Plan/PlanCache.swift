import APIModel
import Foundation

/// Compiled validation plans kept between runs (`validate --plan-cache DIR`): a run that finds
/// the plans of its model in the folder takes them on instead of compiling (`PlanSnapshot`);
/// a run that compiled operations the folder lacked writes them back, with those it had.
///
/// The key names everything the tables depend on: this build (the executable's path, device,
/// inode, size and modification time), the pattern-match setting, and every file the model's
/// services are read from (its absolute path, and the device, inode, size, and modification and change
/// times: a file edited, replaced or touched gets a new key; so does one linked or chmod-ed,
/// which costs a cold run, never a wrong plan). A model that is not read from files
/// (documentation pages parsed whole) is not cached. A folder keeps the `keep` files used last
/// (one per model, build and setting), so that it does not grow with every build. The folder
/// also keeps model files' indexes (`ModelIndexCache`, made when the model is opened).
/// A cache file that cannot be read, or fails its checks, is said in a warning and the run
/// compiles as if it were not there; a cache that cannot be written is a warning too. Results
/// never depend on the cache: the facts a cold run reports (patterns no engine runs, patterns
/// that gave up) come out the same (`ValidationPlan.patternFacts`).
public final class PlanCache: @unchecked Sendable {
    /// The cache file for this model, build and settings.
    public let path: String
    let key: String
    private let lock = NSLock()
    private var loaded: PlanSnapshot??
    /// Warnings: a cache file refused, or not written.
    private var warnings = DiagnosticLog()

    /// The cache in `directory` for runs of `catalog` with these settings; nil (and a warning)
    /// when the model is not read from files the key can stamp.
    public init?(directory: String, catalog: ServiceCatalog, wholeValuePatterns: Bool, log: inout DiagnosticLog) {
        guard let files = catalog.sourceFiles, !files.isEmpty else {
            log.warning(directory, "--plan-cache: the model is not read from model or botocore files alone, so its plans are not cached")
            return nil
        }
        var key = "docconform plan cache 1\n"
        // Not the binary's change time: tools that hard-link binaries (perf's build-id cache) change it.
        let workingDirectory = FileManager.default.currentDirectoryPath
        key += "build " + CacheFolder.stamp(Bundle.main.executablePath ?? CommandLine.arguments[0], in: workingDirectory, changeTime: false) + "\n"
        key += "patterns " + (wholeValuePatterns ? "full" : "search") + "\n"
        for file in files { key += "source " + CacheFolder.stamp(file, in: workingDirectory, changeTime: true) + "\n" }
        self.directory = directory
        self.key = key
        path = CacheFolder.path(in: directory, prefix: "plans-", key: key, suffix: ".dcplan")
    }

    /// How many cache files a folder keeps: those used last (their modification time is set
    /// when a run takes them).
    public static let keep = 8
    private let directory: String

    /// The cached plans (read once, by the first plan that asks; nil when there are none
    /// usable).
    func snapshot() -> PlanSnapshot? {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let found = read()
        loaded = .some(found)
        return found
    }

    /// Whether the cache file holds plans of some service, told by the file's head alone (the
    /// plans take the whole file on among the records). A damaged head only changes whether
    /// services are read ahead of their records.
    public var holdsPlans: Bool { PlanSnapshot.holdsPlans(atPath: path) }

    private func read() -> PlanSnapshot? {
        do throws(PlanSnapshot.Refused) {
            // No file yet is the usual first run, not worth a warning.
            guard let snapshot = try PlanSnapshot.read(path: path) else { return nil }
            // A different key under the same name (a hash collision) is simply another model's.
            guard snapshot.key == key else { return nil }
            // Marked as used, for the folder's pruning.
            CacheFolder.markUsed(path)
            return snapshot
        } catch {
            warnings.warning(path, "plan cache ignored: \(error.reason); plans compiled from the model")
            return nil
        }
    }

    /// Writes the plans back when `plans` (the run's, one per lane) compiled operations or error
    /// roots the cache lacked, or read services for their operation names alone (`hasOperation`)
    /// or for the errors of operations whose error responses they judged: one
    /// plan takes on the cached tables and compiles those operations onto them (so only their
    /// services are read), and the whole is written under a temporary name and renamed into
    /// place.
    public func store(_ plans: [ValidationPlan]) {
        let compiled = plans.flatMap(\.compiledOperations)
        let errorRoots = plans.flatMap(\.compiledErrorRoots)
        let namesRead = plans.reduce(into: Set<String>()) { $0.formUnion($1.namesRead) }
        var errorsRead: [String: [String: OperationErrors]] = [:]
        for plan in plans { ValidationPlan.merging(plan.errorsRead, into: &errorsRead) }
        guard let first = plans.first, !compiled.isEmpty || !errorRoots.isEmpty || !namesRead.isEmpty || !errorsRead.isEmpty else { return }
        let writer = ValidationPlan(catalog: first.catalog, wholeValuePatterns: first.patterns.wholeValue,
                                    allowUnchecked: first.allowUnchecked, cache: self)
        for (service, operation) in compiled { _ = writer.roots(service: service, operation: operation) }
        for (service, shapeName) in errorRoots { _ = writer.errorRoot(service: service, shapeName: shapeName.isEmpty ? nil : shapeName) }
        writer.namesRead = namesRead
        writer.errorsRead = errorsRead
        let bytes = PlanSnapshot.encode(writer, key: key)
        if let reason = CacheFolder.write(bytes, to: path) {
            warnings.warning(path, "plan cache not written: \(reason)")
            return
        }
        CacheFolder.prune(directory, prefix: "plans-", suffix: ".dcplan", keep: Self.keep)
    }

    /// The warnings so far, handed over.
    public func takeWarnings() -> DiagnosticLog {
        lock.lock()
        defer { lock.unlock() }
        defer { warnings = DiagnosticLog() }
        return warnings
    }
}
