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
        for (serviceName, otherService) in other.model.services {
            guard var service = result.services[serviceName] else {
                result.services[serviceName] = otherService
                continue
            }
            let otherWins = other.precision > base.precision
            if service.title == nil || (otherWins && otherService.title != nil) { service.title = otherService.title ?? service.title }
            service.apiVersion = service.apiVersion ?? otherService.apiVersion
            service.protocolName = service.protocolName ?? otherService.protocolName
            service.endpointPrefix = service.endpointPrefix ?? otherService.endpointPrefix
            for (name, shape) in otherService.shapes where service.shapes[name] == nil { service.shapes[name] = shape }
            for (opName, otherOp) in otherService.operations {
                guard let op = service.operations[opName] else {
                    service.operations[opName] = otherOp
                    continue
                }
                service.operations[opName] = mergeOperation(op, otherOp, base: base, other: other, where: "\(serviceName).\(opName)")
            }
            result.services[serviceName] = service
        }
        let view = FormatView(name: base.view.name + "+" + other.view.name,
                              constraints: base.view.constraints || other.view.constraints,
                              exactNumberTypes: base.view.exactNumberTypes || other.view.exactNumberTypes,
                              requiredInInput: base.view.requiredInInput || other.view.requiredInInput,
                              requiredInOutput: base.view.requiredInOutput || other.view.requiredInOutput,
                              mapKeyEnums: base.view.mapKeyEnums || other.view.mapKeyEnums,
                              shapeNames: base.view.shapeNames || other.view.shapeNames,
                              streamingFlags: base.view.streamingFlags || other.view.streamingFlags)
        return Side(model: result, label: base.label, view: view, precision: max(base.precision, other.precision))
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
        op.input = mergeRoot(a.input, b.input, direction: "input", requiredVisible: (base.view.requiredInInput, other.view.requiredInInput), base: base, other: other, where: location)
        op.output = mergeRoot(a.output, b.output, direction: "output", requiredVisible: (base.view.requiredInOutput, other.view.requiredInOutput), base: base, other: other, where: location)
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
                                    base: Side, other: Side, where location: String) -> Shape? {
        switch (a, b) {
        case (nil, nil): return nil
        case let (x?, nil): return x
        case let (nil, y?): return y
        case let (x?, y?):
            var context = MergeContext(base: base, other: other, requiredVisible: requiredVisible, location: "\(location) \(direction)")
            let merged = mergeShape(x, y, path: "", context: &context)
            return merged
        }
    }

    struct MergeContext {
        let base: Side
        let other: Side
        let requiredVisible: (Bool, Bool)
        let location: String
        var otherWins: Bool { other.precision > base.precision }
    }

    private mutating func conflict(_ context: MergeContext, _ path: String, _ what: String, _ a: String, _ b: String) {
        let at = path.isEmpty ? context.location : "\(context.location) \(path)"
        let kept = context.otherWins ? context.other.label : context.base.label
        log.add(Diagnostic(contradictionSeverity, file: context.other.label,
                           "\(at): \(what) differs: \(a) in \(context.base.label), \(b) in \(context.other.label); keeping \(kept)"))
    }

    private mutating func mergeShape(_ a: Shape, _ b: Shape, path: String, context: inout MergeContext) -> Shape {
        if a.isRef || b.isRef { return a.isRef ? (b.isRef ? a : b) : a }
        var s = a
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
        s.sensitive = s.sensitive || b.sensitive
        s.deprecated = s.deprecated || b.deprecated
        s.location = s.location ?? b.location
        s.locationName = s.locationName ?? b.locationName
        s.min = mergeFact(a.min, b.min, "min", path, &context)
        s.max = mergeFact(a.max, b.max, "max", path, &context)
        s.pattern = mergeFact(a.pattern, b.pattern, "pattern", path, &context)
        if let ea = a.enumValues, let eb = b.enumValues, Set(ea) != Set(eb) {
            conflict(context, path, "enum", ea.joined(separator: "|"), eb.joined(separator: "|"))
            s.enumValues = context.otherWins ? eb : ea
        } else {
            s.enumValues = a.enumValues ?? b.enumValues
        }
        if s.type?.hasMembers == true {
            for (name, bm) in b.members {
                let memberPath = path.isEmpty ? name : "\(path).\(name)"
                if let am = s.members[name] {
                    s.members[name] = mergeShape(am, bm, path: memberPath, context: &context)
                } else if let match = s.members.keys.first(where: { $0.caseInsensitiveCompare(name) }) {
                    // Query-protocol wire names differ in case from boto3 names.
                    s.members[match] = mergeShape(s.members[match]!, bm, path: memberPath, context: &context)
                } else {
                    s.members[name] = bm
                }
            }
            let (aShows, bShows) = context.requiredVisible
            if aShows && bShows {
                let ra = Set(a.required), rb = Set(b.required)
                for name in ra.symmetricDifference(rb) where s.members[name] != nil {
                    let memberPath = path.isEmpty ? name : "\(path).\(name)"
                    conflict(context, memberPath, "required", ra.contains(name) ? "required" : "optional", rb.contains(name) ? "required" : "optional")
                }
                s.required = context.otherWins ? b.required : a.required
            } else if bShows && !aShows {
                s.required = b.required
            }
        }
        if let am = a.member, let bm = b.member { s.member = mergeShape(am, bm, path: path + "[]", context: &context) } else { s.member = a.member ?? b.member }
        if let ak = a.key, let bk = b.key { s.key = mergeShape(ak, bk, path: path + "{key}", context: &context) } else { s.key = a.key ?? b.key }
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

extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool {
        self.count == other.count && self.lowercased() == other.lowercased()
    }
}
