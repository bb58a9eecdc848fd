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
        let model: Model
        if let streamed = bytes.withUnsafeBufferPointer({ ModelStreamReader.read($0, includeDocumentation: includeDocumentation) }) {
            model = streamed
        } else {
            model = try readThroughTree(bytes)
        }
        try checkReferences(model)
        return model
    }

    /// The general reader: the whole document as a `JSONValue` tree first. Every field must
    /// have the type the format gives it (a field of another type, `null` included, is an
    /// error naming its path, never read as absent).
    static func readThroughTree(_ bytes: [UInt8]) throws(ModelReadError) -> Model {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw ModelReadError(message: "not valid JSON: \(error.message)", line: error.line)
        }
        guard case .object = root else { throw ModelReadError(message: "a model file must be a JSON object") }
        guard let format = root["format"] else {
            throw ModelReadError(message: "missing \"format\": expected \"\(Model.formatIdentifier)\"")
        }
        guard case let .string(formatName) = format, formatName == Model.formatIdentifier else {
            throw ModelReadError(message: "unsupported format \(format.stringValue.map { "\"\($0)\"" } ?? format.typeName): expected \"\(Model.formatIdentifier)\"")
        }
        guard let services = try object(root["services"], "services") else {
            throw ModelReadError(message: "missing \"services\" object")
        }
        var model = Model()
        for (name, value) in services {
            model.services[name] = try readService(name, value)
        }
        return model
    }

    static func readService(_ name: String, _ value: JSONValue) throws(ModelReadError) -> Service {
        let path = "services.\(name)"
        guard case .object = value else { throw wrongType(path, "an object", value) }
        var service = Service(name: name)
        service.title = try string(value["title"], path + ".title")
        service.apiVersion = try string(value["apiVersion"], path + ".apiVersion")
        service.protocolName = try string(value["protocol"], path + ".protocol")
        service.endpointPrefix = try string(value["endpointPrefix"], path + ".endpointPrefix")
        service.signingName = try string(value["signingName"], path + ".signingName")
        service.serviceId = try string(value["serviceId"], path + ".serviceId")
        service.wire.protocols = try strings(value["protocols"], path + ".protocols") ?? []
        service.wire.jsonVersion = try string(value["jsonVersion"], path + ".jsonVersion")
        service.wire.targetPrefix = try string(value["targetPrefix"], path + ".targetPrefix")
        service.wire.awsQueryCompatible = try bool(value["awsQueryCompatible"], path + ".awsQueryCompatible") ?? false
        service.uid = try string(value["uid"], path + ".uid")
        service.partial = try bool(value["partial"], path + ".partial") ?? false
        var errorCodes: [(name: String, code: String, httpStatus: Int?)] = []
        for (opName, opValue) in try object(value["operations"], path + ".operations") ?? [] {
            service.operations[opName] = try readOperation(opName, opValue, path: "\(path).operations.\(opName)", errorCodes: &errorCodes)
        }
        for (shapeName, shapeValue) in try object(value["shapes"], path + ".shapes") ?? [] {
            service.shapes[shapeName] = try readShape(shapeValue, path: "\(path).shapes.\(shapeName)")
        }
        for (errorName, errorValue) in try object(value["errorShapes"], path + ".errorShapes") ?? [] {
            let at = "\(path).errorShapes.\(errorName)"
            guard case .object = errorValue else { throw wrongType(at, "an object", errorValue) }
            guard let shape = errorValue["shape"] else { throw ModelReadError(message: "\(at): an error shape without \"shape\"") }
            service.errorShapes[errorName] = ErrorShape(code: try string(errorValue["code"], at + ".code"),
                                                        httpStatus: try int(errorValue["httpStatus"], at + ".httpStatus"),
                                                        shape: try readShape(shape, path: at + ".shape"))
        }
        for e in errorCodes { service.adoptOperationErrorCode(e.code, error: e.name, httpStatus: e.httpStatus) }
        return service
    }

    /// - Parameter errorCodes: gets the `errors[].code` of older files, for the service's error shapes.
    private static func readOperation(_ name: String, _ value: JSONValue, path: String,
                                      errorCodes: inout [(name: String, code: String, httpStatus: Int?)]) throws(ModelReadError) -> Operation {
        guard case .object = value else { throw wrongType(path, "an object", value) }
        var op = Operation(name: name)
        op.method = try string(value["method"], path + ".method")
        op.documentation = try string(value["documentation"], path + ".documentation")
        if let http = value["http"] {
            guard case .object = http else { throw wrongType(path + ".http", "an object", http) }
            op.http = HTTPBinding(method: try string(http["method"], path + ".http.method"),
                                  requestUri: try string(http["requestUri"], path + ".http.requestUri"),
                                  responseCode: try int(http["responseCode"], path + ".http.responseCode"))
        }
        if let input = value["input"] { op.input = try readShape(input, path: path + ".input") }
        if let output = value["output"] { op.output = try readShape(output, path: path + ".output") }
        for (k, e) in (try array(value["errors"], path + ".errors") ?? []).enumerated() {
            let at = "\(path).errors[\(k)]"
            guard case .object = e else { throw wrongType(at, "an object", e) }
            guard let n = try string(e["name"], at + ".name") else { throw ModelReadError(message: "\(at): an error without a name") }
            let status = try int(e["httpStatus"], at + ".httpStatus")
            op.errors.append(OperationError(name: n, httpStatus: status, documentation: try string(e["documentation"], at + ".documentation")))
            if let code = try string(e["code"], at + ".code") { errorCodes.append((n, code, status)) }
        }
        op.deprecated = try bool(value["deprecated"], path + ".deprecated") ?? false
        op.partial = try bool(value["partial"], path + ".partial") ?? false
        op.sources = try strings(value["sources"], path + ".sources") ?? []
        return op
    }

    static func readShape(_ value: JSONValue, path: String, depth: Int = 1) throws(ModelReadError) -> Shape {
        guard case let .object(pairs) = value else { throw wrongType(path, "a shape object", value) }
        guard depth <= ShapeNesting.limit else {
            let shown = path.count > 160 ? "\(path.prefix(80))…\(path.suffix(40))" : path
            throw ModelReadError(message: "\(shown): shapes nest deeper than \(ShapeNesting.limit) levels")
        }
        // One pass over the keys (the first occurrence of each wins), then the fields in a fixed
        // order: a lookup per field scanned the keys twenty times per shape.
        var fields = ShapeFields()
        for (key, v) in pairs { fields.take(key, v) }
        if let ref = try string(fields.ref, path + ".ref") {
            var node = Shape(ref: ref)
            try fields.applyLocation(to: &node, path: path)
            return node
        }
        guard let typeName = try string(fields.type, path + ".type") else { throw ModelReadError(message: "\(path): shape without \"type\" or \"ref\"") }
        guard let type = ShapeType(rawValue: typeName) else { throw ModelReadError(message: "\(path): unknown shape type \"\(typeName)\"") }
        var shape = Shape(type: type)
        shape.name = try string(fields.name, path + ".name")
        shape.documentation = try string(fields.documentation, path + ".documentation")
        for (memberName, memberValue) in try object(fields.members, path + ".members") ?? [] {
            shape.members[memberName] = try readShape(memberValue, path: path + "." + memberName, depth: depth + 1)
        }
        shape.required = try strings(fields.required, path + ".required") ?? []
        if let m = fields.member { shape.member = try readShape(m, path: path + "[]", depth: depth + 1) }
        if let k = fields.key { shape.key = try readShape(k, path: path + "{key}", depth: depth + 1) }
        if let v = fields.value { shape.value = try readShape(v, path: path + "{}", depth: depth + 1) }
        shape.enumValues = try strings(fields.enumValues, path + ".enum")
        shape.min = try bound(fields.min, path + ".min")
        shape.max = try bound(fields.max, path + ".max")
        shape.pattern = try string(fields.pattern, path + ".pattern")
        shape.streaming = try bool(fields.streaming, path + ".streaming") ?? false
        shape.eventstream = try bool(fields.eventstream, path + ".eventstream") ?? false
        shape.exception = try bool(fields.exception, path + ".exception") ?? false
        shape.partial = try bool(fields.partial, path + ".partial") ?? false
        shape.sensitive = try bool(fields.sensitive, path + ".sensitive") ?? false
        shape.deprecated = try bool(fields.deprecated, path + ".deprecated") ?? false
        try fields.applyLocation(to: &shape, path: path)
        return shape
    }

    // MARK: - typed fields (absent: nil; present with another type, null included: an error)

    static func wrongType(_ path: String, _ expected: String, _ value: JSONValue) -> ModelReadError {
        ModelReadError(message: "\(path): expected \(expected), got \(value.typeName)")
    }

    static func string(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> String? {
        guard let value else { return nil }
        guard case let .string(s) = value else { throw wrongType(path, "a string", value) }
        return s
    }

    static func bool(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> Bool? {
        guard let value else { return nil }
        guard case let .bool(b) = value else { throw wrongType(path, "true or false", value) }
        return b
    }

    static func int(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> Int? {
        guard let value else { return nil }
        guard let i = value.intValue else { throw wrongType(path, "an integer", value) }
        return i
    }

    static func bound(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> Bound? {
        guard let value else { return nil }
        guard case let .number(text) = value, let b = Bound(literal: text) else { throw wrongType(path, "a finite number", value) }
        return b
    }

    static func object(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> [(key: String, value: JSONValue)]? {
        guard let value else { return nil }
        guard case let .object(pairs) = value else { throw wrongType(path, "an object", value) }
        return pairs
    }

    static func array(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> [JSONValue]? {
        guard let value else { return nil }
        guard case let .array(items) = value else { throw wrongType(path, "an array", value) }
        return items
    }

    static func strings(_ value: JSONValue?, _ path: String) throws(ModelReadError) -> [String]? {
        guard let items = try array(value, path) else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            guard case let .string(s) = item else { throw wrongType("\(path)[\(k)]", "a string", item) }
            out.append(s)
        }
        return out
    }

    // MARK: - references and nesting

    /// Every `ref` must name an entry of its service's `shapes`, an entry must define a shape
    /// rather than refer to another (a model breaking either would switch validation off where
    /// the ref stands and hide changes from `diff`), and trees nest within `ShapeNesting.limit`.
    static func checkReferences(_ model: Model) throws(ModelReadError) {
        for service in model.services.values { try checkReferences(service) }
    }

    /// One service's part of `checkReferences` (a service read on its own from a model file).
    static func checkReferences(_ service: Service) throws(ModelReadError) {
        for (name, shape) in service.shapes where shape.isRef {
            throw ModelReadError(message: "services.\(service.name).shapes.\(name): a shapes entry must define a shape, not refer to \"\(shape.ref!)\"")
        }
        if let problem = ShapeNesting.violations(in: service, definedRefs: true).first {
            throw ModelReadError(message: "services.\(service.name): \(problem.message)")
        }
    }
}

/// A shape object's known keys, picked out in one pass (first occurrence wins, others ignored).
private struct ShapeFields {
    var ref, type, name, documentation, members, required, member, key, value, enumValues: JSONValue?
    var min, max, pattern, streaming, eventstream, exception, partial, sensitive, deprecated, location, locationName, payload: JSONValue?
    var queryName, flattened, xmlAttribute, xmlNamespace, timestampFormat, hostLabel, jsonValue, resultWrapper: JSONValue?

    func applyLocation(to shape: inout Shape, path: String) throws(ModelReadError) {
        typealias R = ModelReader
        shape.location = try R.string(location, path + ".location")
        shape.locationName = try R.string(locationName, path + ".locationName")
        shape.payload = try R.bool(payload, path + ".payload") ?? false
        var wire = WireTraits()
        wire.queryName = try R.string(queryName, path + ".queryName")
        wire.flattened = try R.bool(flattened, path + ".flattened") ?? false
        wire.xmlAttribute = try R.bool(xmlAttribute, path + ".xmlAttribute") ?? false
        if try R.object(xmlNamespace, path + ".xmlNamespace") != nil, let uri = try R.string(xmlNamespace?["uri"], path + ".xmlNamespace.uri") {
            wire.xmlNamespace = XMLNamespace(uri: uri, prefix: try R.string(xmlNamespace?["prefix"], path + ".xmlNamespace.prefix"))
        }
        wire.timestampFormat = try R.string(timestampFormat, path + ".timestampFormat")
        wire.hostLabel = try R.bool(hostLabel, path + ".hostLabel") ?? false
        wire.jsonValue = try R.bool(jsonValue, path + ".jsonValue") ?? false
        wire.resultWrapper = try R.string(resultWrapper, path + ".resultWrapper")
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
