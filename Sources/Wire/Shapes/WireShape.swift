import APIModel

/// One node of an operation's tree as the decoders read it: the shape's type and its wire
/// traits (for a recursive `ref` node, its own traits over its definition's), with the
/// structure, list or map behind it shared by every node of the same definition.
final class WireShape {
    let type: ShapeType
    let name: String?
    let location: String?
    let locationName: String?
    let payload: Bool
    let streaming: Bool
    let eventstream: Bool
    let wire: WireTraits
    /// Members, list item, map key and value (for a ref node: its definition's, not owned).
    private let ownedBody: WireBody?
    private unowned(unsafe) let sharedBody: WireBody

    var body: WireBody { sharedBody }

    init(_ shape: Shape, overriding ref: Shape? = nil, body: WireBody, owned: Bool) {
        type = shape.type ?? .document
        name = shape.name
        location = ref?.location ?? shape.location
        locationName = ref?.locationName ?? shape.locationName
        payload = (ref?.payload ?? false) || shape.payload
        streaming = shape.streaming
        eventstream = shape.eventstream
        wire = ref.map { shape.wire.overlaid(by: $0.wire) } ?? shape.wire
        ownedBody = owned ? body : nil
        sharedBody = body
    }

    var members: [WireMember] { body.members }
    var member: WireShape? { body.member }
    var key: WireShape? { body.key }
    var value: WireShape? { body.value }
    var isStructure: Bool { type == .structure || type == .union }

    /// The names this value's elements have inside its parent's XML: its own (`locationName`
    /// or the member name) and, for a flattened list whose item is named, the item's name too
    /// (botocore's parser reads that one, its serializer writes the first).
    func xmlNames(memberName: String) -> [String] {
        let own = locationName ?? memberName
        if type == .list, wire.flattened, let itemName = member?.locationName, itemName != own { return [own, itemName] }
        return [own]
    }
}

struct WireMember {
    let name: String
    let shape: WireShape
    let required: Bool
}

/// The children of a structure, list or map, with lookups by the names each protocol uses.
final class WireBody {
    var members: [WireMember] = []
    var member: WireShape?
    var key: WireShape?
    var value: WireShape?
    /// Member index by model name, and by the name in an XML element or a JSON body.
    private(set) var byName: [String: Int] = [:]
    private(set) var byXMLName = NameTable()
    private(set) var byJSONName = NameTable()
    private(set) var attributes: [Int] = []
    /// The member that is the whole HTTP body, when the structure names one.
    private(set) var payloadMember: Int?

    func finish() {
        for (i, m) in members.enumerated() {
            byName[m.name] = i
            let bodyMember = m.shape.location == nil
            if m.shape.wire.xmlAttribute {
                attributes.append(i)
            } else if bodyMember {
                for name in m.shape.xmlNames(memberName: m.name) { byXMLName.insert(name, i) }
            }
            if bodyMember { byJSONName.insert(m.shape.locationName ?? m.name, i) }
            if m.shape.payload { payloadMember = i }
        }
    }
}

extension WireTraits {
    /// These traits with every one `other` states put over them (a member's over its shape's).
    func overlaid(by other: WireTraits) -> WireTraits {
        var t = self
        if let q = other.queryName { t.queryName = q }
        if other.flattened { t.flattened = true }
        if other.xmlAttribute { t.xmlAttribute = true }
        if let ns = other.xmlNamespace { t.xmlNamespace = ns }
        if let f = other.timestampFormat { t.timestampFormat = f }
        if other.hostLabel { t.hostLabel = true }
        if other.jsonValue { t.jsonValue = true }
        if let r = other.resultWrapper { t.resultWrapper = r }
        return t
    }
}

/// Compiles a service's operation trees into `WireShape`s once each; a recursive shape's
/// definition is compiled once and shared by every ref node naming it.
final class WireShapeCompiler {
    let service: Service
    private var definitions: [String: WireShape] = [:]
    /// Keeps every definition's body alive (ref nodes do not own theirs).
    private var definitionBodies: [WireBody] = []
    private let dangling = WireBody()

    init(service: Service) { self.service = service }

    func compile(_ shape: Shape) -> WireShape {
        if let ref = shape.ref {
            guard let definition = definition(ref) else {
                // A dangling ref: a document accepts anything rather than inventing failures.
                var any = Shape(type: .document)
                any.locationName = shape.locationName
                return WireShape(any, body: dangling, owned: false)
            }
            return WireShape(service.shapes[ref]!, overriding: shape, body: definition.body, owned: false)
        }
        let body = WireBody()
        fill(body, from: shape)
        return WireShape(shape, body: body, owned: true)
    }

    private func definition(_ name: String) -> WireShape? {
        if let d = definitions[name] { return d }
        guard let shape = service.shapes[name], !shape.isRef else { return nil }
        let body = WireBody()
        definitionBodies.append(body)
        let node = WireShape(shape, body: body, owned: false)
        definitions[name] = node
        fill(body, from: shape)
        return node
    }

    private func fill(_ body: WireBody, from shape: Shape) {
        let required = Set(shape.required)
        for (name, member) in shape.members {
            body.members.append(WireMember(name: name, shape: compile(member), required: required.contains(name)))
        }
        body.member = shape.member.map(compile)
        body.key = shape.key.map(compile)
        body.value = shape.value.map(compile)
        body.finish()
    }
}
