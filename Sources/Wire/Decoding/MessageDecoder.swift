import APIModel
import Conformance

/// Decodes one identified operation's request or response from HTTP into the canonical
/// document, by protocol: json (body), query and ec2 (form in, XML out), rest-json and
/// rest-xml (labels, query string, headers, status code, body or payload member).
struct MessageDecoder {
    let identified: OperationIdentifier.Identified
    /// Names the error shape of an error response's code, as the validator judges codes.
    let records: RecordValidator
    var proto: WireProtocol { identified.proto }

    // MARK: - requests

    func request(_ request: HTTPRequest, target: RequestTarget, form: [(key: String, value: String)]) -> DecodedMessage {
        let log = DecodeLog()
        var message = DecodedMessage()
        message.byteCount = request.body.count
        let input = identified.service.shapes(identified.operation).input
        switch proto {
        case .json:
            message.canonical = jsonBody(request.body, input, log: log, contentType: request.headers["Content-Type"])
        case .query, .ec2:
            let decoder = QueryFormDecoder(log: log, proto: proto)
            let tree = QueryFormDecoder.tree(form)
            message.canonical = Self.bytes(of: input.map { decoder.structure(tree, $0) } ?? decoder.generic(tree))
        case .restJSON, .restXML:
            let w = CanonicalWriter(capacity: request.body.count + 256)
            w.beginObject()
            if let input {
                located(input, headers: request.headers, status: nil, labels: identified.labels, query: target.query, log: log, into: w)
                restBody(request.body, input, contentType: request.headers["Content-Type"], log: log, notes: &message.notes, into: w)
            }
            w.endObject()
            unclaimedQuery(target.query, input, log: log)
            message.canonical = w.bytes
        case .rpcV2CBOR:
            message.canonical = cborBody(request.body, input, log: log, contentType: request.headers["Content-Type"])
        }
        finish(&message, log)
        return message
    }

    // MARK: - responses

    func response(_ response: HTTPResponse) -> DecodedMessage {
        let log = DecodeLog()
        var message = DecodedMessage()
        message.byteCount = response.body.count
        if ErrorResponseReader.isError(status: response.status) {
            errorResponse(response, log: log, into: &message)
            finish(&message, log)
            return message
        }
        let output = identified.service.shapes(identified.operation).output
        let contentType = response.headers["Content-Type"]
        switch proto {
        case .json:
            message.canonical = jsonBody(response.body, output, log: log, contentType: contentType)
        case .query, .ec2:
            message.canonical = rpcXML(response.body, output, log: log, contentType: contentType)
        case .restJSON, .restXML:
            let w = CanonicalWriter(capacity: response.body.count + 256)
            w.beginObject()
            if let output {
                located(output, headers: response.headers, status: response.status, labels: [:], query: [], log: log, into: w)
                restBody(response.body, output, contentType: contentType, log: log, notes: &message.notes, into: w)
            }
            w.endObject()
            message.canonical = w.bytes
        case .rpcV2CBOR:
            message.canonical = cborBody(response.body, output, log: log, contentType: contentType)
        }
        finish(&message, log)
        return message
    }

    private func finish(_ message: inout DecodedMessage, _ log: DecodeLog) {
        message.issues = log.issues
        message.acceptedAsIs = log.acceptedAsIs
        if message.issues.contains(where: { $0.code == .malformed }) { message.canonical = nil }
    }

    static func bytes(of value: JSONValue) -> [UInt8] {
        let w = CanonicalWriter(capacity: 256)
        w.value(value)
        return w.bytes
    }

    static func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    // MARK: - bodies

    /// A JSON body as `shape` (the canonical document's bytes); empty is an empty object; nil
    /// (reported) when it is not JSON.
    func jsonBody(_ bytes: [UInt8], _ shape: WireShape?, log: DecodeLog, contentType: String?) -> [UInt8]? {
        if Self.isBlank(bytes) { return Array("{}".utf8) }
        let w = CanonicalWriter(capacity: bytes.count + 64)
        let ok = readJSON(bytes, log: log, contentType: contentType) { (body: UnsafeBufferPointer<UInt8>) throws(MalformedJSON) -> Bool in
            try JSONBodyTranscoder.transcode(body, shape, log: log, into: w)
            return true
        }
        return ok ? w.bytes : nil
    }

