import OrderedCollections

public struct Service: Sendable, Hashable {
    /// The boto3 client name (`appstream`, `s3control`).
    public var name: String
    public var title: String?
    public var apiVersion: String?
    public var protocolName: String?
    public var endpointPrefix: String?
    /// The source shows only some of the service's operations (a changelog page shows the
    /// day's): one it does not show is unknown, not removed.
    public var partial = false
    public var operations: OrderedDictionary<String, Operation> = [:]
    /// Shapes named by `{"ref": NAME}` nodes.
    public var shapes: OrderedDictionary<String, Shape> = [:]

    public init(name: String) { self.name = name }

    /// Operations and shape tables in name order (see `Model.sortByName`).
    public mutating func sortByName() {
        operations.sort { $0.key < $1.key }
        shapes.sort { $0.key < $1.key }
    }

    /// The shape a `ref` node stands for (or the shape itself when it is not a ref).
    public func resolve(_ shape: Shape) -> Shape? {
        guard let ref = shape.ref else { return shape }
        return shapes[ref]
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
    public mutating func sortByName() {
        services.sort { $0.key < $1.key }
        for key in services.keys { services[key]!.sortByName() }
    }
}
