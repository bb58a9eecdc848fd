import APIModel
import Conformance

/// Decodes one identified operation's request or response from HTTP into the canonical
/// document, by protocol: json (body), query and ec2 (form in, XML out), rest-json and
/// rest-xml (labels, query string, headers, status code, body or payload member).
struct MessageDecoder {
    let identified: OperationIdentifier.Identified
    var proto: WireProtocol { identified.proto }

    // MARK: - requests

    func request(_ request: HTTPRequest, target: RequestTarget, form: [(key: String, value: String)]) -> DecodedMessage {
        let log = DecodeLog()
        var message = DecodedMessage()
        message.byteCount = request.body.count
        let input = identified.service.shapes(identified.operation).input
        switch proto {
        case .json:
            message.document = jsonBody(request.body, input, log: log, contentType: request.headers["Content-Type"])
        case .query, .ec2:
            let decoder = QueryFormDecoder(log: log, proto: proto)
            let tree = QueryFormDecoder.tree(form)
            message.document = input.map { decoder.structure(tree, $0) } ?? decoder.generic(tree)
        case .restJSON, .restXML:
            var pairs: [(key: String, value: JSONValue)] = []
            if let input {
                located(input, headers: request.headers, status: nil, labels: identified.labels, query: target.query, log: log, into: &pairs)
                if let body = restBody(request.body, input, contentType: request.headers["Content-Type"], log: log, notes: &message.notes) {
                    pairs.append(contentsOf: body)
                }
            }
            unclaimedQuery(target.query, input, log: log)
            message.document = .object(pairs)
        case .rpcV2CBOR:
            message.notes.append("\(WireProtocol.rpcV2CBOR.rawValue) bodies are not supported; request not checked")
        }
        finish(&message, log)
        return message
    }

    // MARK: - responses

    func response(_ response: HTTPResponse) -> DecodedMessage {
        let log = DecodeLog()
        var message = DecodedMessage()
        message.byteCount = response.body.count
        if proto == .rpcV2CBOR {
            message.notes.append("\(WireProtocol.rpcV2CBOR.rawValue) bodies are not supported; response not checked")
            return message
        }
        if ErrorResponseReader.isError(status: response.status) {
            message.error = error(response, log: log)
            finish(&message, log)
            return message
        }
        let output = identified.service.shapes(identified.operation).output
        let contentType = response.headers["Content-Type"]
        switch proto {
        case .json:
            message.document = jsonBody(response.body, output, log: log, contentType: contentType)
        case .query, .ec2:
            message.document = rpcXML(response.body, output, log: log, contentType: contentType)
        case .restJSON, .restXML:
            var pairs: [(key: String, value: JSONValue)] = []
            if let output {
                located(output, headers: response.headers, status: response.status, labels: [:], query: [], log: log, into: &pairs)
                if let body = restBody(response.body, output, contentType: contentType, log: log, notes: &message.notes) {
                    pairs.append(contentsOf: body)
                }
            }
            message.document = .object(pairs)
        case .rpcV2CBOR:
            break
        }
        finish(&message, log)
        return message
    }

    private func finish(_ message: inout DecodedMessage, _ log: DecodeLog) {
        message.issues = log.issues
        message.acceptedAsIs = log.acceptedAsIs
        if message.issues.contains(where: { $0.code == .malformed }) { message.document = nil }
    }

    // MARK: - bodies

    /// A JSON body as `shape`; empty is an empty object; nil (reported) when it is not JSON.
    private func jsonBody(_ bytes: [UInt8], _ shape: WireShape?, log: DecodeLog, contentType: String?) -> JSONValue? {
        guard let parsed = parseJSON(bytes, log: log, contentType: contentType) else { return nil }
        guard let shape else { return parsed }
        return JSONBodyDecoder(log: log, proto: proto).value(parsed, shape)
    }

