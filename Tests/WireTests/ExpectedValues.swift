import APIModel
import Foundation

/// Compares a decoded canonical document with a protocol case's `params` / `result`, shape by
/// shape, in botocore's terms: blobs are the decoded bytes (the document holds base64),
/// timestamps epoch seconds, numbers by value, `NaN`/`Infinity` as strings.
enum ExpectedValues {
    static func differences(_ decoded: JSONValue?, _ expected: JSONValue, _ shape: Shape?, _ service: Service, path: String = "") -> [String] {
        let at = path.isEmpty ? "(root)" : path
        guard let decoded else { return ["\(at): nothing decoded, expected \(short(expected))"] }
        // No shape (an operation without output): an empty structure, whose members are all unknown.
        guard let raw = shape ?? Shape(type: .structure) as Shape?, let shape = service.resolve(raw) else {
            return jsonEqual(decoded, expected) ? [] : ["\(at): \(short(decoded)) != \(short(expected))"]
        }
        if raw.isJSONValue || shape.isJSONValue, case .string = expected {} else if raw.isJSONValue || shape.isJSONValue {
            return jsonEqual(decoded, expected) ? [] : ["\(at): JSON value \(short(decoded)) != \(short(expected))"]
        }
        switch shape.type ?? .document {
        case .structure, .union:
            guard case let .object(d) = decoded, case let .object(e) = expected else { return ["\(at): \(short(decoded)) != \(short(expected))"] }
            // null is absent (botocore drops it); members the model does not know are kept by the
            // decoder on purpose (the validator reports them as `unknown`); an empty list or map
            // is what the wire cannot carry (query and ec2 forms, headers, query strings omit it).
            var out: [String] = []
            let d1 = d.filter { $0.value != .null }, e1 = e.filter { $0.value != .null }
            for (k, v) in d1 where !e1.contains(where: { $0.key == k }) && shape.members[k] != nil {
                out.append("\(join(path, k)): decoded but not expected (\(short(v)))")
            }
            for (k, v) in e1 {
                guard let dv = d1.first(where: { $0.key == k })?.value else {
                    if v == .array([]) || v == .object([]) { continue }
                    out.append("\(join(path, k)): expected \(short(v)), not decoded")
                    continue
                }
                out += differences(dv, v, shape.members[k], service, path: join(path, k))
            }
            return out
        case .list:
            guard case let .array(d) = decoded, case let .array(e) = expected else { return ["\(at): \(short(decoded)) != \(short(expected))"] }
            guard d.count == e.count else { return ["\(at): \(d.count) items decoded, \(e.count) expected"] }
            return zip(d, e).enumerated().flatMap { i, p in differences(p.0, p.1, shape.member, service, path: "\(path)[\(i)]") }
        case .map:
            guard case let .object(d) = decoded, case let .object(e) = expected else { return ["\(at): \(short(decoded)) != \(short(expected))"] }
            guard Set(d.map(\.key)) == Set(e.map(\.key)) else { return ["\(at): keys \(d.map(\.key)) != \(e.map(\.key))"] }
            return e.flatMap { k, v in differences(d.first { $0.key == k }!.value, v, shape.value, service, path: "\(path)[\"\(k)\"]") }
        case .blob:
            guard case let .string(b64) = decoded, let data = Data(base64Encoded: b64) else { return ["\(at): blob \(short(decoded)) is not base64"] }
            guard case let .string(text) = expected else { return ["\(at): expected blob \(short(expected))"] }
            return Array(data) == Array(text.utf8) ? [] : ["\(at): blob \(String(decoding: data, as: UTF8.self)) != \(text)"]
        case .timestamp, .integer, .long, .float, .double:
            if case let .string(a) = decoded, case let .string(b) = expected { return a == b ? [] : ["\(at): \(a) != \(b)"] }
            guard let a = decoded.doubleValue, let b = expected.doubleValue else { return ["\(at): \(short(decoded)) != \(short(expected))"] }
            return abs(a - b) <= 1e-6 * max(1, abs(b)) ? [] : ["\(at): \(a) != \(b)"]
        default:
            return jsonEqual(decoded, expected) ? [] : ["\(at): \(short(decoded)) != \(short(expected))"]
        }
    }

    /// JSON equality with numbers by value and object keys in any order.
    static func jsonEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return Double(x) == Double(y)
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy(jsonEqual)
        case let (.object(x), .object(y)):
            return x.count == y.count && x.allSatisfy { p in y.contains { $0.key == p.key && jsonEqual($0.value, p.value) } }
        default: return a == b
        }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func short(_ v: JSONValue) -> String {
        var w = JSONWriter(pretty: false)
        w.value(v)
        let s = w.string
        return s.count > 120 ? String(s.prefix(120)) + "…" : s
    }
}
