/// placebo's serializer writes what JSON cannot hold as objects tagged with their Python class
/// (`placebo/serializer.py`): a timestamp as `{"__class__": "datetime", "__module__": "datetime",
/// "year": 2025, "month": 1, "day": 26, "hour": 21, "minute": 16, "second": 26,
/// "microsecond": 0}`, a streamed blob as `{"__class__": "StreamingBody", "__module__":
/// "botocore.response", "body": "..."}` (base64 since placebo 0.10, the text before). They are
/// read as objects: keys in any order, at any depth and indentation, each field checked as
/// placebo reads it back (`datetime(tzinfo=utc, **fields)`: year, month and day required,
/// every field an integer in its range, no other key).
enum PlaceboClass {
    case datetime, streamingBody

    var name: StaticString {
        switch self {
        case .datetime: "datetime"
        case .streamingBody: "StreamingBody"
        }
    }
}

/// The keys placebo writes, by their position in `names`.
private enum PlaceboField {
    static let names: [StaticString] = ["__class__", "__module__", "year", "month", "day", "hour", "minute", "second", "microsecond", "body"]
    static let className = 0, module = 1, year = 2, month = 3, day = 4, microsecond = 8, body = 9
    /// Inclusive ranges of the datetime fields (`day` is checked against its month too).
    static let ranges: [ClosedRange<Int64>] = [0...0, 0...0, 1...9999, 1...12, 1...31, 0...23, 0...59, 0...59, 0...999_999]

    static func index(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        names.firstIndex { $0.utf8CodeUnitCount == key.count && (key.isEmpty || memcmpBytes($0.utf8Start, key.baseAddress!, key.count)) }
    }
}

/// What one object holds, field by field.
private struct PlaceboFields {
    var seen: UInt16 = 0
    var className: String?
    var integers = [Int64?](repeating: nil, count: PlaceboField.microsecond + 1)
    /// Fields present with a value of the wrong JSON type.
    var wrongType: [Int] = []
    /// The first key placebo does not write.
    var otherKey: String?
}

extension PayloadChecker {
    /// At `{` where a timestamp or blob is expected in a placebo recording. An object without a
    /// string `__class__` is not placebo's: a type mismatch like any other object.
    func placeboObject(_ node: UnsafePointer<PlanNode>, expected: PlaceboClass) throws(MalformedJSON) {
        let start = lexer.pos
        let fields = try readPlaceboFields()
        guard let className = fields.className else {
            lexer.pos = start
            return try typeMismatch(node)
        }
        guard className == "\(expected.name)" else {
            let wanted: StaticString = expected == .datetime ? "timestamp (RFC 3339 string or epoch seconds)" : "blob (base64 string)"
            report(.type, "expected \(wanted), got a placebo \(IssueText.quoted(className)) object")
            return
        }
        let problems = expected == .datetime ? datetimeProblems(fields) : streamingBodyProblems(fields)
        if !problems.isEmpty {
            report(.malformed, "placebo \(expected.name) object that placebo cannot read back: \(problems.joined(separator: "; "))")
        }
    }

    /// Reads the object at `{` to its end.
    private func readPlaceboFields() throws(MalformedJSON) -> PlaceboFields {
        var fields = PlaceboFields()
        lexer.pos += 1
        lexer.skipWhitespace()
        if lexer.byte == 0x7D { lexer.pos += 1; return fields }
        while true {
            let key = try lexer.scanKey()
            let field = PlaceboField.index(contentBytes(key))
            if let field {
                let bit: UInt16 = 1 << UInt16(field)
                if fields.seen & bit != 0 {
                    report(.duplicate, "key \(IssueText.quoted("\(PlaceboField.names[field])")) appears more than once in a placebo object")
                    try skip()
                    guard try lexer.nextItem(closing: 0x7D) else { break }
                    continue
                }
                fields.seen |= bit
            }
            switch field {
            case PlaceboField.className? where lexer.byte == 0x22:
                fields.className = try scanStringValue()
            case PlaceboField.body? where lexer.byte == 0x22:
                _ = try lexer.scanString()
            case let f? where f >= PlaceboField.year && f <= PlaceboField.microsecond:
                let b = lexer.byte
                if b == 0x2D || (b >= 0x30 && b <= 0x39) {
                    let n = try lexer.scanNumber()
                    if n.plainInteger && !n.overflow { fields.integers[f] = n.intValue } else { fields.wrongType.append(f) }
                } else {
                    fields.wrongType.append(f)
                    try skip()
                }
            case let f?:
                if f != PlaceboField.module { fields.wrongType.append(f) }
                try skip()
            case nil:
                if fields.otherKey == nil {
                    fields.otherKey = IssueText.string(key, record: lexer.p)
                }
                try skip()
            }
            guard try lexer.nextItem(closing: 0x7D) else { break }
        }
        return fields
    }

    private func datetimeProblems(_ fields: PlaceboFields) -> [String] {
        var problems: [String] = []
        let missing = [PlaceboField.year, PlaceboField.month, PlaceboField.day].filter { fields.seen & (1 << UInt16($0)) == 0 }
        if !missing.isEmpty { problems.append("no " + missing.map { IssueText.quoted("\(PlaceboField.names[$0])") }.joined(separator: ", ")) }
        for f in fields.wrongType { problems.append("\(IssueText.quoted("\(PlaceboField.names[f])")) is not an integer") }
        if fields.seen & (1 << UInt16(PlaceboField.body)) != 0 { problems.append("a datetime has no \"body\"") }
        if let other = fields.otherKey { problems.append("a datetime has no field \(IssueText.quoted(other))") }
        for f in PlaceboField.year...PlaceboField.microsecond {
            guard let v = fields.integers[f] else { continue }
            let range = PlaceboField.ranges[f]
            if !range.contains(v) {
                problems.append("\(PlaceboField.names[f]) \(v) is out of range \(range.lowerBound)–\(range.upperBound)")
            }
        }
        if let y = fields.integers[PlaceboField.year], let m = fields.integers[PlaceboField.month], let d = fields.integers[PlaceboField.day],
           PlaceboField.ranges[PlaceboField.year].contains(y), (1...12).contains(m), (1...31).contains(d), d > Self.days(inMonth: m, year: y) {
            problems.append("day \(d) is out of range for \(y)-\(m < 10 ? "0" : "")\(m)")
        }
        return problems
    }

    private func streamingBodyProblems(_ fields: PlaceboFields) -> [String] {
        var problems: [String] = []
        if fields.seen & (1 << UInt16(PlaceboField.body)) == 0 { problems.append("no \"body\"") }
        // placebo reads `body` alone back; other keys do not matter to it.
        if fields.wrongType.contains(PlaceboField.body) { problems.append("\"body\" is not a string") }
        return problems
    }

    private static func days(inMonth m: Int64, year y: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