    private func parseJSON(_ bytes: [UInt8], log: DecodeLog, contentType: String?) -> JSONValue? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([]) }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            log.report(.malformed, "the body is not JSON\(Self.typeNote(contentType)): \(error.message) at byte \(error.offset)")
            return nil
        }
    }

    private static func typeNote(_ contentType: String?) -> String {
        contentType.map { " (Content-Type \($0))" } ?? ""
    }

    /// A query or ec2 response: the result wrapper's content (query) or the root's (ec2).
    private func rpcXML(_ bytes: [UInt8], _ output: WireShape?, log: DecodeLog, contentType: String?) -> JSONValue? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if let output, !output.members.isEmpty {
                log.report(.malformed, "the body is empty where an XML response was expected")
                return nil
            }
            return .object([])
        }
        return withXML(bytes, log: log, contentType: contentType) { xml -> JSONValue in
            // query wraps the output in `<OperationResult>` (awsQuery's convention where the model names none).
            let wrapper = output.map { $0.wire.resultWrapper ?? identified.operation + "Result" }
            if proto == .ec2, let output {
                // ec2's root element (and a query output without wrapper) is the output itself;
                // `requestId` is the protocol's, not a member.
                guard case var .object(pairs) = xml.structure(output) else { return .object([]) }
                pairs.removeAll { $0.key == "requestId" || $0.key == "ResponseMetadata" }
                return .object(pairs)
            }
            var result: JSONValue = .object([])
            var others: [(key: String, value: JSONValue)] = []
            if xml.reader.isEmptyElement { return result }
            while xml.reader.read() {
                switch xml.reader.node {
                case .endElement: return others.isEmpty ? result : Self.merge(result, others)
                case .element:
                    if let wrapper, let output, xml.reader.localNameIs(wrapper) {
                        result = xml.structure(output)
                    } else if xml.reader.localNameIs("ResponseMetadata") || (proto == .ec2 && xml.reader.localNameIs("requestId")) {
                        xml.skip()
                    } else {
                        let name = xml.reader.localName
                        others.append((name, log.at(.member(name)) { xml.generic() }))
                    }
                default: continue
                }
            }
            return others.isEmpty ? result : Self.merge(result, others)
        }
    }

    private static func merge(_ result: JSONValue, _ more: [(key: String, value: JSONValue)]) -> JSONValue {
        guard case let .object(pairs) = result else { return result }
        return .object(pairs + more)
    }

    /// Runs `body` with the reader at the root element; nil (reported) when the XML is not
    /// well-formed or has no root.
    private func withXML(_ bytes: [UInt8], log: DecodeLog, contentType: String?, _ body: (XMLBodyDecoder) -> JSONValue) -> JSONValue? {
        bytes.withUnsafeBufferPointer { buf -> JSONValue? in
            guard let reader = XMLPullReader(buf) else {
                log.report(.malformed, "the body could not be read as XML")
                return nil
            }
            let xml = XMLBodyDecoder(reader: reader, log: log, proto: proto)
            guard xml.moveToRoot() else {
                log.report(.malformed, "the body is not XML\(Self.typeNote(contentType)): \(reader.error ?? "no root element")")
                return nil
            }
            let value = body(xml)
            if let error = reader.error {
                log.report(.malformed, "the body is not well-formed XML\(Self.typeNote(contentType)): \(error)")
                return nil
            }
            return value
        }
    }

    /// A REST body: the payload member (a structure, a blob or string as the whole body, a
    /// document) or the structure's body members. nil when there is nothing (or it is malformed).
    private func restBody(_ bytes: [UInt8], _ shape: WireShape, contentType: String?, log: DecodeLog, notes: inout [String]) -> [(key: String, value: JSONValue)]? {
        let body = shape.body
        if let p = body.payloadMember {
            let member = body.members[p]
            let m = member.shape
            if m.eventstream || m.body.members.contains(where: { $0.shape.eventstream }) {
                if !bytes.isEmpty { notes.append("\(member.name): event stream bodies are not decoded") }
                return nil
            }
            switch m.type {
            case .blob:
                return bytes.isEmpty ? nil : [(member.name, .string(Base64.encode(bytes)))]
            case .string:
                return bytes.isEmpty ? nil : [(member.name, .string(String(decoding: bytes, as: UTF8.self)))]
            default:
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
                // rest-json sends `{}` for an absent structure payload.
                if proto == .restJSON, m.type == .structure, String(decoding: bytes, as: UTF8.self).trimmedOfSpaces == "{}" { return nil }
                guard let value = bodyValue(bytes, m, contentType: contentType, log: log) else { return nil }
                return [(member.name, value)]
            }
        }
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return nil }
        guard case let .object(pairs)? = bodyValue(bytes, shape, contentType: contentType, log: log) else { return nil }
        return pairs
    }

    private func bodyValue(_ bytes: [UInt8], _ shape: WireShape, contentType: String?, log: DecodeLog) -> JSONValue? {
        if proto == .restXML {
            if shape.type == .document { return withXML(bytes, log: log, contentType: contentType) { $0.generic() } }
            return withXML(bytes, log: log, contentType: contentType) { $0.element(shape) }
        }
        return jsonBody(bytes, shape, log: log, contentType: contentType)
    }

    // MARK: - located members

    /// Members bound to the URI, query string, headers and status code.
    private func located(_ shape: WireShape, headers: HTTPHeaders, status: Int?, labels: [String: String],
                         query: [(key: String, value: String?)], log: DecodeLog, into pairs: inout [(key: String, value: JSONValue)]) {
        for member in shape.members {
            let m = member.shape
            guard let location = m.location else { continue }
            let wireName = m.locationName ?? member.name
            log.push(.member(member.name))
            defer { log.pop() }
            switch location {
            case "uri":
                if let v = labels[wireName] { pairs.append((member.name, ScalarText.decode(v, m, place: .uri, proto: proto, log: log))) }
            case "querystring":
                if m.type == .map {
                    // A map of query parameters takes those no named member takes (Smithy's httpQueryParams).
                    let taken = Set(shape.members.filter { $0.shape.location == "querystring" && $0.shape.type != .map }.map { $0.shape.locationName ?? $0.name })
                    let entries = query.filter { !taken.contains($0.key) && !identified.literalQueryKeys.contains($0.key) && !Self.isSignature($0.key) }
                    if entries.isEmpty { continue }
                    pairs.append((member.name, queryMap(entries, m, log: log)))
                } else if m.type == .list, let item = m.member {
                    let values = query.filter { $0.key == wireName }.map { $0.value ?? "" }
                    if values.isEmpty { continue }
                    pairs.append((member.name, .array(values.enumerated().map { i, v in log.at(.index(i)) { ScalarText.decode(v, item, place: .query, proto: proto, log: log) } })))
                } else if let v = query.first(where: { $0.key == wireName }) {
                    pairs.append((member.name, ScalarText.decode(v.value ?? "", m, place: .query, proto: proto, log: log)))
                }
            case "header":
                guard let v = headers[wireName] else { continue }
                pairs.append((member.name, header(v, m, log: log)))
            case "headers":
                let prefix = wireName.lowercased()
                var entries: [(key: String, value: JSONValue)] = []
                for f in headers.fields where f.name.lowercased().hasPrefix(prefix) {
                    let key = String(f.name.dropFirst(prefix.count))
                    entries.append((key, m.value.map { v in log.at(.key(key)) { ScalarText.decode(f.value, v, place: .header, proto: proto, log: log) } } ?? .string(f.value)))
                }
                if !entries.isEmpty { pairs.append((member.name, .object(entries))) }
            case "statusCode":
                if let status { pairs.append((member.name, .number(String(status)))) }
            default:
                continue
            }
        }
    }

    /// A header member: lists are comma-separated (quoted strings kept whole; HTTP dates,
    /// which hold a comma, two parts at a time), `jsonvalue` strings are base64 JSON.
    private func header(_ value: String, _ shape: WireShape, log: DecodeLog) -> JSONValue {
        if shape.type == .string && shape.wire.jsonValue {
            guard let bytes = Base64.decode(value.trimmedOfSpaces), let json = try? JSONParser.parse(bytes) else {
                log.report(.type, "expected base64-encoded JSON in the header, got \(DecodeLog.display(value))")
                return .string(value)
            }
            return json
        }
        guard shape.type == .list, let item = shape.member else {
            return ScalarText.decode(value.trimmedOfSpaces, shape, place: .header, proto: proto, log: log)
        }
        var items = HeaderList.split(value)
        let format = item.wire.timestampFormat.flatMap(TimestampFormat.init(modelName:)) ?? .rfc822
        if item.type == .timestamp && format == .rfc822 { items = HeaderList.pairUp(items) }
        return .array(items.enumerated().map { i, v in log.at(.index(i)) { ScalarText.decode(v, item, place: .header, proto: proto, log: log) } })
    }

    private func queryMap(_ entries: [(key: String, value: String?)], _ shape: WireShape, log: DecodeLog) -> JSONValue {
        guard let valueShape = shape.value else { return .object(entries.map { ($0.key, .string($0.value ?? "")) }) }
        var out: [(key: String, value: JSONValue)] = []
        var listAt: [String: Int] = [:]
        for e in entries {
            if valueShape.type == .list, let item = valueShape.member {
                let v = log.at(.key(e.key)) { ScalarText.decode(e.value ?? "", item, place: .query, proto: proto, log: log) }
                if let i = listAt[e.key], case var .array(items) = out[i].value {
                    items.append(v)
                    out[i].value = .array(items)
                } else {
                    listAt[e.key] = out.count
                    out.append((e.key, .array([v])))
                }
            } else {
                out.append((e.key, log.at(.key(e.key)) { ScalarText.decode(e.value ?? "", valueShape, place: .query, proto: proto, log: log) }))
            }
        }
        return .object(out)
    }

    /// Query parameters no member takes (SigV4's `X-Amz-*` and the route's literal keys aside).
    private func unclaimedQuery(_ query: [(key: String, value: String?)], _ shape: WireShape?, log: DecodeLog) {
        let members = shape?.members.filter { $0.shape.location == "querystring" } ?? []
        if members.contains(where: { $0.shape.type == .map }) { return }
        let names = Set(members.map { $0.shape.locationName ?? $0.name })
        var reported = Set<String>()
        for (key, _) in query where !names.contains(key) && !identified.literalQueryKeys.contains(key) && !Self.isSignature(key) {
            guard reported.insert(key).inserted else { continue }
            log.report(.unknown, at: "query \(key)", "query parameter \(DecodeLog.display(key)) is not a member of \(identified.operation)'s input")
        }
    }

    private static func isSignature(_ key: String) -> Bool { key.lowercased().hasPrefix("x-amz-") }

    // MARK: - errors

    private func error(_ response: HTTPResponse, log: DecodeLog) -> WireErrorResponse {
        switch proto {
        case .json, .restJSON, .rpcV2CBOR:
            var body: JSONValue?
            if !response.body.isEmpty {
                body = try? JSONParser.parse(response.body)
                if body == nil, !response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                    log.report(.malformed, "the error body is not JSON\(Self.typeNote(response.headers["Content-Type"]))")
                }
            }
            return ErrorResponseReader.json(response, body: body)
        case .query, .ec2, .restXML:
            if let e = ErrorResponseReader.xml(response, log: log) { return e }
            log.report(.malformed, "the error body is not an XML error response\(Self.typeNote(response.headers["Content-Type"]))")
            return WireErrorResponse(code: String(response.status), message: nil, document: .object([]), codeFromStatus: true)
        }
    }
}
