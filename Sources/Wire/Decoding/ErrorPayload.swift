import APIModel
import Conformance

/// Error responses, decoded into what botocore gives its caller (`ClientError.response`, less
/// `ResponseMetadata`), so that the validator checks them as it checks a parsed error record
/// (direction `error`): the same codes judged by the same rules, at the same paths.
///
/// `{"Error": {"Code": ..., "Message": ..., ...}, <the error shape's members>}`: the `Error`
/// object as each protocol's parser builds it (an XML error's every child; a JSON error's code
/// and message, and a query-compatible service's `QueryErrorCode` and `Type`), and beside it the
/// members of the error shape the code names, read as botocore's modeled-error pass reads them
/// (`_add_modeled_error_fields`: only when the service has an error shape for the code; from the
/// error element of an XML body, the JSON or CBOR body, and for REST protocols the headers and
/// status too). Unlike botocore, members of a JSON or CBOR body that the shape does not know are
/// kept (the checker reports them), the protocol's own fields (`__type`, `code`, `message`)
/// aside; an XML error's other children are in `Error`, where botocore puts them.
extension MessageDecoder {
    func errorResponse(_ response: HTTPResponse, log: DecodeLog, into message: inout DecodedMessage) {
        guard let error = errorObject(response, log: log) else {
            message.error = ErrorResponseReader.facts(ErrorResponseReader.fromStatus(response.status))
            return
        }
        let facts = ErrorResponseReader.facts(error)
        message.error = facts
        let w = CanonicalWriter(capacity: response.body.count + 128)
        w.beginObject()
        w.key("Error")
        w.value(.object(error))
        if let shape = errorShape(facts) {
            for (key, value) in errorMembers(response, shape, log: log) {
                w.key(key)
                w.value(value)
            }
        }
        w.endObject()
        message.canonical = w.bytes
    }

    /// The error shape whose members the response carries: the one the code names, judged as
    /// the validator judges it.
    private func errorShape(_ facts: WireErrorResponse) -> WireShape? {
        let service = identified.service
        return records.errorShapeName(code: facts.code, queryErrorCode: facts.queryErrorCode, service: service.service.name,
                                      operation: identified.operation).flatMap(service.errorShape)
    }

    // MARK: - the Error object

    /// nil (reported) when the body is not in the protocol's format.
    private func errorObject(_ response: HTTPResponse, log: DecodeLog) -> [(key: String, value: JSONValue)]? {
        if ErrorResponseReader.isGeneric(response) { return ErrorResponseReader.fromStatus(response.status) }
        let contentType = response.headers["Content-Type"]
        switch proto {
        case .json, .restJSON, .rpcV2CBOR:
            var body: [(key: String, value: JSONValue)] = []
            if !Self.isBlank(response.body) {
                let cbor = proto == .rpcV2CBOR
                guard let value = cbor ? CBORBodyDecoder.document(response.body) : try? JSONParser.parse(response.body) else {
                    log.report(.malformed, "the error body is not \(cbor ? "CBOR" : "JSON")\(Self.typeNote(contentType))")
                    return nil
                }
                guard case let .object(pairs) = value else {
                    log.report(.malformed, "the error body is not a \(cbor ? "CBOR map" : "JSON object")\(Self.typeNote(contentType))")
                    return nil
                }
                body = pairs
            }
            return ErrorResponseReader.json(response, body: body, restJSON: proto == .restJSON)
        case .query, .ec2, .restXML:
            if Self.isBlank(response.body) { return ErrorResponseReader.fromStatus(response.status) }
            var error: [(key: String, value: JSONValue)]?
            let wellFormed = withXML(response.body, log: log, contentType: contentType) { xml in
                let bare = xml.reader.localNameIs("Error")
                guard Self.moveToErrorElement(xml) else { return }
                var children = xml.generic().objectValue ?? []
                if bare {
                    // S3's bare <Error>: botocore keeps its RequestId and HostId in ResponseMetadata only.
                    children.removeAll { $0.key == "RequestId" || $0.key == "HostId" }
                }
                if proto == .restXML && !bare {
                    // botocore's rest-xml parser starts from an empty code and message.
                    for key in ["Code", "Message"] where !children.contains(where: { $0.key == key }) { children.append((key, .string(""))) }
                }
                error = children
            }
            guard wellFormed else { return nil }
            guard let error else {
                log.report(.malformed, "the error body is not an XML error response (no <Error> element)\(Self.typeNote(contentType))")
                return nil
            }
            return error
        }
    }

    /// From the root element to the error element botocore reads: the root itself when it is
    /// `<Error>` (S3), else its `<Error>` child (`<ErrorResponse>`: query, rest-xml) or the
    /// first `<Error>` in its `<Errors>` (ec2's `<Response>`). False when there is none.
    static func moveToErrorElement(_ xml: XMLBodyDecoder) -> Bool {
        let reader = xml.reader
        if reader.localNameIs("Error") { return true }
        while xml.moveToChild(where: { reader.localNameIs("Error") || reader.localNameIs("Errors") }) {
            if reader.localNameIs("Error") || xml.moveToChild(where: { reader.localNameIs("Error") }) { return true }
        }
        return false
    }

    // MARK: - the error's members

    /// The fields botocore's JSON and CBOR error parsers read into `Error`: not members, unless
    /// the error shape names one so.
    private static let errorFields: Set<String> = ["__type", "code", "Code", "message", "Message"]

    /// The error shape's members the response carries, by member name.
    private func errorMembers(_ response: HTTPResponse, _ shape: WireShape, log: DecodeLog) -> [(key: String, value: JSONValue)] {
        let body = response.body
        let contentType = response.headers["Content-Type"]
        var bytes: [UInt8]?
        switch proto {
        case .json:
            bytes = jsonBody(body, shape, log: log, contentType: contentType)
        case .rpcV2CBOR:
            bytes = cborBody(body, shape, log: log, contentType: contentType)
        case .restJSON, .restXML, .query, .ec2:
            let w = CanonicalWriter(capacity: body.count + 64)
            w.beginObject()
            if proto == .restJSON || proto == .restXML {
                located(shape, headers: response.headers, status: response.status, labels: [:], query: [], log: log, into: w)
            }
            if proto == .restJSON {
                var notes: [String] = []
                restBody(body, shape, contentType: contentType, log: log, notes: &notes, into: w)
            } else if !Self.isBlank(body) {
                _ = withXML(body, log: log, contentType: contentType) { xml in
                    if Self.moveToErrorElement(xml) { xml.members(shape, into: w) }
                }
            }
            w.endObject()
            bytes = w.bytes
        }
        guard let bytes, let pairs = (try? JSONParser.parse(bytes))?.objectValue else { return [] }
        let members = Set(shape.members.map(\.name))
        // An XML error's other children are in `Error`; a JSON body's are kept, the protocol's fields aside.
        let xml = proto == .query || proto == .ec2 || proto == .restXML
        return pairs.filter { members.contains($0.key) || (!xml && !Self.errorFields.contains($0.key)) }
    }
}
