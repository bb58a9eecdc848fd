/// What one documentation format can state about an API. Projecting a model onto a view
/// drops what that format cannot express, so models from different sources compare fairly
/// (`diff --as-seen-by boto3-rst`) and merges do not mistake silence for contradiction.
public struct FormatView: Sendable, Hashable {
    public var name: String
    /// min/max/pattern
    public var constraints: Bool
    /// long vs integer, double vs float
    public var exactNumberTypes: Bool
    public var requiredInInput: Bool
    public var requiredInOutput: Bool
    /// enum of a map's key shape
    public var mapKeyEnums: Bool
    public var shapeNames: Bool
    public var streamingFlags: Bool
    /// The types of URI/header/query/status-code members: AWS reference pages give those
    /// members no `Type:` line, so a merge takes their type from the other source.
    public var locatedMemberTypes = true
    /// A map's minimum of 1 entry: AWS reference pages never print it (`Map Entries:` shows
    /// only a maximum then), so projecting onto them drops it.
    public var mapMinimumOfOne = true
    /// Facts of collections nested in collections (the counts of a list inside a list, anything
    /// below a list or map that is a map's value): AWS reference pages state a member's own
    /// facts, its list items' scalar facts and its map's key/value scalar facts, nothing deeper.
    public var nestedCollectionFacts = true
    /// Which shape a recursion repeats: boto3 pages print `{'... recursive ...'}` without naming
    /// it, so projecting onto them keeps where recursion is cut, not what it points to.
    public var recursionTargets = true
    /// boto3 hands a blob body (the operation's `payload` member) over as a stream whether or
    /// not its shape is marked `streaming` (botocore's `get_streaming_input/output`).
    public var blobPayloadStreams = false
    /// Which member is the HTTP body: only the SDK model says so explicitly.
    public var payloadMembers = true
    /// boto3's pages show the API after botocore's documentation hooks (`Boto3DocHooks`):
    /// aliases, hidden and auto-populated parameters, synthetic members.
    public var boto3DocHooks = false
    /// Members may be named as on the wire (`tagSet` for `Tags` on EC2 reference pages):
    /// comparing with another source first aligns names (`NameAlignment`).
    public var wireNames = false
    /// The members of an error structure inside an event stream: reference pages show such a
    /// member as `Type: Exception` and list nothing of it.
    public var exceptionMembers = true
    /// Tagged unions: reference pages have said "This data type is a UNION" only since about
    /// 2022; older pages show a union as a plain structure, so projecting onto them reads one so.
    public var unionTypes = true
    /// How values travel beyond location and name: botocore's serialization traits
    /// (`Shape.wire`: query names, flattening, XML attributes and namespaces, timestamp formats,
    /// host labels, result wrappers), a recursive member's binding, an error shape's wire code and the
    /// service's signing name and protocol metadata. Only the SDK model states them.
    public var wireTraits = true

    /// The name every `ref` gets in a view without `recursionTargets`.
    public static let unnamedRecursion = "(recursive)"

    public init(name: String, constraints: Bool, exactNumberTypes: Bool, requiredInInput: Bool,
                requiredInOutput: Bool, mapKeyEnums: Bool, shapeNames: Bool, streamingFlags: Bool) {
        self.name = name
        self.constraints = constraints
        self.exactNumberTypes = exactNumberTypes
        self.requiredInInput = requiredInInput
        self.requiredInOutput = requiredInOutput
        self.mapKeyEnums = mapKeyEnums
        self.shapeNames = shapeNames
        self.streamingFlags = streamingFlags
    }

    /// Everything: botocore's JSON and docconform model files.
    public static let full = FormatView(name: "full", constraints: true, exactNumberTypes: true, requiredInInput: true,
                                        requiredInOutput: true, mapKeyEnums: true, shapeNames: true, streamingFlags: true)
    /// boto3's generated method pages (RST, HTML and text renderings).
    public static let boto3: FormatView = {
        var view = FormatView(name: "boto3", constraints: false, exactNumberTypes: false, requiredInInput: true,
                              requiredInOutput: false, mapKeyEnums: false, shapeNames: false, streamingFlags: true)
        view.recursionTargets = false
        view.blobPayloadStreams = true
        view.payloadMembers = false
        view.boto3DocHooks = true
        view.wireTraits = false
        return view
    }()
    /// AWS API Reference pages.
    public static let awsReference: FormatView = {
        var view = FormatView(name: "aws-reference", constraints: true, exactNumberTypes: true, requiredInInput: true,
                              requiredInOutput: false, mapKeyEnums: false, shapeNames: true, streamingFlags: false)
        view.locatedMemberTypes = false
        view.mapMinimumOfOne = false
        view.nestedCollectionFacts = false
        view.payloadMembers = false
        view.wireNames = true
        view.unionTypes = false
        view.wireTraits = false
        view.exceptionMembers = false
        return view
    }()