    /// A CBOR body (`smithy-rpc-v2-cbor`) as `shape`; empty is an empty object; nil (reported)
    /// when it is not CBOR.
    func cborBody(_ bytes: [UInt8], _ shape: WireShape?, log: DecodeLog, contentType: String?) -> [UInt8]? {
        if bytes.isEmpty { return Array("{}".utf8) }
        let w = CanonicalWriter(capacity: bytes.count * 2 + 64)
        let mark = log.mark
        let failure: CBORReader.Failure? = bytes.withUnsafeBufferPointer { body in
            do throws(CBORReader.Failure) {
                try CBORBodyDecoder.decode(body, shape, log: log, into: w)
                return nil
            } catch { return error }
        }
        if let failure {
            log.rollback(to: mark)
            log.report(.malformed, "the body is not CBOR\(Self.typeNote(contentType)): \(failure.reason) at byte \(failure.offset)")
            return nil
        }
        return w.bytes
    }

    /// Runs `transcode` over the body; false when it is not JSON (reported, and what was logged
    /// while reading it forgotten: a body that cannot be read is not checked further) or when
    /// `transcode` says so.
    func readJSON(_ bytes: [UInt8], log: DecodeLog, contentType: String?,
                          _ transcode: (UnsafeBufferPointer<UInt8>) throws(MalformedJSON) -> Bool) -> Bool {
        let mark = log.mark
        let outcome: Result<Bool, MalformedJSON> = bytes.withUnsafeBufferPointer { body in
            do throws(MalformedJSON) { return .success(try transcode(body)) } catch { return .failure(error) }
        }
        switch outcome {
        case let .success(ok): return ok
        case let .failure(error):
            log.rollback(to: mark)
            log.report(.malformed, "the body is not JSON\(Self.typeNote(contentType)): \(error.reason) at byte \(error.offset)")
            return false
        }
    }

    static func typeNote(_ contentType: String?) -> String {
        contentType.map { " (Content-Type \($0))" } ?? ""
    }

    /// A query or ec2 response: the result wrapper's content (query) or the root's (ec2).
    private func rpcXML(_ bytes: [UInt8], _ output: WireShape?, log: DecodeLog, contentType: String?) -> [UInt8]? {
        if Self.isBlank(bytes) {
            if let output, !output.members.isEmpty {
                log.report(.malformed, "the body is empty where an XML response was expected")
                return nil
            }
            return Array("{}".utf8)
        }
        let w = CanonicalWriter(capacity: bytes.count / 2 + 256)
        w.beginObject()
        let ok = withXML(bytes, log: log, contentType: contentType) { xml in
            if proto == .ec2, let output {
                // ec2's root element is the output itself; `requestId` is the protocol's, not a member.
                xml.members(output, into: w, skipping: ["requestId", "ResponseMetadata"])
                return
            }
            // query wraps the output in `<OperationResult>` (awsQuery's convention where the model names none).
            let wrapper = output.map { $0.wire.resultWrapper ?? identified.operation + "Result" }
            if xml.reader.isEmptyElement { return }
            while xml.reader.read() {
                switch xml.reader.node {
                case .endElement: return
                case .element:
                    if let wrapper, let output, xml.reader.localNameIs(wrapper) {
                        xml.members(output, into: w)
                    } else if xml.reader.localNameIs("ResponseMetadata") || (proto == .ec2 && xml.reader.localNameIs("requestId")) {
                        xml.skip()
                    } else {
                        let name = xml.reader.localName
                        w.key(name)
                        w.value(log.at(.member(name)) { xml.generic() })
                    }
                default: continue
                }
            }
        }
        w.endObject()
        return ok ? w.bytes : nil
    }

