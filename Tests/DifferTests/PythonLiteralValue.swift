/// Just enough of Python's literal syntax to compare changelog change dicts the way
/// `ast.literal_eval` would: dicts (key order irrelevant), sets (unordered), lists, strings.
indirect enum PythonLiteralValue: Hashable {
    case string(String)
    case dict([String: PythonLiteralValue])
    case set(Set<String>)
    case list([PythonLiteralValue])

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> PythonLiteralValue {
        var p = Parser(chars: Array(text), i: 0)
        let v = try p.value()
        p.skipSpace()
        guard p.i == p.chars.count else { throw ParseError(description: "trailing text at \(p.i) in \(text)") }
        return v
    }

    /// The change dicts of a changelog text: every line that starts with `{`.
    static func dictLines(_ text: String) throws -> [PythonLiteralValue] {
        try text.split(separator: "\n").filter { $0.hasPrefix("{") }.map { try parse(String($0)) }
    }

    private struct Parser {
        let chars: [Character]
        var i: Int

        mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

        mutating func value() throws -> PythonLiteralValue {
            skipSpace()
            guard i < chars.count else { throw ParseError(description: "unexpected end") }
            switch chars[i] {
            case "'", "\"": return .string(try string())
            case "[":
                i += 1
                var items: [PythonLiteralValue] = []
                while true {
                    skipSpace()
                    if i < chars.count, chars[i] == "]" { i += 1; return .list(items) }
                    items.append(try value())
                    skipSpace()
                    if i < chars.count, chars[i] == "," { i += 1 }
                }
            case "{":
                i += 1
                var dict: [String: PythonLiteralValue] = [:]
                var set: Set<String> = []
                while true {
                    skipSpace()
                    guard i < chars.count else { throw ParseError(description: "unclosed {") }
                    if chars[i] == "}" { i += 1; return set.isEmpty ? .dict(dict) : .set(set) }
                    let key = try string()
                    skipSpace()
                    if i < chars.count, chars[i] == ":" {
                        i += 1
                        dict[key] = try value()
                    } else {
                        set.insert(key)
                    }
                    skipSpace()
                    if i < chars.count, chars[i] == "," { i += 1 }
                    if !dict.isEmpty && !set.isEmpty { throw ParseError(description: "mixed dict and set") }
                }
            default:
                throw ParseError(description: "unexpected \(chars[i]) at \(i)")
            }
        }

        mutating func string() throws -> String {
            skipSpace()
            let quote = chars[i]
            guard quote == "'" || quote == "\"" else { throw ParseError(description: "expected a string at \(i)") }
            i += 1
            var s = ""
            while i < chars.count, chars[i] != quote {
                if chars[i] == "\\", i + 1 < chars.count {
                    i += 1
                    switch chars[i] {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    default: s.append(chars[i])
                    }
                } else {
                    s.append(chars[i])
                }
                i += 1
            }
            guard i < chars.count else { throw ParseError(description: "unclosed string") }
            i += 1
            return s
        }
    }
}
