/// Reads `docconform.model/1` JSON back into a `Model`. Strict about the format tag and
/// the shape of the document; every problem is reported with the JSON path where it sits.
public struct ModelReadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var description: String { message }
}

public enum ModelReader {
    /// - Parameter includeDocumentation: false skips descriptions on the plain path (the
    ///   validator needs none); a document read through the tree keeps them.
    public static func read(_ bytes: [UInt8], includeDocumentation: Bool = true) throws(ModelReadError) -> Model {
        // A well-formed document straight from its bytes; anything else through the tree,
        // which reports the problem (see ModelStreamReader).
        if let model = bytes.withUnsafeBufferPointer({ ModelStreamReader.read($0, includeDocumentation: includeDocumentation) }) {
            return model
        }
        return try readThroughTree(bytes)
    }

    /// The general reader: the whole document as a `JSONValue` tree first.
    static func readThroughTree(_ bytes: [UInt8]) throws(ModelReadError) -> Model {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw ModelReadError(message: "not valid JSON: \(error.message)", line: error.line)
        }
        guard case .object = root else { throw ModelReadError(message: "a model file must be a JSON object") }
        guard let format = root["format"]?.stringValue else {
            throw ModelReadError(message: "missing \"format\": expected \"\(Model.formatIdentifier)\"")
        }
        guard format == Model.formatIdentifier else {
            throw ModelReadError(message: "unsupported format \"\(format)\": expected \"\(Model.formatIdentifier)\"")
        }
        guard let services = root["services"]?.objectValue else {
            throw ModelReadError(message: "missing or malformed \"services\" object")
        }
        var model = Model()
        for (name, value) in services {
            model.services[name] = try readService(name, value)
        }
        return model
    }

    static func readService(_ name: String, _ value: JSONValue) throws(ModelReadError) -> Service {
        guard case .object = value else { throw ModelReadError(message: "services.\(name): expected an object") }
        var service = Service(name: name)
        service.title = value["title"]?.stringValue
        service.apiVersion = value["apiVersion"]?.stringValue
        service.protocolName = value["protocol"]?.stringValue
        service.endpointPrefix = value["endpointPrefix"]?.stringValue
        service.signingName = value["signingName"]?.stringValue
        service.serviceId = value["serviceId"]?.stringValue
        service.wire.protocols = (value["protocols"]?.arrayValue ?? []).compactMap(\.stringValue)
        service.wire.jsonVersion = value["jsonVersion"]?.stringValue
        service.wire.targetPrefix = value["targetPrefix"]?.stringValue
        service.wire.awsQueryCompatible = value["awsQueryCompatible"]?.boolValue ?? false
        service.uid = value["uid"]?.stringValue
        service.partial = value["partial"]?.boolValue ?? false
        for (opName, opValue) in value["operations"]?.objectValue ?? [] {
            service.operations[opName] = try readOperation(opName, opValue, path: "services.\(name).operations.\(opName)")
        }
        for (shapeName, shapeValue) in value["shapes"]?.objectValue ?? [] {
            service.shapes[shapeName] = try readShape(shapeValue, path: "services.\(name).shapes.\(shapeName)")
        }
        for (errorName, errorValue) in value["errorShapes"]?.objectValue ?? [] {
            let path = "services.\(name).errorShapes.\(errorName)"
            guard let shape = errorValue["shape"] else { throw ModelReadError(message: "\(path): an error shape without \"shape\"") }
            service.errorShapes[errorName] = ErrorShape(code: errorValue["code"]?.stringValue, httpStatus: errorValue["httpStatus"]?.intValue,
                                                        shape: try readShape(shape, path: path + ".shape"))
        }
        return service
    }

    private static func readOperation(_ name: String, _ value: JSONValue, path: String) throws(ModelReadError) -> Operation {
        guard case .object = value else { throw ModelReadError(message: "\(path): expected an object") }
        var op = Operation(name: name)
        op.method = value["method"]?.stringValue
        op.documentation = value["documentation"]?.stringValue
        if let http = value["http"] {
            op.http = HTTPBinding(method: http["method"]?.stringValue,
                                  requestUri: http["requestUri"]?.stringValue,
                                  responseCode: http["responseCode"]?.intValue)
        }
        if let input = value["input"] { op.input = try readShape(input, path: path + ".input") }
        if let output = value["output"] { op.output = try readShape(output, path: path + ".output") }
        for e in value["errors"]?.arrayValue ?? [] {
            guard let n = e["name"]?.stringValue else { throw ModelReadError(message: "\(path).errors: an error without a name") }
            op.errors.append(OperationError(name: n, httpStatus: e["httpStatus"]?.intValue, documentation: e["documentation"]?.stringValue,
                                            code: e["code"]?.stringValue))
        }
        op.deprecated = value["deprecated"]?.boolValue ?? false
        op.partial = value["partial"]?.boolValue ?? false
        op.sources = (value["sources"]?.arrayValue ?? []).compactMap(\.stringValue)
        return op
    }

    static func readShape(_ value: JSONValue, path: String) throws(ModelReadError) -> Shape {
        guard case let .object(pairs) = value else { throw ModelReadError(message: "\(path): expected a shape object") }
        // One pass over the keys (the first occurrence of each wins), then the fields in a fixed
        // order: a lookup per field scanned the keys twenty times per shape.
        var fields = ShapeFields()
        for (key, v) in pairs { fields.take(key, v) }
        if let ref = fields.ref?.stringValue {
            var node = Shape(ref: ref)
            fields.applyLocation(to: &node)
            return node
        }
        guard let typeName = fields.type?.stringValue else { throw ModelReadError(message: "\(path): shape without \"type\" or \"ref\"") }
        guard let type = ShapeType(rawValue: typeName) else { throw ModelReadError(message: "\(path): unknown shape type \"\(typeName)\"") }
        var shape = Shape(type: type)
        shape.name = fields.name?.stringValue
        shape.documentation = fields.documentation?.stringValue
        for (memberName, memberValue) in fields.members?.objectValue ?? [] {
            shape.members[memberName] = try readShape(memberValue, path: path + "." + memberName)
        }
        shape.required = (fields.required?.arrayValue ?? []).compactMap(\.stringValue)
        if let m = fields.member { shape.member = try readShape(m, path: path + "[]") }
        if let k = fields.key { shape.key = try readShape(k, path: path + "{key}") }
        if let v = fields.value { shape.value = try readShape(v, path: path + "{}") }
        if let e = fields.enumValues?.arrayValue { shape.enumValues = e.compactMap(\.stringValue) }
        if case let .number(n)? = fields.min { shape.min = Bound(literal: n) }
        if case let .number(n)? = fields.max { shape.max = Bound(literal: n) }
        shape.pattern = fields.pattern?.stringValue
        shape.streaming = fields.streaming?.boolValue ?? false
        shape.eventstream = fields.eventstream?.boolValue ?? false
        shape.exception = fields.exception?.boolValue ?? false
        shape.partial = fields.partial?.boolValue ?? false
        shape.sensitive = fields.sensitive?.boolValue ?? false
        shape.deprecated = fields.deprecated?.boolValue ?? false
        fields.applyLocation(to: &shape)
        return shape
    }
}

