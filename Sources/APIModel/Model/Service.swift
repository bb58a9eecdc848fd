import OrderedCollections

public struct Service: Sendable, Hashable {
    /// The boto3 client name (`appstream`, `s3control`).
    public var name: String
    public var title: String?
    public var apiVersion: String?
    public var protocolName: String?
    /// The host prefix of the service's endpoints (`api.ecr`, `elasticloadbalancing`): what
    /// placebo names its recordings by.
    public var endpointPrefix: String?
    /// The SigV4 signing name (a request's credential scope names it), where the source gives one.
    public var signingName: String?
    /// The service id (`Elastic Load Balancing v2`), botocore's stable name for the service.
    public var serviceId: String?
    /// botocore's `uid` (`runtime.lex-2016-11-28`): AWS reference pages name a service by its
    /// uid (See Also links) or endpoint prefix, not by the SDK's name.
    public var uid: String?
    /// Protocols, JSON version, target prefix (botocore's metadata).
    public var wire = ServiceWire()
    /// The source shows only some of the service's operations (a changelog page shows the
    /// day's): one it does not show is unknown, not removed.
    public var partial = false
    public var operations: OrderedDictionary<String, Operation> = [:]
    /// Shapes named by `{"ref": NAME}` nodes.
    public var shapes: OrderedDictionary<String, Shape> = [:]
    /// The service's error shapes by shape name (botocore's `exception` shapes): what an error
    /// response of this service carries. Operations list the ones they document by name.
    public var errorShapes: OrderedDictionary<String, ErrorShape> = [:]

    public init(name: String) { self.name = name }

    /// A service without operations yet, named as its index entry names it.
    public init(entry: ServiceEntry) {
        self.init(name: entry.name)
        title = entry.title
        apiVersion = entry.apiVersion
        protocolName = entry.protocolName
        endpointPrefix = entry.endpointPrefix
        signingName = entry.signingName
        serviceId = entry.serviceId
    }

    /// Operations and shape tables in name order (see `Model.sortByName`).
    public mutating func sortByName() {
        operations.sortByKeyIfNeeded()
        shapes.sortByKeyIfNeeded()
        errorShapes.sortByKeyIfNeeded()
    }

    var isSortedByName: Bool {
        operations.keys.isStrictlyAscending && shapes.keys.isStrictlyAscending && errorShapes.keys.isStrictlyAscending
    }

    /// The shape a `ref` node stands for (or the shape itself when it is not a ref).
    public func resolve(_ shape: Shape) -> Shape? {
        guard let ref = shape.ref else { return shape }
        return shapes[ref]
    }
}

/// An error the service defines: its wire code where it differs from the shape name
/// (botocore's `error.code`: `NoSuchEntity` for `NoSuchEntityException`), its HTTP status and
/// the members an error response carries.
public struct ErrorShape: Sendable, Hashable {
    public var code: String?
    public var httpStatus: Int?
    public var shape: Shape

    public init(code: String? = nil, httpStatus: Int? = nil, shape: Shape) {
        self.code = code
        self.httpStatus = httpStatus
        self.shape = shape
    }
}

public struct Model: Sendable, Hashable {
    public static let formatIdentifier = "docconform.model/1"
    public var services: OrderedDictionary<String, Service> = [:]

    public init() {}

    public init(services: [Service]) {
        for s in services { self.services[s.name] = s }
    }

    public var operationCount: Int { services.values.reduce(0) { $0 + $1.operations.count } }

    /// Services and operations in name order, so every writer and renderer is deterministic.
    /// Tables already in order are left untouched: sorting rebuilds a table, and a copy of a
    /// model (a writer's) would then copy every service it shares. Services are sorted in
    /// parallel, each in place.
    public mutating func sortByName() {
        services.sortByKeyIfNeeded()
        guard !services.values.allSatisfy(\.isSortedByName) else { return }
        services.values.withUnsafeMutableBufferPointer { services in
            services.parallelForEach { $0.sortByName() }
        }
    }
}

extension OrderedDictionary where Key == String {
    /// Sorts by key unless the keys are in order already (sorting rebuilds the hash table).
    mutating func sortByKeyIfNeeded() {
        if !keys.isStrictlyAscending { sort { $0.key < $1.key } }
    }
}

extension Collection where Element: Comparable {
    var isStrictlyAscending: Bool {
        zip(self, dropFirst()).allSatisfy { $0 < $1 }
    }
}