    public static let named: [String: FormatView] = [
        "full": .full, "botocore": .full, "model": .full,
        "boto3": .boto3, "boto3-rst": .boto3, "boto3-html": .boto3, "boto3-html-text": .boto3, "changelog-text": .boto3,
        "aws-reference": .awsReference, "aws-reference-html": .awsReference, "aws-reference-text": .awsReference,
        "aws-reference-markdown": .awsReference,
    ]

    /// Views by name: one of `named`, or several joined by `+` (`boto3+aws-reference`: what a
    /// merge of those sources states; see `Model.projected(onto: [FormatView])`).
    public static func parse(_ spec: String) -> [FormatView]? {
        let names = spec.split(separator: "+", omittingEmptySubsequences: false)
        let views = names.compactMap { named[String($0)] }
        return views.count == names.count ? views : nil
    }

    /// What either view can state (a merge of their sources).
    public func union(_ other: FormatView) -> FormatView {
        combined(with: other, name: "\(name)+\(other.name)") { $0 || $1 }
    }

    /// What both views can state.
    public func intersection(_ other: FormatView) -> FormatView {
        combined(with: other, name: "\(name)∩\(other.name)") { $0 && $1 }
    }

    /// `states` combines each flag that says what a view can state; the flags that say how a
    /// view reads facts (blob bodies as streams, botocore's doc hooks, wire names) hold if
    /// either view has them.
    private func combined(with other: FormatView, name: String, _ states: (Bool, Bool) -> Bool) -> FormatView {
        var view = FormatView(name: name, constraints: states(constraints, other.constraints),
                              exactNumberTypes: states(exactNumberTypes, other.exactNumberTypes),
                              requiredInInput: states(requiredInInput, other.requiredInInput),
                              requiredInOutput: states(requiredInOutput, other.requiredInOutput),
                              mapKeyEnums: states(mapKeyEnums, other.mapKeyEnums), shapeNames: states(shapeNames, other.shapeNames),
                              streamingFlags: states(streamingFlags, other.streamingFlags))
        view.locatedMemberTypes = states(locatedMemberTypes, other.locatedMemberTypes)
        view.mapMinimumOfOne = states(mapMinimumOfOne, other.mapMinimumOfOne)
        view.nestedCollectionFacts = states(nestedCollectionFacts, other.nestedCollectionFacts)
        view.recursionTargets = states(recursionTargets, other.recursionTargets)
        view.payloadMembers = states(payloadMembers, other.payloadMembers)
        view.unionTypes = states(unionTypes, other.unionTypes)
        view.wireTraits = states(wireTraits, other.wireTraits)
        view.exceptionMembers = states(exceptionMembers, other.exceptionMembers)
        view.blobPayloadStreams = blobPayloadStreams || other.blobPayloadStreams
        view.boto3DocHooks = boto3DocHooks || other.boto3DocHooks
        view.wireNames = wireNames || other.wireNames
        return view
    }
}

extension Model {
    /// This model as a merge of documents of these formats would show it: its projection
    /// onto each view, merged. A fact is kept when one of the views states it (a constraint
    /// from the reference view, a located member's number type from neither), which no
    /// single set of view flags can express.
    public func projected(onto views: [FormatView]) -> Model {
        guard views.count > 1 else { return views.first.map { projected(onto: $0) } ?? self }
        var merger = ModelMerger()
        var merged: ModelMerger.Side?
        for (rank, view) in views.enumerated() {
            let side = ModelMerger.Side(model: projected(onto: view), label: view.name, view: view, precision: rank)
            merged = merged.map { merger.merge($0, side) } ?? side
        }
        return merged!.model
    }

