import Dispatch
import Foundation
import OrderedCollections

/// Writes `docconform.model/1` JSON. Canonical: services, operations and shape tables in
/// name order, members in source order, a fixed key order inside each object, so the same
/// model always gives the same bytes.
public struct ModelWriter: Sendable {
    public var includeDocumentation = true
    public var pretty = true

    public init(includeDocumentation: Bool = true, pretty: Bool = true) {
        self.includeDocumentation = includeDocumentation
        self.pretty = pretty
    }

    public func bytes(of model: Model) -> [UInt8] {
        var all: [UInt8] = []
        write(model) { all.append(contentsOf: $0) }
        return all
    }

    /// The document as consecutive byte chunks (one per service), so a large model can be
    /// written to a file without first being joined in memory.
    public func chunks(of model: Model) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        chunks.reserveCapacity(model.services.count * 2 + 2)
        write(model) { chunks.append(Array($0)) }
        return chunks
    }

    /// Hands the document to `emit` piece by piece, in order. Services are serialized in
    /// parallel, each at its own nesting level, and each is emitted as soon as the services
    /// before it are: its buffer is then reused for a later service, so the document is never
    /// held whole (a release's pages make a 117 MB model). `emit` is called by one thread at a
    /// time; the bytes are valid only during the call.
    public func write(_ model: Model, to emit: (UnsafeRawBufferPointer) -> Void) {
        var model = model
        model.sortByName()
        let pretty = self.pretty
        let names = Array(model.services.keys)
        var head = JSONWriter(pretty: pretty)
        head.beginObject()
        head.key(literal: "format"); head.string(Model.formatIdentifier)
        head.key(literal: "services"); head.beginObject()
        withoutActuallyEscaping(emit) { emit in
            nonisolated(unsafe) let emit = emit
            nonisolated(unsafe) var head = head
            let order = InOrderEmission()
            Array(model.services.values).withUnsafeBufferPointer { services in
                nonisolated(unsafe) let services = services
                DispatchQueue.concurrentPerform(iterations: services.count) { index in
                    var w = JSONWriter(pretty: pretty, indent: 2, buffer: order.spareBuffer())
                    self.write(services[index], to: &w)
                    order.finished(index, w.takeBytes()) { index, fragment in
                        // Splice each fragment after its key; the writer tracks commas and indentation.
                        head.key(names[index])
                        head.rawValue([])
                        head.withBytes(emit)
                        head.discardBytes()
                        fragment.withUnsafeBytes(emit)
                    }
                }
            }
            head.endObject()
            head.endObject()
            head.newline()
            head.withBytes(emit)
        }
    }

    public func string(of model: Model) -> String { String(decoding: bytes(of: model), as: UTF8.self) }

    private func write(_ service: Service, to w: inout JSONWriter) {
        w.beginObject()
        if let t = service.title { w.key(literal: "title"); w.string(t) }
        if let v = service.apiVersion { w.key(literal: "apiVersion"); w.string(v) }
        if let p = service.protocolName { w.key(literal: "protocol"); w.string(p) }
        if let e = service.endpointPrefix { w.key(literal: "endpointPrefix"); w.string(e) }
        if let n = service.signingName { w.key(literal: "signingName"); w.string(n) }
        if let i = service.serviceId { w.key(literal: "serviceId"); w.string(i) }
        write(service.wire, to: &w)
        if let u = service.uid { w.key(literal: "uid"); w.string(u) }
        if service.partial { w.key(literal: "partial"); w.bool(true) }
        w.key(literal: "operations"); w.beginObject()
        forEachInPlace(service.operations) { name, op in
            w.key(name)
            write(op, to: &w)
        }
        w.endObject()
        if !service.shapes.isEmpty {
            w.key(literal: "shapes"); w.beginObject()
            forEachInPlace(service.shapes) { name, shape in
                w.key(name)
                write(shape, to: &w)
            }
            w.endObject()
        }
        if !service.errorShapes.isEmpty {
            w.key(literal: "errorShapes"); w.beginObject()
            for (name, error) in service.errorShapes {
                w.key(name); w.beginObject()
                if let c = error.code { w.key(literal: "code"); w.string(c) }
                if let s = error.httpStatus { w.key(literal: "httpStatus"); w.int(s) }
                w.key(literal: "shape"); write(error.shape, to: &w)
                w.endObject()
            }
            w.endObject()
        }
        w.endObject()
    }

    private func write(_ op: Operation, to w: inout JSONWriter) {
        w.beginObject()
        if let m = op.method { w.key(literal: "method"); w.string(m) }
        if let http = op.http, http.method != nil || http.requestUri != nil || http.responseCode != nil {
            w.key(literal: "http"); w.beginObject()
            if let m = http.method { w.key(literal: "method"); w.string(m) }
            if let u = http.requestUri { w.key(literal: "requestUri"); w.string(u) }
            if let c = http.responseCode { w.key(literal: "responseCode"); w.int(c) }
            w.endObject()
        }
        if let input = op.input { w.key(literal: "input"); write(input, to: &w) }
        if let output = op.output { w.key(literal: "output"); write(output, to: &w) }
        if !op.errors.isEmpty {
            w.key(literal: "errors"); w.beginArray()
            for e in op.errors {
                w.beginObject()
                w.key(literal: "name"); w.string(e.name)
                if let s = e.httpStatus { w.key(literal: "httpStatus"); w.int(s) }
                if includeDocumentation, let d = e.documentation { w.key(literal: "documentation"); w.string(d) }
                w.endObject()
            }
            w.endArray()
        }
        w.key(literal: "deprecated"); w.bool(op.deprecated)
        if op.partial { w.key(literal: "partial"); w.bool(true) }
        if !op.sources.isEmpty {
            w.key(literal: "sources"); w.beginArray()
            for s in op.sources { w.string(s) }
            w.endArray()
        }
        if includeDocumentation, let d = op.documentation { w.key(literal: "documentation"); w.string(d) }
        w.endObject()
    }

    private func write(_ wire: ServiceWire, to w: inout JSONWriter) {
        if !wire.protocols.isEmpty {
            w.key(literal: "protocols"); w.beginArray()
            for p in wire.protocols { w.string(p) }
            w.endArray()
        }
        if let v = wire.jsonVersion { w.key(literal: "jsonVersion"); w.string(v) }
        if let t = wire.targetPrefix { w.key(literal: "targetPrefix"); w.string(t) }
        if wire.awsQueryCompatible { w.key(literal: "awsQueryCompatible"); w.bool(true) }
    }

    /// Where a member travels and how it is serialized (all absent for most shapes).
    private func writeLocation(_ shape: Shape, to w: inout JSONWriter) {
        if let l = shape.location { w.key(literal: "location"); w.string(l) }
        if let l = shape.locationName { w.key(literal: "locationName"); w.string(l) }
        if shape.payload { w.key(literal: "payload"); w.bool(true) }
        let wire = shape.wire
        guard !wire.isEmpty else { return }
        if let q = wire.queryName { w.key(literal: "queryName"); w.string(q) }
        if wire.flattened { w.key(literal: "flattened"); w.bool(true) }
        if wire.xmlAttribute { w.key(literal: "xmlAttribute"); w.bool(true) }
        if let ns = wire.xmlNamespace {
            w.key(literal: "xmlNamespace"); w.beginObject()
            w.key(literal: "uri"); w.string(ns.uri)
            if let p = ns.prefix { w.key(literal: "prefix"); w.string(p) }
            w.endObject()
        }
        if let f = wire.timestampFormat { w.key(literal: "timestampFormat"); w.string(f) }
        if wire.hostLabel { w.key(literal: "hostLabel"); w.bool(true) }
        if wire.jsonValue { w.key(literal: "jsonValue"); w.bool(true) }
        if let r = wire.resultWrapper { w.key(literal: "resultWrapper"); w.string(r) }
    }

    /// A list member, map key or map value, read in place.
    private func writeChild(_ child: Shape.Child, of shape: Shape, as name: StaticString, to w: inout JSONWriter) {
        shape.withChild(child) { child in
            guard let child else { return }
            w.key(literal: name)
            write(child.pointee, to: &w)
        }
    }

    private func write(_ shape: Shape, to w: inout JSONWriter) {
        w.beginObject()
        if let ref = shape.ref {
            w.key(literal: "ref"); w.string(ref)
            // A recursive member keeps how it travels (its definition is shared).
            writeLocation(shape, to: &w)
            w.endObject()
            return
        }
        if let t = shape.type { w.key(literal: "type"); w.string(t.rawValue) }
        if let n = shape.name { w.key(literal: "name"); w.string(n) }
        if shape.type?.hasMembers == true {
            if !shape.required.isEmpty || shape.type == .structure {
                w.key(literal: "required"); w.beginArray()
                for r in shape.required { w.string(r) }
                w.endArray()
            }
            w.key(literal: "members"); w.beginObject()
            forEachInPlace(shape.members) { name, member in
                w.key(name)
                write(member, to: &w)
            }
            w.endObject()
        }
        writeChild(.member, of: shape, as: "member", to: &w)
        writeChild(.key, of: shape, as: "key", to: &w)
        writeChild(.value, of: shape, as: "value", to: &w)
        if let values = shape.enumValues {
            w.key(literal: "enum"); w.beginArray()
            for v in values { w.string(v) }
            w.endArray()
        }
        if let min = shape.min { w.key(literal: "min"); w.rawNumber(min.literal) }
        if let max = shape.max { w.key(literal: "max"); w.rawNumber(max.literal) }
        if let p = shape.pattern { w.key(literal: "pattern"); w.string(p) }
        if shape.streaming { w.key(literal: "streaming"); w.bool(true) }
        if shape.eventstream { w.key(literal: "eventstream"); w.bool(true) }
        if shape.exception { w.key(literal: "exception"); w.bool(true) }
        if shape.partial { w.key(literal: "partial"); w.bool(true) }
        if shape.sensitive { w.key(literal: "sensitive"); w.bool(true) }
        if shape.deprecated { w.key(literal: "deprecated"); w.bool(true) }
        writeLocation(shape, to: &w)
        if includeDocumentation, let d = shape.documentation { w.key(literal: "documentation"); w.string(d) }
        w.endObject()
    }
}

/// Each entry of `table` in order, its value read in place: iterating a table copies each
/// value, and copying an operation retains each of its reference-counted fields.
private func forEachInPlace<Value>(_ table: OrderedDictionary<String, Value>, _ body: (String, Value) -> Void) {
    let keys = table.keys
    table.values.withUnsafeBufferPointer { values in
        for i in values.indices { body(keys[i], values[i]) }
    }
}

/// Fragments finished in any order, handed on in index order (each as soon as all before it
/// are), and their buffers kept for reuse.
private final class InOrderEmission: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var waiting: [Int: [UInt8]] = [:]
    private var spare: [[UInt8]] = []

    /// An empty buffer with the capacity of an emitted fragment's, if one is free.
    func spareBuffer() -> [UInt8] {
        lock.withLock { spare.popLast() } ?? []
    }

    /// Records fragment `index` and hands on every fragment now next in order (under the lock,
    /// so `emit` runs on one thread at a time).
    func finished(_ index: Int, _ fragment: [UInt8], emit: (Int, [UInt8]) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = fragment
        while var ready = waiting.removeValue(forKey: next) {
            emit(next, ready)
            next += 1
            ready.removeAll(keepingCapacity: true)
            spare.append(ready)
        }
    }
}
