/// What a boto3 syntax-skeleton value says about the shape it stands for.
enum SkeletonMeaning {
    case string
    case enumeration([String])
    case integer, float, boolean, timestamp, blob
    /// `b'bytes'|file`: a streaming request body.
    case streamingInput
    /// `StreamingBody()`: a streaming response body.
    case streamingOutput
    /// `{...}|[...]|123|123.4|'string'|True|None`: any JSON value (a document, or a JSON header).
    case document
    /// `{'... recursive ...'}`: the shape of an enclosing node.
    case recursive
    /// `{'Key': value, ...}`: a structure, or a map when its one key is `'string'` / `'A'|'B'`.
    case object(SkeletonNode)
    /// `[ item, ]`
    case list(SkeletonNode)
    /// `EventStream({...})`
    case eventStream(SkeletonNode)
    /// `{...}`, `[...]`, `...`: boto3 declined to expand the value.
    case unexpanded

    /// nil with `problem` set when the value is no literal boto3 writes.
    init?(_ node: __shared SkeletonNode, problem: inout String?) {
        switch node.kind {
        case let .string(s):
            self = s == "string" ? .string : .enumeration([s])
        case let .number(_, isFloat):
            self = isFloat ? .float : .integer
        case .bytes:
            self = .blob
        case let .call(name):
            switch name {
            case "datetime": self = .timestamp
            case "StreamingBody" where node.items.isEmpty && node.entries.isEmpty: self = .streamingOutput
            case "EventStream":
                guard node.items.count == 1, node.entries.isEmpty, case .object = node.items[0].kind else {
                    problem = "EventStream(...) without one {...} argument"
                    return nil
                }
                self = .eventStream(node.items[0])
            default:
                problem = "unknown skeleton literal \(node.summary)"
                return nil
            }
        case .object:
            if node.entries.isEmpty, node.items.count == 1 {
                if let s = node.items[0].stringValue, s == "... recursive ..." { self = .recursive; return }
                if node.items[0].wordValue == "..." { self = .unexpanded; return }
            }
            guard node.items.isEmpty else {
                problem = "unknown skeleton literal \(node.summary)"
                return nil
            }
            self = .object(node)
        case .list:
            // `[...]` is a list of values boto3 has no example for (floats): the prose names them.
            guard node.items.count == 1, node.entries.isEmpty else {
                problem = "a list skeleton shows exactly one item, not \(node.items.count): \(node.summary)"
                return nil
            }
            self = .list(node.items[0])
        case .alternatives:
            let alternatives = node.items
            if alternatives.count == 2, alternatives[0].wordValue == "True", alternatives[1].wordValue == "False" {
                // What `summary` below tells too, without writing it out.
                self = .boolean
            } else if alternatives.allSatisfy({ $0.stringValue != nil }) {
                self = .enumeration(alternatives.map { $0.stringValue! })
            } else if alternatives.first?.stringValue == "string",
                      alternatives.dropFirst().allSatisfy({ if case .object = $0.kind { return true } else { return false } }) {
                // s3's `CopySource='string' or {'Bucket': ...}`: boto3 also takes the parts as a
                // dict and joins them into the string the API receives.
                self = .string
            } else if node.summary == "True|False" {
                self = .boolean
            } else if node.summary == "b'bytes'|file" {
                self = .streamingInput
            } else if node.summary == "{...}|[...]|123|123.4|'string'|True|None" {
                self = .document
            } else {
                problem = "unknown skeleton literal \(node.summary)"
                return nil
            }
        case let .word(w):
            if w == "..." { self = .unexpanded; return }
            problem = "unknown skeleton literal \(w)"
            return nil
        }
    }
}
