/// Reads a well-formed `docconform.model/1` document straight from its bytes into a `Model`,
/// without building a `JSONValue` tree first: the tree of a whole botocore release is millions
/// of values, and building, reading and freeing it was most of the time and half the peak
/// memory of loading a model file.
///
/// It takes only the plain path: anything unexpected (malformed JSON, a field of another type,
/// a key given twice, nesting deeper than the parser allows) makes it give up, and
/// `ModelReader` then reads the document through the tree, which accepts what it accepts and
/// reports each problem with its path. So both ways give the same model or the same error.
struct ModelStreamReader {
    struct GiveUp: Error {}

    private var r: JSONParser.Reader
    private var depth = 0
    /// Without descriptions, `documentation` strings are checked and skipped, never made
    /// (a validator needs none, and they are half of a model file written with them).
    private let includeDocumentation: Bool
    /// The service's `errors[].code` read so far (older files), for its error shapes.
    private var operationErrorCodes: [(name: String, code: String, httpStatus: Int?)] = []

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, includeDocumentation: Bool = true) -> Model? {
        var reader = ModelStreamReader(r: JSONParser.Reader(bytes), includeDocumentation: includeDocumentation)
        return try? reader.document()
    }

    /// One service's object (`ModelFileIndex` reads a service from its byte range).
    static func readService(_ bytes: UnsafeBufferPointer<UInt8>, name: String, includeDocumentation: Bool) -> Service? {
        var reader = ModelStreamReader(r: JSONParser.Reader(bytes), includeDocumentation: includeDocumentation)
        reader.interning = true
        guard let service = try? reader.service(name) else { return nil }
        reader.r.skipWhitespace()
        return reader.r.position == bytes.count ? service : nil
    }

    private init(r: JSONParser.Reader, includeDocumentation: Bool) {
        self.r = r
        self.includeDocumentation = includeDocumentation
    }

    // MARK: - the document

    private mutating func document() throws(GiveUp) -> Model {
        var format: String?
        var model: Model?
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "format": try s.once(&seen, 0); format = try s.string()
            case "services":
                try s.once(&seen, 1)
                var m = Model()
                try s.object { (s: inout ModelStreamReader, name: String) throws(GiveUp) in
                    m.services[name] = try s.service(name)
                }
                model = m
            default: try s.skip()
            }
        }
        r.skipWhitespace()
        guard r.position == r.bytes.count, format == Model.formatIdentifier, let model else { throw GiveUp() }
        return model
    }

    private mutating func service(_ name: String) throws(GiveUp) -> Service {
        var service = Service(name: name)
        operationErrorCodes = []
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "title": try s.once(&seen, 0); service.title = try s.string()
            case "apiVersion": try s.once(&seen, 1); service.apiVersion = try s.string()
            case "protocol": try s.once(&seen, 2); service.protocolName = try s.string()
            case "endpointPrefix": try s.once(&seen, 3); service.endpointPrefix = try s.string()
            case "partial": try s.once(&seen, 4); service.partial = try s.bool()
            case "signingName": try s.once(&seen, 7); service.signingName = try s.string()
            case "uid": try s.once(&seen, 14); service.uid = try s.string()
            case "serviceId": try s.once(&seen, 8); service.serviceId = try s.string()
            case "errorShapes":
                try s.once(&seen, 9)
                try s.object { (s: inout ModelStreamReader, errorName: String) throws(GiveUp) in
                    service.errorShapes[errorName] = try s.errorShape()
                }
            case "protocols":
                try s.once(&seen, 10)
                try s.array { (s: inout ModelStreamReader) throws(GiveUp) in service.wire.protocols.append(try s.string()) }
            case "jsonVersion": try s.once(&seen, 11); service.wire.jsonVersion = try s.string()
            case "targetPrefix": try s.once(&seen, 12); service.wire.targetPrefix = try s.string()
            case "awsQueryCompatible": try s.once(&seen, 13); service.wire.awsQueryCompatible = try s.bool()
            case "operations":
                try s.once(&seen, 5)
                try s.object { (s: inout ModelStreamReader, opName: String) throws(GiveUp) in
                    service.operations[opName] = try s.operation(opName)
                }
            case "shapes":
                try s.once(&seen, 6)
                try s.object { (s: inout ModelStreamReader, shapeName: String) throws(GiveUp) in
                    service.shapes[shapeName] = try s.shape()
                }
            default: try s.skip()
            }
        }
        for e in operationErrorCodes { service.adoptOperationErrorCode(e.code, error: e.name, httpStatus: e.httpStatus) }
        return service
    }

    private mutating func operation(_ name: String) throws(GiveUp) -> Operation {
        var op = Operation(name: name)
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "method": try s.once(&seen, 0); op.method = try s.string()
            case "documentation": try s.once(&seen, 1); op.documentation = try s.documentation()
            case "http":
                try s.once(&seen, 2)
                var http = HTTPBinding()
                var httpSeen: UInt32 = 0
                try s.object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
                    switch key {
                    case "method": try s.once(&httpSeen, 0); http.method = try s.string()
                    case "requestUri": try s.once(&httpSeen, 1); http.requestUri = try s.string()
                    case "responseCode": try s.once(&httpSeen, 2); http.responseCode = try s.int()
                    default: try s.skip()
                    }
                }
                op.http = http
            case "input": try s.once(&seen, 3); op.input = try s.shape()
            case "output": try s.once(&seen, 4); op.output = try s.shape()
            case "errors":
                try s.once(&seen, 5)
                try s.array { (s: inout ModelStreamReader) throws(GiveUp) in op.errors.append(try s.operationError()) }
            case "deprecated": try s.once(&seen, 6); op.deprecated = try s.bool()
            case "partial": try s.once(&seen, 7); op.partial = try s.bool()
            case "sources":
                try s.once(&seen, 8)
                try s.array { (s: inout ModelStreamReader) throws(GiveUp) in op.sources.append(try s.string()) }
            default: try s.skip()
            }
        }
        return op
    }

    private mutating func operationError() throws(GiveUp) -> OperationError {
        var name: String?, status: Int?, documentation: String?, code: String?
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "name": try s.once(&seen, 0); name = try s.string()
            case "httpStatus": try s.once(&seen, 1); status = try s.int()
            case "documentation": try s.once(&seen, 2); documentation = try s.documentation()
            case "code": try s.once(&seen, 3); code = try s.string()
            default: try s.skip()
            }
        }
        guard let name else { throw GiveUp() }
        if let code { operationErrorCodes.append((name, code, status)) }
        return OperationError(name: name, httpStatus: status, documentation: documentation)
    }

    private mutating func errorShape() throws(GiveUp) -> ErrorShape {
        var code: String?, status: Int?, shape: Shape?
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "code": try s.once(&seen, 0); code = try s.string()
            case "httpStatus": try s.once(&seen, 1); status = try s.int()
            case "shape": try s.once(&seen, 2); shape = try s.shape()
            default: try s.skip()
            }
        }
        guard let shape else { throw GiveUp() }
        return ErrorShape(code: code, httpStatus: status, shape: shape)
    }

    private mutating func shape() throws(GiveUp) -> Shape {
        depth += 1
        defer { depth -= 1 }
        guard depth <= ShapeNesting.limit else { throw GiveUp() }
        var ref: String?, type: ShapeType?
        var shape = Shape(type: .structure)
        var wire = WireTraits()
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "ref": try s.once(&seen, 0); ref = try s.string()
            case "type":
                try s.once(&seen, 1)
                guard let t = ShapeType(rawValue: try s.string()) else { throw GiveUp() }
                type = t
            case "name": try s.once(&seen, 2); shape.name = try s.string()
            case "documentation": try s.once(&seen, 3); shape.documentation = try s.documentation()
            case "members":
                try s.once(&seen, 4)
                try s.object { (s: inout ModelStreamReader, memberName: String) throws(GiveUp) in
                    shape.members[memberName] = try s.shape()
                }
            case "required":
                try s.once(&seen, 5)
                try s.array { (s: inout ModelStreamReader) throws(GiveUp) in shape.required.append(try s.string()) }
            case "member": try s.once(&seen, 6); shape.member = try s.shape()
            case "key": try s.once(&seen, 7); shape.key = try s.shape()
            case "value": try s.once(&seen, 8); shape.value = try s.shape()
            case "enum":
                try s.once(&seen, 9)
                var values: [String] = []
                try s.array { (s: inout ModelStreamReader) throws(GiveUp) in values.append(try s.string()) }
                shape.enumValues = values
            case "min": try s.once(&seen, 10); shape.min = try s.bound()
            case "max": try s.once(&seen, 11); shape.max = try s.bound()
            case "pattern": try s.once(&seen, 12); shape.pattern = try s.string()
            case "streaming": try s.once(&seen, 13); shape.streaming = try s.bool()
            case "eventstream": try s.once(&seen, 14); shape.eventstream = try s.bool()
            case "sensitive": try s.once(&seen, 15); shape.sensitive = try s.bool()
            case "deprecated": try s.once(&seen, 16); shape.deprecated = try s.bool()
            case "location": try s.once(&seen, 17); shape.location = try s.string()
            case "locationName": try s.once(&seen, 18); shape.locationName = try s.string()
            case "payload": try s.once(&seen, 19); shape.payload = try s.bool()
            case "queryName": try s.once(&seen, 20); wire.queryName = try s.string()
            case "flattened": try s.once(&seen, 21); wire.flattened = try s.bool()
            case "xmlAttribute": try s.once(&seen, 22); wire.xmlAttribute = try s.bool()
            case "xmlNamespace": try s.once(&seen, 23); wire.xmlNamespace = try s.xmlNamespace()
            case "timestampFormat": try s.once(&seen, 24); wire.timestampFormat = try s.string()
            case "hostLabel": try s.once(&seen, 25); wire.hostLabel = try s.bool()
            case "jsonValue": try s.once(&seen, 26); wire.jsonValue = try s.bool()
            case "resultWrapper": try s.once(&seen, 27); wire.resultWrapper = try s.string()
            case "exception": try s.once(&seen, 28); shape.exception = try s.bool()
            case "partial": try s.once(&seen, 29); shape.partial = try s.bool()
            default: try s.skip()
            }
        }
        if !wire.isEmpty { shape.wire = wire }
        if let ref {
            // A ref node keeps how its member travels; nothing else.
            var node = Shape(ref: ref)
            node.location = shape.location
            node.locationName = shape.locationName
            node.payload = shape.payload
            node.wire = shape.wire
            return node
        }
        guard let type else { throw GiveUp() }
        shape.type = type
        return interning ? intern(shape) : shape
    }

    /// Named aggregate shapes read so far, by name: a file repeats a shape's whole tree
    /// wherever an operation uses it, and handing back the copy already read shares its storage,
    /// as a botocore import does (less memory; a validation plan compiles shared members once).
    /// Children are interned first, so telling two apart compares one level only.
    private var interned: [String: [Shape]] = [:]
    private var interning = false

    private mutating func intern(_ shape: Shape) -> Shape {
        guard let name = shape.name, shape.type?.isAggregate == true else { return shape }
        if let same = interned[name]?.first(where: { $0 == shape }) { return same }
        interned[name, default: []].append(shape)
        return shape
    }

    private mutating func xmlNamespace() throws(GiveUp) -> XMLNamespace {
        var uri: String?, prefix: String?
        var seen: UInt32 = 0
        try object { (s: inout ModelStreamReader, key: String) throws(GiveUp) in
            switch key {
            case "uri": try s.once(&seen, 0); uri = try s.string()
            case "prefix": try s.once(&seen, 1); prefix = try s.string()
            default: try s.skip()
            }
        }
        guard let uri else { throw GiveUp() }
        return XMLNamespace(uri: uri, prefix: prefix)
    }

    // MARK: - JSON pieces

    /// Marks field `bit` as read; a second occurrence gives up (the tree reader keeps the first).
    private func once(_ seen: inout UInt32, _ bit: UInt32) throws(GiveUp) {
        guard seen & (1 << bit) == 0 else { throw GiveUp() }
        seen |= 1 << bit
    }

    private mutating func peek() -> UInt8? {
        r.skipWhitespace()
        return r.position < r.bytes.count ? r.bytes[r.position] : nil
    }

    /// Calls `body` for each member of an object, with the reader at the member's value.
    private mutating func object(_ body: (inout ModelStreamReader, String) throws(GiveUp) -> Void) throws(GiveUp) {
        guard peek() == UInt8(ascii: "{") else { throw GiveUp() }
        r.position += 1
        if peek() == UInt8(ascii: "}") { r.position += 1; return }
        while true {
            let key: String
            do { key = try r.parseKey() } catch { throw GiveUp() }
            try body(&self, key)
            switch peek() {
            case UInt8(ascii: ","): r.position += 1
            case UInt8(ascii: "}"): r.position += 1; return
            default: throw GiveUp()
            }
        }
    }

    /// Calls `body` for each item of an array, with the reader at the item.
    private mutating func array(_ body: (inout ModelStreamReader) throws(GiveUp) -> Void) throws(GiveUp) {
        guard peek() == UInt8(ascii: "[") else { throw GiveUp() }
        r.position += 1
        if peek() == UInt8(ascii: "]") { r.position += 1; return }
        while true {
            try body(&self)
            switch peek() {
            case UInt8(ascii: ","): r.position += 1
            case UInt8(ascii: "]"): r.position += 1; return
            default: throw GiveUp()
            }
        }
    }

    private mutating func string() throws(GiveUp) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw GiveUp() }
        do { return try r.parseString() } catch { throw GiveUp() }
    }

    /// A description, or nil without reading it into a String when descriptions are not wanted.
    private mutating func documentation() throws(GiveUp) -> String? {
        if includeDocumentation { return try string() }
        guard peek() == UInt8(ascii: "\"") else { throw GiveUp() }
        do { try r.skipString() } catch { throw GiveUp() }
        return nil
    }

    private mutating func bool() throws(GiveUp) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"): do { try r.expectLiteral("true") } catch { throw GiveUp() }; return true
        case UInt8(ascii: "f"): do { try r.expectLiteral("false") } catch { throw GiveUp() }; return false
        default: throw GiveUp()
        }
    }

    private mutating func numberText() throws(GiveUp) -> String {
        guard let b = peek(), b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else { throw GiveUp() }
        do { return try r.parseNumber() } catch { throw GiveUp() }
    }

    /// As the tree reader reads it (`JSONValue.intValue`).
    private mutating func int() throws(GiveUp) -> Int {
        guard let i = JSONValue.number(try numberText()).intValue else { throw GiveUp() }
        return i
    }

    private mutating func bound() throws(GiveUp) -> Bound {
        guard let b = Bound(literal: try numberText()) else { throw GiveUp() }
        return b
    }

    /// A value of a key the model does not know, read and dropped.
    private mutating func skip() throws(GiveUp) {
        r.skipWhitespace()
        do { _ = try r.parseValue() } catch { throw GiveUp() }
    }
}
