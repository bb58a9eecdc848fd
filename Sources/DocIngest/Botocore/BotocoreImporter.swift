import APIModel

/// Imports one botocore `service-2.json` into a `Service`: every operation's input and
/// output expanded into a tree, recursion cut with `ref` (the recursive shape then defined
/// once in `shapes`), botocore's traits mapped to model fields.
public enum BotocoreImporter {
    /// - Parameters:
    ///   - serviceName: the boto3 client name (the botocore data folder name).
    ///   - bytes: the `service-2.json` content (already gunzipped).
    ///   - extras: the `service-2.sdk-extras.json` content, merged when present.
    ///   - source: the path recorded in `sources` and in diagnostics.
    ///   - includeDocumentation: false leaves descriptions out (no HTML-to-text work).
    public static func importService(
        serviceName: String, bytes: [UInt8], extras: [UInt8]? = nil, source: String, includeDocumentation: Bool = true,
        log: inout DiagnosticLog
    ) -> Service? {
        let root: JSONValue
        do {
            // Without descriptions their text is never made (most of a service file's bytes).
            root = try JSONParser.parse(bytes, omittingStringMembers: includeDocumentation ? nil : "documentation")
        } catch {
            log.error(source, line: error.line, "not a valid botocore model: \(error.message)")
            return nil
        }
        var document = BotocoreDocument(root)
        guard document.isModel else {
            log.error(source, "not a botocore service model: no \"operations\" or \"shapes\" object")
            return nil
        }
        if let extras {
            do {
                document.merge(extras: try JSONParser.parse(extras))
            } catch {
                log.warning(source, line: error.line, "service-2.sdk-extras.json is not valid JSON, ignored: \(error.message)")
            }
        }
        var expander = ShapeExpander(shapes: document.shapes, source: source, includeDocumentation: includeDocumentation)
        let meta = document.metadata
        var service = Service(entry: BotocoreMetadata.entry(name: serviceName, metadata: meta))
        service.wire.protocols = (meta["protocols"]?.arrayValue ?? []).compactMap(\.stringValue)
        service.wire.jsonVersion = meta["jsonVersion"]?.stringValue
        service.wire.targetPrefix = meta["targetPrefix"]?.stringValue
        service.wire.awsQueryCompatible = meta["awsQueryCompatible"] != nil
        service.uid = meta["uid"]?.stringValue

        for (name, value) in document.operations {
            guard case .object = value else {
                log.error(source, "operation \(name): expected an object")
                continue
            }
            var op = Operation(name: value["name"]?.stringValue ?? name)
            // boto3 names the client method after the operation key, not its wire name
            // (cloudfront `ListDistributionsByWebACLId` is sent as `ListDistributionsByWebACLId2016_09_29`).
            op.method = BotocoreNames.pythonMethodName(name)
            if includeDocumentation { op.documentation = value["documentation"]?.stringValue.map(HTMLText.plainText) }
            if let http = value["http"] {
                op.http = HTTPBinding(method: http["method"]?.stringValue,
                                      requestUri: http["requestUri"]?.stringValue,
                                      responseCode: http["responseCode"]?.intValue)
            }
            let stoppedBefore = expander.tooDeep
            if let ref = value["input"] { op.input = expander.expandRoot(ref, context: "\(name) input") }
            if let ref = value["output"] { op.output = expander.expandRoot(ref, context: "\(name) output") }
            // An operation whose trees nest past the limit is left out (the error names the place).
            if expander.tooDeep != stoppedBefore { continue }
            for errorRef in value["errors"]?.arrayValue ?? [] {
                guard let shapeName = errorRef["shape"]?.stringValue else { continue }
                let errorShape = document.shapes[shapeName]
                let status = errorShape?["error"]?["httpStatusCode"]?.intValue
                // The shape name, as boto3 pages list it (`client.exceptions.X`); its wire code is the error shape's.
                let documentation = includeDocumentation
                    ? (errorRef["documentation"] ?? errorShape?["documentation"])?.stringValue.map(HTMLText.plainText) : nil
                op.errors.append(OperationError(name: shapeName, httpStatus: status, documentation: documentation))
            }
            op.deprecated = value["deprecated"]?.boolValue ?? false
            op.sources = [source]
            service.operations[name] = op
        }
        // Every exception shape of the service, not only those an operation lists: botocore
        // reads any error code the service defines into its shape.
        for (name, raw) in document.shapes.filter({ $0.value["exception"]?.boolValue == true }).sorted(by: { $0.key < $1.key }) {
            guard let shape = expander.expandRoot(.object([("shape", .string(name))]), context: "error \(name)") else { continue }
            let code = raw["error"]?["code"]?.stringValue
            service.errorShapes[name] = ErrorShape(code: code == name ? nil : code,
                                                   httpStatus: raw["error"]?["httpStatusCode"]?.intValue, shape: shape)
        }
        service.shapes = expander.definitionsOfReferencedShapes()
        log.append(contentsOf: expander.log)
        return service
    }
}

/// The raw botocore document, with `sdk-extras` merged into it.
struct BotocoreDocument {
    var metadata: JSONValue
    var operations: [(key: String, value: JSONValue)]
    var shapes: [String: JSONValue]
    let isModel: Bool

    init(_ root: JSONValue) {
        metadata = root["metadata"] ?? .object([])
        operations = root["operations"]?.objectValue ?? []
        var table: [String: JSONValue] = [:]
        for (k, v) in root["shapes"]?.objectValue ?? [] { table[k] = v }
        shapes = table
        isModel = root["operations"]?.objectValue != nil && root["shapes"]?.objectValue != nil
    }

    /// botocore's `sdk-extras` format: `{"merge": {"metadata": {...}, "shapes": {...}}}`,
    /// deep-merged into the model.
    mutating func merge(extras: JSONValue) {
        guard let merge = extras["merge"] else { return }
        metadata = BotocoreMetadata.merged(metadata, extras: extras)
        for (name, patch) in merge["shapes"]?.objectValue ?? [] {
            shapes[name] = shapes[name].map { Self.deepMerge($0, patch) } ?? patch
        }
    }

    static func deepMerge(_ base: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case var .object(pairs) = base, case let .object(patchPairs) = patch else { return patch }
        for (k, v) in patchPairs {
            if let i = pairs.firstIndex(where: { $0.key == k }) {
                pairs[i].value = deepMerge(pairs[i].value, v)
            } else {
                pairs.append((k, v))
            }
        }
        return .object(pairs)
    }
}
