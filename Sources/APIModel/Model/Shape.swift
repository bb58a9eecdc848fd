import OrderedCollections

/// One node of an operation's input/output tree (`docconform.model/1` §Shape).
///
/// A value type: a tree is owned by its operation and can be projected, merged and compared
/// without aliasing surprises. Recursion is cut by a `ref` node that names an entry of the
/// service's `shapes` table.
public struct Shape: Sendable, Hashable {
    /// A shape's facts, held behind one reference: shapes are copied a lot (out of member
    /// tables, by getters, into merged models), and a copy of the facts themselves retained
    /// and released each of their dozen reference-counted fields. Copy on write keeps the
    /// value semantics.
    @usableFromInline final class Storage: @unchecked Sendable {
        // Read and written only through `Shape`, which copies before writing a shared one.
        @usableFromInline @exclusivity(unchecked) var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline struct Fields: Sendable, Hashable {
        var type: ShapeType? = nil
        var ref: String? = nil
        var members: OrderedDictionary<String, Shape> = [:]
        var required: [String] = []
        var enumValues: [String]? = nil
        var min: Bound? = nil
        var max: Bound? = nil
        var pattern: String? = nil
        var name: String? = nil
        var documentation: String? = nil
        var streaming: Bool = false
        var eventstream: Bool = false
        var exception: Bool = false
        var partial: Bool = false
        var sensitive: Bool = false
        var deprecated: Bool = false
        var location: String? = nil
        var locationName: String? = nil
        var payload: Bool = false
        // A single child is held directly: the storage object gives a recursive value the
        // indirection it needs.
        @usableFromInline var member: Shape? = nil
        @usableFromInline var key: Shape? = nil
        @usableFromInline var value: Shape? = nil
        // Kept out of line (0 or 1 element): most shapes have none.
        var wireStorage: [WireTraits] = []
    }

    @usableFromInline var storage: Storage

    /// Makes the facts this shape's own before they are written.
    @inline(__always) private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    public static func == (a: Shape, b: Shape) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// nil only for a `ref` node.
    public var type: ShapeType? {
        get { storage.fields.type }
        _modify { makeUnique(); yield &storage.fields.type }
    }
    /// For a `{"ref": NAME}` node: the name of the shape in the service's `shapes` table.
    public var ref: String? {
        get { storage.fields.ref }
        _modify { makeUnique(); yield &storage.fields.ref }
    }
    public var members: OrderedDictionary<String, Shape> {
        get { storage.fields.members }
        _modify { makeUnique(); yield &storage.fields.members }
    }
    public var required: [String] {
        get { storage.fields.required }
        _modify { makeUnique(); yield &storage.fields.required }
    }
    public var enumValues: [String]? {
        get { storage.fields.enumValues }
        _modify { makeUnique(); yield &storage.fields.enumValues }
    }
    public var min: Bound? {
        get { storage.fields.min }
        _modify { makeUnique(); yield &storage.fields.min }
    }
    public var max: Bound? {
        get { storage.fields.max }
        _modify { makeUnique(); yield &storage.fields.max }
    }
    public var pattern: String? {
        get { storage.fields.pattern }
        _modify { makeUnique(); yield &storage.fields.pattern }
    }
    public var name: String? {
        get { storage.fields.name }
        _modify { makeUnique(); yield &storage.fields.name }
    }
    public var documentation: String? {
        get { storage.fields.documentation }
        _modify { makeUnique(); yield &storage.fields.documentation }
    }
    public var streaming: Bool {
        get { storage.fields.streaming }
        _modify { makeUnique(); yield &storage.fields.streaming }
    }
    public var eventstream: Bool {
        get { storage.fields.eventstream }
        _modify { makeUnique(); yield &storage.fields.eventstream }
    }
    /// An error structure (botocore's `exception` trait); event streams carry such members.
    public var exception: Bool {
        get { storage.fields.exception }
        _modify { makeUnique(); yield &storage.fields.exception }
    }
    /// The source could show this structure's members only in part (a data-type page cut
    /// short, in a style not read, or missing): a member it lacks is unknown, not removed.
    public var partial: Bool {
        get { storage.fields.partial }
        _modify { makeUnique(); yield &storage.fields.partial }
    }
    public var sensitive: Bool {
        get { storage.fields.sensitive }
        _modify { makeUnique(); yield &storage.fields.sensitive }
    }
    public var deprecated: Bool {
        get { storage.fields.deprecated }
        _modify { makeUnique(); yield &storage.fields.deprecated }
    }
    /// Wire-level facts some sources state (AWS reference pages, botocore).
    public var location: String? {
        get { storage.fields.location }
        _modify { makeUnique(); yield &storage.fields.location }
    }
    public var locationName: String? {
        get { storage.fields.locationName }
        _modify { makeUnique(); yield &storage.fields.locationName }
    }
    /// This member is the operation's whole HTTP body (botocore's structure-level `payload`).
    public var payload: Bool {
        get { storage.fields.payload }
        _modify { makeUnique(); yield &storage.fields.payload }
    }

    /// The rest of botocore's serialization traits (empty when the source states none).
    public var wire: WireTraits {
        get { storage.fields.wireStorage.first ?? WireTraits() }
        set { makeUnique(); storage.fields.wireStorage = newValue.isEmpty ? [] : [newValue] }
    }

    /// A string that carries any JSON value (botocore's `jsonvalue`), read without copying the traits.
    public var isJSONValue: Bool { storage.fields.wireStorage.withUnsafeBufferPointer { $0.count > 0 && $0[0].jsonValue } }

    public init(type: ShapeType) { storage = Storage(Fields(type: type)) }

    public init(ref: String) { storage = Storage(Fields(ref: ref)) }

    public static func structure(_ members: [(String, Shape)], required: [String] = []) -> Shape {
        var s = Shape(type: .structure)
        for (k, v) in members { s.members[k] = v }
        s.required = required
        return s
    }

    public static func list(of member: Shape) -> Shape {
        var s = Shape(type: .list)
        s.member = member
        return s
    }

    public static func map(key: Shape, value: Shape) -> Shape {
        var s = Shape(type: .map)
        s.key = key
        s.value = value
        return s
    }

    public var isRef: Bool { ref != nil }

    public var member: Shape? {
        get { storage.fields.member }
        _modify { makeUnique(); yield &storage.fields.member }
    }

    public var key: Shape? {
        get { storage.fields.key }
        _modify { makeUnique(); yield &storage.fields.key }
    }

    public var value: Shape? {
        get { storage.fields.value }
        _modify { makeUnique(); yield &storage.fields.value }
    }

    public func isRequired(_ member: String) -> Bool { required.contains(member) }

    /// No members, list member, map key or value (whatever the type says).
    public var hasNoChildren: Bool {
        storage.fields.members.isEmpty && storage.fields.member == nil && storage.fields.key == nil && storage.fields.value == nil
    }

    public enum Child { case member, key, value }

    /// The list member, map key or map value, as a pointer for readers that walk trees through
    /// pointers (nil when absent). The child is one reference: handing it on costs one retain.
    @inlinable
    public func withChild<R>(_ child: Child, _ body: (UnsafePointer<Shape>?) -> R) -> R {
        let found: Shape? = switch child {
        case .member: storage.fields.member
        case .key: storage.fields.key
        case .value: storage.fields.value
        }
        guard let found else { return body(nil) }
        return withUnsafePointer(to: found) { body($0) }
    }
}
