import OrderedCollections

/// One node of an operation's input/output tree (`docconform.model/1` §Shape).
///
/// A value type: a tree is owned by its operation and can be projected, merged and compared
/// without aliasing surprises. Recursion is cut by a `ref` node that names an entry of the
/// service's `shapes` table.
public struct Shape: Sendable, Hashable {
    /// nil only for a `ref` node.
    public var type: ShapeType?
    /// For a `{"ref": NAME}` node: the name of the shape in the service's `shapes` table.
    public var ref: String?

    public var members: OrderedDictionary<String, Shape> = [:]
    public var required: [String] = []
    // Single children live in 0-or-1 element arrays: arrays give the indirection a
    // recursive value type needs while keeping value semantics.
    // (Visible to inlined code: `withChild` inlined reads them without copying the shape.)
    @usableFromInline private(set) var memberStorage: [Shape] = []
    @usableFromInline private(set) var keyStorage: [Shape] = []
    @usableFromInline private(set) var valueStorage: [Shape] = []

    public var enumValues: [String]?
    public var min: Bound?
    public var max: Bound?
    public var pattern: String?
    public var name: String?
    public var documentation: String?
    public var streaming = false
    public var eventstream = false
    /// An error structure (botocore's `exception` trait); event streams carry such members.
    public var exception = false
    /// The source could show this structure's members only in part (a data-type page cut
    /// short, in a style not read, or missing): a member it lacks is unknown, not removed.
    public var partial = false
    public var sensitive = false
    public var deprecated = false

    /// Wire-level facts some sources state (AWS reference pages, botocore).
    public var location: String?
    public var locationName: String?
    /// This member is the operation's whole HTTP body (botocore's structure-level `payload`).
    public var payload = false
    // Kept out of line (0 or 1 element): most shapes have none, and shapes are copied a lot.
    private var wireStorage: [WireTraits] = []

    /// The rest of botocore's serialization traits (empty when the source states none).
    public var wire: WireTraits {
        get { wireStorage.first ?? WireTraits() }
        set { wireStorage = newValue.isEmpty ? [] : [newValue] }
    }

    /// A string that carries any JSON value (botocore's `jsonvalue`), read without copying the traits.
    public var isJSONValue: Bool { wireStorage.withUnsafeBufferPointer { $0.count > 0 && $0[0].jsonValue } }

    public init(type: ShapeType) { self.type = type }

    public init(ref: String) { self.type = nil; self.ref = ref }

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
        get { memberStorage.first }
        set { memberStorage = newValue.map { [$0] } ?? [] }
    }

    public var key: Shape? {
        get { keyStorage.first }
        set { keyStorage = newValue.map { [$0] } ?? [] }
    }

    public var value: Shape? {
        get { valueStorage.first }
        set { valueStorage = newValue.map { [$0] } ?? [] }
    }

    public func isRequired(_ member: String) -> Bool { required.contains(member) }

    /// No members, list member, map key or value (whatever the type says).
    public var hasNoChildren: Bool { members.isEmpty && memberStorage.isEmpty && keyStorage.isEmpty && valueStorage.isEmpty }

    public enum Child { case member, key, value }

    /// The list member, map key or map value read in place (nil when absent): the getters
    /// return copies, and copying a subtree retains each of its dozen reference-counted fields.
    /// Inlinable: called on `pointer.pointee` from another module, an opaque method was handed
    /// a copy of the whole shape.
    @inlinable
    public func withChild<R>(_ child: Child, _ body: (UnsafePointer<Shape>?) -> R) -> R {
        switch child {
        // An empty array's buffer may still have a base address: absent is nil.
        case .member: return memberStorage.withUnsafeBufferPointer { body($0.isEmpty ? nil : $0.baseAddress) }
        case .key: return keyStorage.withUnsafeBufferPointer { body($0.isEmpty ? nil : $0.baseAddress) }
        case .value: return valueStorage.withUnsafeBufferPointer { body($0.isEmpty ? nil : $0.baseAddress) }
        }
    }
}
