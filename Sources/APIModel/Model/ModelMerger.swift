import OrderedCollections

/// Merges partial models of the same API from different sources.
///
/// Facts are united: members, enum values only one side lists, constraints only one side
/// states. Where both sides state a fact and disagree, the more precise source wins and the
/// disagreement becomes a diagnostic naming both sources; nothing is dropped silently.
public struct ModelMerger {
    /// One side of a merge: its model, a label for diagnostics and what its format can state.
    public struct Side: Sendable {
        public var model: Model
        public var label: String
        public var view: FormatView
        /// Higher wins a conflict (botocore JSON 3, AWS reference 2, boto3 pages 1, changelog 0).
        public var precision: Int

        public init(model: Model, label: String, view: FormatView, precision: Int) {
            self.model = model
            self.label = label
            self.view = view
            self.precision = precision
        }
    }

    public private(set) var log = DiagnosticLog()
    /// Contradictions are warnings, or errors under `--strict`.
    public var contradictionSeverity: Diagnostic.Severity = .warning

    public init(strict: Bool = false) {
        contradictionSeverity = strict ? .error : .warning
    }

    /// Merges `other` into `base`.
    public mutating func merge(_ base: Side, _ other: Side) -> Side {
        var result = base.model
        // Reference pages name services by uid or endpoint prefix: merge them under the SDK's name.
        let otherModel = ServiceIdentity.aligned(other.model, to: base.model)
        let renamed = Set(other.model.services.keys).subtracting(otherModel.services.keys).count
        if renamed > 0 { log.count("services matched by their SDK identity (uid, endpoint prefix or signing name)", by: renamed) }
        for (serviceName, otherService) in otherModel.services {
            guard var service = result.services[serviceName] else {
                result.services[serviceName] = otherService
                continue
            }
            let otherWins = other.precision > base.precision
            if service.title == nil || (otherWins && otherService.title != nil) { service.title = otherService.title ?? service.title }
            service.apiVersion = service.apiVersion ?? otherService.apiVersion
            service.protocolName = service.protocolName ?? otherService.protocolName
            service.endpointPrefix = service.endpointPrefix ?? otherService.endpointPrefix
            service.signingName = service.signingName ?? otherService.signingName
            service.serviceId = service.serviceId ?? otherService.serviceId
            for (name, error) in otherService.errorShapes {
                guard var known = service.errorShapes[name] else { service.errorShapes[name] = error; continue }
                known.code = known.code ?? error.code
                known.httpStatus = known.httpStatus ?? error.httpStatus
                if known.shape.partial && !error.shape.partial { known.shape = error.shape }
                service.errorShapes[name] = known
            }
            if service.wire.isEmpty { service.wire = otherService.wire }
            service.uid = service.uid ?? otherService.uid
            // Either side showing every operation makes the merge show every operation.
            service.partial = service.partial && otherService.partial
            for (name, shape) in otherService.shapes where service.shapes[name] == nil { service.shapes[name] = shape }
            // Names may differ in case only: a compact changelog page never writes the API
            // name, so it is derived from the method name (`ExportEbsVolumeRecommendations`
            // for `ExportEBSVolumeRecommendations`); botocore names never differ only in case.
            // Built on the first name not found as it is (merging page by page, that is rare).
            var byFoldedName: [String: String]?
            for (opName, otherOp) in otherService.operations {
                var baseName: String? = opName
                if service.operations[opName] == nil {
                    if byFoldedName == nil {
                        byFoldedName = Dictionary(service.operations.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
                    }
                    baseName = byFoldedName![opName.lowercased()]
                }
                guard let baseName, let op = service.operations[baseName] else {
                    service.operations[opName] = otherOp
                    byFoldedName?[opName.lowercased()] = opName
                    continue
                }
                var merged = mergeOperation(op, otherOp, base: base, other: other, where: "\(serviceName).\(baseName)")
                if baseName != opName {
                    log.count("operations matched by name ignoring case (the more precise source's spelling kept)")
                    if otherWins {
                        merged.name = opName
                        service.operations.rename(baseName, to: opName, value: merged)
                        byFoldedName?[opName.lowercased()] = opName
                        continue
                    }
                }
                service.operations[baseName] = merged
            }
            result.services[serviceName] = service
        }
        return Side(model: result, label: base.label, view: base.view.union(other.view), precision: max(base.precision, other.precision))
    }

    private mutating func mergeOperation(_ a: Operation, _ b: Operation, base: Side, other: Side, where location: String) -> Operation {
        var op = a
        let bWins = other.precision > base.precision
        op.method = op.method ?? b.method
        if op.documentation == nil || (bWins && b.documentation != nil) { op.documentation = b.documentation ?? op.documentation }
        if let bh = b.http {
            var h = op.http ?? HTTPBinding()
            h.method = h.method ?? bh.method
            h.requestUri = h.requestUri ?? bh.requestUri
            h.responseCode = h.responseCode ?? bh.responseCode
            op.http = h
        }
        let sources = (a.sources.first, b.sources.first)
        op.input = mergeRoot(a.input, b.input, direction: "input", requiredVisible: (base.view.requiredInInput, other.view.requiredInInput), base: base, other: other, where: location, sources: sources)
        op.output = mergeRoot(a.output, b.output, direction: "output", requiredVisible: (base.view.requiredInOutput, other.view.requiredInOutput), base: base, other: other, where: location, sources: sources)
        for e in b.errors {
            if let i = op.errors.firstIndex(where: { $0.name == e.name }) {
                op.errors[i].httpStatus = op.errors[i].httpStatus ?? e.httpStatus
                op.errors[i].documentation = op.errors[i].documentation ?? e.documentation
            } else {
                op.errors.append(e)
            }
        }
        op.deprecated = op.deprecated || b.deprecated
        // Complete when either source showed the whole operation.
        op.partial = a.partial && b.partial
        for s in b.sources where !op.sources.contains(s) { op.sources.append(s) }
        return op
    }

    private mutating func mergeRoot(_ a: Shape?, _ b: Shape?, direction: String, requiredVisible: (Bool, Bool),
                                    base: Side, other: Side, where location: String, sources: (String?, String?)) -> Shape? {
        switch (a, b) {
        case (nil, nil): return nil
        case let (x?, nil): return x
        case let (nil, y?): return y
        case let (x?, y?):
            var context = MergeContext(base: base, other: other, requiredVisible: requiredVisible, location: "\(location) \(direction)",
                                       baseSource: sources.0, otherSource: sources.1)
            let merged = mergeShape(x, y, path: "", context: &context)
            return merged
        }
    }

    struct MergeContext {
        let base: Side
        let other: Side
        let requiredVisible: (Bool, Bool)
        let location: String
        /// The documents the two operations came from, for messages.
        var baseSource: String?
        var otherSource: String?
        var otherWins: Bool { other.precision > base.precision }
        /// The base names members by wire name (reference pages alone) and the other side by
        /// the boto3 name: matched members take the other side's name.
        var preferOtherNames: Bool { !base.view.name.contains("+") && base.view.name.hasPrefix("aws-reference") && !other.view.name.hasPrefix("aws-reference") }

        func describe(_ side: Side, _ source: String?) -> String {
            source.map { "\(side.label) (\($0))" } ?? side.label
        }
    }

    static let locatedPlaces: Set<String> = ["uri", "header", "headers", "querystring", "statusCode"]

    private mutating func conflict(_ context: MergeContext, _ path: String, _ what: String, _ a: String, _ b: String) {
        let at = path.isEmpty ? context.location : "\(context.location) \(path)"
        let kept = context.otherWins ? context.other.label : context.base.label
        log.add(Diagnostic(contradictionSeverity, file: context.otherSource ?? context.other.label,
                           "\(at): \(what) differs: \(a) in \(context.describe(context.base, context.baseSource)), "
                           + "\(b) in \(context.describe(context.other, context.otherSource)); keeping \(kept)"))
    }

    private mutating func mergeShape(_ a: Shape, _ b: Shape, path: String, context: inout MergeContext, isMapKey: Bool = false) -> Shape {
        if a.isRef || b.isRef { return a.isRef ? (b.isRef ? a : b) : a }
        var s = a
        let located = (a.location ?? b.location).map(Self.locatedPlaces.contains) ?? false
        if located, let ta = a.type, let tb = b.type, ta != tb,
           context.base.view.locatedMemberTypes != context.other.view.locatedMemberTypes {
            // One side cannot state this member's type (a URI/header/query member of a
            // reference page): take the type from the other; its facts may be about list items.
            let aStates = context.base.view.locatedMemberTypes
            var typed = aStates ? a : b
            var untyped = aStates ? b : a
            untyped.location = nil
            if typed.type == .list, untyped.type != .list, let item = typed.member {
                if untyped.min != nil || untyped.max != nil || untyped.pattern != nil || untyped.enumValues != nil {
                    var facts = Shape(type: item.type ?? .string)
                    facts.min = untyped.min; facts.max = untyped.max; facts.pattern = untyped.pattern; facts.enumValues = untyped.enumValues
                    typed.member = aStates ? mergeShape(item, facts, path: path + "[]", context: &context) : mergeShape(facts, item, path: path + "[]", context: &context)
                }
                return mergeShape(typed, Shape(type: .list), path: path, context: &context)
            }
            untyped.type = typed.type
            return aStates ? mergeShape(typed, untyped, path: path, context: &context) : mergeShape(untyped, typed, path: path, context: &context)
        }
        if let ta = a.type, let tb = b.type, ta != tb {
            if ta.coarsenedForBoto3 == tb.coarsenedForBoto3 {
                // long refines integer, double refines float: take whichever side states it exactly.
                let aExact = context.base.view.exactNumberTypes
                let bExact = context.other.view.exactNumberTypes
                s.type = (bExact && !aExact) || (bExact == aExact && context.otherWins) ? tb : ta
                if aExact && bExact { conflict(context, path, "type", ta.rawValue, tb.rawValue) }
            } else if (ta == .structure && tb == .union) || (ta == .union && tb == .structure) {
                s.type = .union
            } else {
                conflict(context, path, "type", ta.rawValue, tb.rawValue)
                return context.otherWins ? b : a
            }
        }
        s.name = s.name ?? b.name
        s.documentation = s.documentation ?? b.documentation
        s.streaming = s.streaming || b.streaming
        s.eventstream = s.eventstream || b.eventstream
        s.exception = s.exception || b.exception
        // Complete when either source shows the whole structure.
        s.partial = a.partial && b.partial
        s.sensitive = s.sensitive || b.sensitive
        s.deprecated = s.deprecated || b.deprecated
        s.location = s.location ?? b.location
        s.locationName = s.locationName ?? b.locationName
        if s.wire.isEmpty { s.wire = b.wire }
        s.min = mergeFact(a.min, b.min, "min", path, &context)
        s.max = mergeFact(a.max, b.max, "max", path, &context)
        s.pattern = mergeFact(a.pattern, b.pattern, "pattern", path, &context)
        if let ea = a.enumValues, let eb = b.enumValues, Set(ea) != Set(eb) {
            conflict(context, path, "enum", ea.joined(separator: "|"), eb.joined(separator: "|"))
            s.enumValues = context.otherWins ? eb : ea
        } else if (a.enumValues == nil) != (b.enumValues == nil), a.type == .string, b.type == .string,
                  !isMapKey || (context.base.view.mapKeyEnums && context.other.view.mapKeyEnums) {
            // One source lists values where the other, able to, lists none.
            let values = (a.enumValues ?? b.enumValues ?? []).joined(separator: "|")
            conflict(context, path, "enum", a.enumValues == nil ? "none" : values, b.enumValues == nil ? "none" : values)
            s.enumValues = a.enumValues ?? b.enumValues
        } else {
            s.enumValues = a.enumValues ?? b.enumValues
        }
        if s.type?.hasMembers == true {
            var bKey: [String: String] = [:]    // b's member name → its key in s
            var aRenamed: [String: String] = [:] // a's key → the name it now has
            for (name, bm) in b.members {
                let memberPath = path.isEmpty ? name : "\(path).\(name)"
                if let am = s.members[name] {
                    s.members[name] = mergeShape(am, bm, path: memberPath, context: &context)
                    bKey[name] = name
                } else if let match = MemberMatching.match(name, bm, in: s.members, taken: Set(bKey.values)) {
                    // Query-protocol wire names (`networkInterface`, `ImageId.N`, `imagesSet`).
                    let kept = context.preferOtherNames ? name : match
                    var merged = mergeShape(s.members[match]!, bm, path: path.isEmpty ? kept : "\(path).\(kept)", context: &context)
                    if context.preferOtherNames {
                        merged.locationName = merged.locationName ?? match
                        s.members.rename(match, to: name, value: merged)
                        aRenamed[match] = name
                        bKey[name] = name
                    } else {
                        s.members[match] = merged
                        bKey[name] = match
                    }
                } else {
                    s.members[name] = bm
                    bKey[name] = name
                }
            }
            let aRequired = a.required.map { aRenamed[$0] ?? $0 }
            let bRequired = b.required.map { bKey[$0] ?? $0 }
            let (aShows, bShows) = context.requiredVisible
            if aShows && bShows {
                let ra = Set(aRequired), rb = Set(bRequired)
                for name in s.members.keys where ra.contains(name) != rb.contains(name) {
                    let memberPath = path.isEmpty ? name : "\(path).\(name)"
                    conflict(context, memberPath, "required", ra.contains(name) ? "required" : "optional", rb.contains(name) ? "required" : "optional")
                }
                s.required = context.otherWins ? bRequired : aRequired
            } else if bShows && !aShows {
                s.required = bRequired
            } else {
                s.required = aRequired
            }
        }
        if let am = a.member, let bm = b.member { s.member = mergeShape(am, bm, path: path + "[]", context: &context) } else { s.member = a.member ?? b.member }
        if let ak = a.key, let bk = b.key { s.key = mergeShape(ak, bk, path: path + "{key}", context: &context, isMapKey: true) } else { s.key = a.key ?? b.key }
        if let av = a.value, let bv = b.value { s.value = mergeShape(av, bv, path: path + "{}", context: &context) } else { s.value = a.value ?? b.value }
        return s
    }

    private mutating func mergeFact<T: Equatable & CustomStringConvertible>(_ a: T?, _ b: T?, _ what: String, _ path: String, _ context: inout MergeContext) -> T? {
        guard let a, let b else { return a ?? b }
        if a == b { return a }
        conflict(context, path, what, a.description, b.description)
        return context.otherWins ? b : a
    }
}


