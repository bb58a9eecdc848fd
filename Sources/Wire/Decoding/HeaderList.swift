/// Header values that hold lists (RFC 9110 §5.6.1): items separated by commas, an item in
/// double quotes kept whole with its `\"` escapes resolved.
enum HeaderList {
    static func split(_ value: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false, wasQuoted = false, escaped = false
        for c in value {
            if quoted {
                if escaped { current.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { quoted = false } else { current.append(c) }
                continue
            }
            switch c {
            case "\"" where current.trimmedOfSpaces.isEmpty:
                quoted = true
                wasQuoted = true
                current = ""
            case ",":
                items.append(wasQuoted ? current : current.trimmedOfSpaces)
                current = ""
                wasQuoted = false
            default:
                if !wasQuoted { current.append(c) }
            }
        }
        items.append(wasQuoted ? current : current.trimmedOfSpaces)
        return items
    }

    /// HTTP dates hold a comma (`Mon, 16 Dec 2019 23:48:18 GMT`): join the parts two by two.
    static func pairUp(_ parts: [String]) -> [String] {
        stride(from: 0, to: parts.count, by: 2).map { i in
            i + 1 < parts.count ? parts[i] + ", " + parts[i + 1] : parts[i]
        }
    }
}