/// A shape object's known keys, picked out in one pass (first occurrence wins, others ignored).
private struct ShapeFields {
    var ref, type, name, documentation, members, required, member, key, value, enumValues: JSONValue?
    var min, max, pattern, streaming, eventstream, exception, partial, sensitive, deprecated, location, locationName, payload: JSONValue?
    var queryName, flattened, xmlAttribute, xmlNamespace, timestampFormat, hostLabel, jsonValue, resultWrapper: JSONValue?

    func applyLocation(to shape: inout Shape) {
        shape.location = location?.stringValue
        shape.locationName = locationName?.stringValue
        shape.payload = payload?.boolValue ?? false
        var wire = WireTraits()
        wire.queryName = queryName?.stringValue
        wire.flattened = flattened?.boolValue ?? false
        wire.xmlAttribute = xmlAttribute?.boolValue ?? false
        if let uri = xmlNamespace?["uri"]?.stringValue {
            wire.xmlNamespace = XMLNamespace(uri: uri, prefix: xmlNamespace?["prefix"]?.stringValue)
        }
        wire.timestampFormat = timestampFormat?.stringValue
        wire.hostLabel = hostLabel?.boolValue ?? false
        wire.jsonValue = jsonValue?.boolValue ?? false
        wire.resultWrapper = resultWrapper?.stringValue
        shape.wire = wire
    }

    mutating func take(_ k: String, _ v: JSONValue) {
        func first(_ slot: inout JSONValue?) { if slot == nil { slot = v } }
        switch k {
        case "ref": first(&ref)
        case "type": first(&type)
        case "name": first(&name)
        case "documentation": first(&documentation)
        case "members": first(&members)
        case "required": first(&required)
        case "member": first(&member)
        case "key": first(&key)
        case "value": first(&value)
        case "enum": first(&enumValues)
        case "min": first(&min)
        case "max": first(&max)
        case "pattern": first(&pattern)
        case "streaming": first(&streaming)
        case "eventstream": first(&eventstream)
        case "exception": first(&exception)
        case "partial": first(&partial)
        case "sensitive": first(&sensitive)
        case "deprecated": first(&deprecated)
        case "location": first(&location)
        case "locationName": first(&locationName)
        case "payload": first(&payload)
        case "queryName": first(&queryName)
        case "flattened": first(&flattened)
        case "xmlAttribute": first(&xmlAttribute)
        case "xmlNamespace": first(&xmlNamespace)
        case "timestampFormat": first(&timestampFormat)
        case "hostLabel": first(&hostLabel)
        case "jsonValue": first(&jsonValue)
        case "resultWrapper": first(&resultWrapper)
        default: break
        }
    }
}
