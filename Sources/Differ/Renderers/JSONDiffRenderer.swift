import APIModel
import ChangeRecords

/// `docconform.diff/1` (spec/formats.md §2).
public struct JSONDiffRenderer: ChangeRenderer {
    public static let formatIdentifier = "docconform.diff/1"
    public var pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    public func render(_ changes: [Change], old: String, new: String) -> [UInt8] {
        var w = JSONWriter(pretty: pretty, reserve: 256 * changes.count + 256)
        w.beginObject()
        w.key("format"); w.string(Self.formatIdentifier)
        w.key("old"); w.string(old)
        w.key("new"); w.string(new)
        w.key("changes"); w.beginArray()
        for c in changes { write(c, to: &w) }
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }

    func write(_ c: Change, to w: inout JSONWriter) {
        w.beginObject()
        w.key("kind"); w.string(c.kind.rawValue)
        w.key("service"); w.string(c.service)
        if let o = c.operation { w.key("operation"); w.string(o) }
        if let d = c.direction { w.key("direction"); w.string(d.rawValue) }
        if let p = c.path { w.key("path"); w.string(p) }
        if let r = c.required { w.key("required"); w.bool(r) }
        if let v = c.value { w.key("value"); w.string(v) }
        if let k = c.constraint { w.key("constraint"); w.string(k.rawValue) }
        if let f = c.from { w.key("from"); write(f, to: &w) }
        if let t = c.to { w.key("to"); write(t, to: &w) }
        if let s = c.summary { w.key("summary"); s.write(to: &w) }
        w.key("breaking"); w.bool(c.breaking)
        w.key("severity"); w.string(c.severity.rawValue)
        w.endObject()
    }

    func write(_ v: ChangeValue, to w: inout JSONWriter) {
        switch v {
        case let .text(s): w.string(s)
        case let .number(b): w.rawNumber(b.literal)
        }
    }
}