    /// This model as `view` would show it.
    public func projected(onto view: FormatView) -> Model {
        var copy = view.boto3DocHooks ? Boto3DocHooks.apply(to: self) : self
        for sk in copy.services.keys {
            var service = copy.services[sk]!
            for ok in service.operations.keys {
                var op = service.operations[ok]!
                op.input = op.input.map { $0.projected(onto: view, requiredVisible: view.requiredInInput) }
                op.output = op.output.map { $0.projected(onto: view, requiredVisible: view.requiredInOutput) }
                service.operations[ok] = op
            }
            if view.recursionTargets {
                for name in service.shapes.keys {
                    // A shared recursive shape is used from both directions: keep required only if both show it.
                    service.shapes[name] = service.shapes[name]!.projected(onto: view, requiredVisible: view.requiredInInput && view.requiredInOutput)
                }
            } else {
                // Every ref now reads `(recursive)`: what they pointed to is not part of this view.
                service.shapes = [:]
            }
            if !view.wireTraits {
                service.signingName = nil
                service.wire = ServiceWire()
                for name in service.errorShapes.keys { service.errorShapes[name]!.code = nil }
            }
            copy.services[sk] = service
        }
        return copy
    }
}

extension Shape {
    /// How much a view that lacks `nestedCollectionFacts` states about a shape: all of a
    /// member's own facts; scalar facts of its list items (through nested lists); scalar
    /// facts of its map's key and value; nothing below those.
    enum StatedDepth { case member, listItem, mapEntry, nothing }

    static let locatedPlaces: Set<String> = ["uri", "header", "headers", "querystring", "statusCode"]

    public func projected(onto view: FormatView, requiredVisible: Bool, isMapKey: Bool = false) -> Shape {
        projected(onto: view, requiredVisible: requiredVisible, isMapKey: isMapKey, depth: .member)
    }

    func projected(onto view: FormatView, requiredVisible: Bool, isMapKey: Bool, depth: StatedDepth) -> Shape {
        if isRef {
            guard view.recursionTargets else { return Shape(ref: FormatView.unnamedRecursion) }
            // A view without wire traits shows where recursion goes, not how that member travels.
            return view.wireTraits ? self : Shape(ref: ref!)
        }
        var s = self
        if !view.wireTraits { s.wire = WireTraits() }
        if !view.constraints { s.min = nil; s.max = nil; s.pattern = nil }
        if !view.exactNumberTypes, let t = s.type { s.type = t.coarsenedForBoto3 }
        if !view.shapeNames { s.name = nil }
        if !view.streamingFlags { s.streaming = false; s.eventstream = false }
        if view.blobPayloadStreams, s.payload, s.type == .blob { s.streaming = true }
        if !view.payloadMembers { s.payload = false }
        if !view.unionTypes, s.type == .union { s.type = .structure }
        if !view.exceptionMembers, s.exception { s.members = [:]; s.required = [] }
        if isMapKey && !view.mapKeyEnums { s.enumValues = nil }
        if !requiredVisible { s.required = [] }
        if !view.mapMinimumOfOne, s.type == .map, s.min == .integer(1) { s.min = nil }
        let nested = !view.nestedCollectionFacts
        if nested, depth != .member, s.type?.isAggregate == true || depth == .nothing {
            if s.type != .structure && s.type != .union { s.min = nil; s.max = nil; s.pattern = nil; s.enumValues = nil }
        }
        for k in s.members.keys {
            var member = s.members[k]!.projected(onto: view, requiredVisible: requiredVisible, isMapKey: false, depth: .member)
            if !view.locatedMemberTypes, !member.isRef, let place = member.location, Self.locatedPlaces.contains(place) {
                // No `Type:` line for these: a list shows only through its count line.
                if member.type == .list, member.min == nil, member.max == nil, var item = member.member {
                    item.location = member.location
                    item.locationName = member.locationName
                    member = item
                }
                if let t = member.type, !t.isAggregate { member.type = .string }
            }
            s.members[k] = member
        }
        let itemDepth: StatedDepth = depth == .member || depth == .listItem ? .listItem : .nothing
        let entryDepth: StatedDepth = depth == .member ? .mapEntry : .nothing
        if let m = s.member { s.member = m.projected(onto: view, requiredVisible: requiredVisible, isMapKey: false, depth: nested ? itemDepth : .member) }
        if let k = s.key { s.key = k.projected(onto: view, requiredVisible: requiredVisible, isMapKey: true, depth: nested ? entryDepth : .member) }
        if let v = s.value { s.value = v.projected(onto: view, requiredVisible: requiredVisible, isMapKey: false, depth: nested ? entryDepth : .member) }
        return s
    }
}
