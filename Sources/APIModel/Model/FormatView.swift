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
    public static let boto3 = FormatView(name: "boto3", constraints: false, exactNumberTypes: false, requiredInInput: true,
                                         requiredInOutput: false, mapKeyEnums: false, shapeNames: false, streamingFlags: true)
    /// AWS API Reference pages.
    public static let awsReference = FormatView(name: "aws-reference", constraints: true, exactNumberTypes: true, requiredInInput: true,
                                                requiredInOutput: false, mapKeyEnums: false, shapeNames: true, streamingFlags: false)

    public static let named: [String: FormatView] = [
        "full": .full, "botocore": .full, "model": .full,
        "boto3": .boto3, "boto3-rst": .boto3, "boto3-html": .boto3, "boto3-html-text": .boto3, "changelog-text": .boto3,
        "aws-reference": .awsReference, "aws-reference-html": .awsReference, "aws-reference-text": .awsReference,
        "aws-reference-markdown": .awsReference,
    ]

    /// What both views can state.
    public func intersection(_ other: FormatView) -> FormatView {
        FormatView(name: "\(name)∩\(other.name)", constraints: constraints && other.constraints,
                   exactNumberTypes: exactNumberTypes && other.exactNumberTypes,
                   requiredInInput: requiredInInput && other.requiredInInput,
                   requiredInOutput: requiredInOutput && other.requiredInOutput,
                   mapKeyEnums: mapKeyEnums && other.mapKeyEnums, shapeNames: shapeNames && other.shapeNames,
                   streamingFlags: streamingFlags && other.streamingFlags)
    }
}

extension Model {
    /// This model as `view` would show it.
    public func projected(onto view: FormatView) -> Model {
        var copy = self
        for sk in copy.services.keys {
            var service = copy.services[sk]!
            for ok in service.operations.keys {
                var op = service.operations[ok]!
                op.input = op.input.map { $0.projected(onto: view, requiredVisible: view.requiredInInput) }
                op.output = op.output.map { $0.projected(onto: view, requiredVisible: view.requiredInOutput) }
                service.operations[ok] = op
            }
            for name in service.shapes.keys {
                // A shared recursive shape is used from both directions: keep required only if both show it.
                service.shapes[name] = service.shapes[name]!.projected(onto: view, requiredVisible: view.requiredInInput && view.requiredInOutput)
            }
            copy.services[sk] = service
        }
        return copy
    }
}

extension Shape {
    public func projected(onto view: FormatView, requiredVisible: Bool, isMapKey: Bool = false) -> Shape {
        if isRef { return self }
        var s = self
        if !view.constraints { s.min = nil; s.max = nil; s.pattern = nil }
        if !view.exactNumberTypes, let t = s.type { s.type = t.coarsenedForBoto3 }
        if !view.shapeNames { s.name = nil }
        if !view.streamingFlags { s.streaming = false; s.eventstream = false }
        if isMapKey && !view.mapKeyEnums { s.enumValues = nil }
        if !requiredVisible { s.required = [] }
        for k in s.members.keys {
            s.members[k] = s.members[k]!.projected(onto: view, requiredVisible: requiredVisible)
        }
        if let m = s.member { s.member = m.projected(onto: view, requiredVisible: requiredVisible) }
        if let k = s.key { s.key = k.projected(onto: view, requiredVisible: requiredVisible, isMapKey: true) }
        if let v = s.value { s.value = v.projected(onto: view, requiredVisible: requiredVisible) }
        return s
    }
}
