import Foundation
import OrderedCollections

/// What an index knows of a service before reading it: the names it answers to, read from a
/// botocore file's `metadata` or a model file's service head.
public struct ServiceEntry: Sendable, Hashable {
    /// The service key (the botocore data folder name, the model's `services` key).
    public var name: String
    public var title: String?
    public var apiVersion: String?
    public var protocolName: String?
    public var endpointPrefix: String?
    public var signingName: String?
    public var serviceId: String?

    public init(name: String) { self.name = name }
}

/// A model read one service at a time: an index of the services (names and metadata, cheap to
/// build) and a loader that imports a service the first time someone asks for it. A run that
/// validates records of two services pays for those two, not for the whole of botocore.
///
/// `service(_:)` may be called from several threads at once (a run validating on every core):
/// a service is imported once, by the first thread that asks.
public final class ServiceCatalog: @unchecked Sendable {
    /// Every service the source holds, by key, in name order.
    public let entries: OrderedDictionary<String, ServiceEntry>

    /// Imports one service; problems go to the log (a nil service is reported there). Called
    /// from several threads at once by `prefetch`.
    public typealias Loader = @Sendable (ServiceEntry, inout DiagnosticLog) -> Service?

    private let loader: Loader
    /// The files whose contents make every service (nil: services not read from files, or
    /// not only from them): what a plan cache's key stamps (`PlanCache`).
    public let sourceFiles: [String]?
    /// Guards `loaded`, `log` and the counters.
    private let lock = NSLock()
    private var loaded: [String: SharedService?] = [:]
    /// Findings of the services read so far.
    public private(set) var log = DiagnosticLog()

    public init(entries: [ServiceEntry], sourceFiles: [String]? = nil, loader: @escaping Loader) {
        self.sourceFiles = sourceFiles
        var table = OrderedDictionary<String, ServiceEntry>()
        for e in entries { table[e.name] = e }
        table.sort { $0.key < $1.key }
        self.entries = table
        self.loader = loader
    }

    /// Several indexes as one: a service key given by more than one is read from the last
    /// (as reading the sources whole keeps the later service).
    public convenience init(indexes: [ServiceIndex]) {
        var owner: [String: Int] = [:]
        var entries: [String: ServiceEntry] = [:]
        for (k, index) in indexes.enumerated() {
            for e in index.entries {
                owner[e.name] = k
                entries[e.name] = e
            }
        }
        let owners = owner
        let files = indexes.allSatisfy { $0.sourceFiles != nil } ? indexes.flatMap { $0.sourceFiles ?? [] } : nil
        self.init(entries: Array(entries.values), sourceFiles: files) { entry, log in
            guard let k = owners[entry.name] else { return nil }
            return indexes[k].load(entry, &log)
        }
    }

    /// A model already in memory, seen through the same interface.
    public convenience init(model: Model) {
        let services = model.services
        self.init(entries: services.values.map(ServiceEntry.init(service:))) { entry, _ in services[entry.name] }
    }

    /// The service, imported on first use; nil when the source has no such service or it
    /// could not be read (see `log`).
    public func service(_ name: String) -> Service? { shared(name)?.service }

    /// The service as `service(_:)` gives it, held by reference: what keeps one at hand takes
    /// a reference, not a copy of its every field.
    public func shared(_ name: String) -> SharedService? {
        lock.lock()
        defer { lock.unlock() }
        if let done = loaded[name] { return done }
        guard let entry = entries[name] else { return nil }
        let started = threadCPUSeconds()
        let service = loader(entry, &log).map(SharedService.init)
        loadSeconds += threadCPUSeconds() - started
        loaded[name] = .some(service)
        return service
    }

    /// CPU time spent reading services on first use (model loading, apart from validating).
    public private(set) var loadSeconds: Double = 0

    /// Reads these services ahead, on every core (names the catalog does not hold, or has read
    /// already, are passed over): a run that knows which services its records name pays the
    /// imports once each, side by side, instead of one after another as records meet them.
    public func prefetch(_ names: [String]) {
        lock.lock()
        defer { lock.unlock() }
        var wanted: [ServiceEntry] = []
        var seen = Set<String>()
        for name in names where loaded[name] == nil && seen.insert(name).inserted {
            if let entry = entries[name] { wanted.append(entry) }
        }
        guard wanted.count > 1 else { return }
        let loader = self.loader
        let results = wanted.parallelMap { entry -> (Service?, DiagnosticLog) in
            var local = DiagnosticLog()
            let service = loader(entry, &local)
            return (service, local)
        }
        for (entry, (service, local)) in zip(wanted, results) {
            loaded[entry.name] = .some(service.map(SharedService.init))
            log.append(contentsOf: local)
        }
        prefetchedCount += wanted.count
    }

    /// How many services `prefetch` read.
    public private(set) var prefetchedCount = 0

    /// How many services have been imported so far.
    public var loadedCount: Int { lock.withLock { loaded.count } }

    /// Every service, imported (for what needs the whole model).
    public func model() -> Model {
        prefetch(Array(entries.keys))
        var model = Model()
        for name in entries.keys { if let s = service(name) { model.services[name] = s } }
        return model
    }
}

/// A service read by a catalog, held by reference (a `Service` is a large value: a copy retains
/// and releases each of its fields).
public final class SharedService: Sendable {
    public let service: Service
    public init(_ service: Service) { self.service = service }
}

/// One source's services, indexed, and how to read one of them.
public struct ServiceIndex: Sendable {
    public var entries: [ServiceEntry]
    public var load: ServiceCatalog.Loader
    /// The files `load` and the entries are read from (nil: not only files).
    public var sourceFiles: [String]?

    public init(entries: [ServiceEntry], sourceFiles: [String]? = nil, load: @escaping ServiceCatalog.Loader) {
        self.entries = entries
        self.sourceFiles = sourceFiles
        self.load = load
    }
}

extension ServiceEntry {
    /// The entry of a service already read.
    /// The names a service answers to (`Service.init(entry:)` is the way back).
    public init(service: Service) {
        self.init(name: service.name)
        title = service.title
        apiVersion = service.apiVersion
        protocolName = service.protocolName
        endpointPrefix = service.endpointPrefix
        signingName = service.signingName
        serviceId = service.serviceId
    }
}