    /// Runs `body` with the reader at the root element; false (reported, and what was logged
    /// while reading forgotten) when the XML is not well-formed or has no root.
    func withXML(_ bytes: [UInt8], log: DecodeLog, contentType: String?, _ body: (XMLBodyDecoder) -> Void) -> Bool {
        let mark = log.mark
        return bytes.withUnsafeBufferPointer { buf -> Bool in
            guard let reader = XMLPullReader(buf) else {
                log.report(.malformed, "the body could not be read as XML")
                return false
            }
            let xml = XMLBodyDecoder(reader: reader, log: log, proto: proto)
            guard xml.moveToRoot() else {
                log.report(.malformed, "the body is not XML\(Self.typeNote(contentType)): \(reader.error ?? "no root element")")
                return false
            }
            body(xml)
            if let error = reader.error {
                log.rollback(to: mark)
                log.report(.malformed, "the body is not well-formed XML\(Self.typeNote(contentType)): \(error)")
                return false
            }
            return true
        }
    }

    /// A REST body, written into the object `out` is writing: the payload member (a structure,
    /// a blob or string as the whole body, a document) or the structure's body members.
    func restBody(_ bytes: [UInt8], _ shape: WireShape, contentType: String?, log: DecodeLog, notes: inout [String], into out: CanonicalWriter) {
        let body = shape.body
        if let p = body.payloadMember {
            let member = body.members[p]
            let m = member.shape
            if m.eventstream || m.body.members.contains(where: { $0.shape.eventstream }) {
                if !bytes.isEmpty { notes.append("\(member.name): event stream bodies are not decoded") }
                return
            }
            switch m.type {
            case .blob:
                if !bytes.isEmpty { out.key(member.name); out.string(Base64.encode(bytes)) }
            case .string:
                if !bytes.isEmpty { out.key(member.name); out.string(String(decoding: bytes, as: UTF8.self)) }
            default:
                if Self.isBlank(bytes) { return }
                // rest-json sends `{}` for an absent structure payload.
                if proto == .restJSON, m.type == .structure, String(decoding: bytes, as: UTF8.self).trimmedOfSpaces == "{}" { return }
                let value = CanonicalWriter(capacity: bytes.count + 64)
                let ok: Bool
                if proto == .restXML {
                    ok = withXML(bytes, log: log, contentType: contentType) { xml in
                        log.at(.member(member.name)) { m.type == .document ? value.value(xml.generic()) : xml.element(m, into: value) }
                    }
                } else {
                    ok = readJSON(bytes, log: log, contentType: contentType) { (body: UnsafeBufferPointer<UInt8>) throws(MalformedJSON) -> Bool in
                        log.push(.member(member.name))
                        defer { log.pop() }
                        try JSONBodyTranscoder.transcode(body, m, log: log, into: value)
                        return true
                    }
                }
                if ok { out.key(member.name); out.rawValue(value) }
            }
            return
        }
        guard !Self.isBlank(bytes) else { return }
        if proto == .restXML {
            _ = withXML(bytes, log: log, contentType: contentType) { xml in
                if shape.type == .document { return }
                xml.members(shape, into: out)
            }
            return
        }
        let isObject = readJSON(bytes, log: log, contentType: contentType) { (body: UnsafeBufferPointer<UInt8>) throws(MalformedJSON) -> Bool in
            try JSONBodyTranscoder.transcodeMembers(body, shape, log: log, into: out)
        }
        if !isObject, !log.issues.contains(where: { $0.code == .malformed }) {
            log.report(.type, "expected a JSON object as the body\(Self.typeNote(contentType))")
        }
    }

    // MARK: - located members

    /// Members bound to the URI, query string, headers and status code.
    func located(_ shape: WireShape, headers: HTTPHeaders, status: Int?, labels: [String: String],
                         query: [(key: String, value: String?)], log: DecodeLog, into out: CanonicalWriter) {
        var pairs: [(key: String, value: JSONValue)] = []
        defer { for (k, v) in pairs { out.key(k); out.value(v) } }
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
}
