/// A Java pattern (what AWS's models write) as an ECMA-262 pattern with the `u` flag (what
/// JSON Schema's `pattern` is), with the same meaning: printed from the tree the validator's
/// own engines read, so every construct says what Java says rather than what its spelling says
/// in ECMA-262. Java's `.`, `\s` and `$` differ from ECMA-262's; `\uD800\uDC00` (a surrogate
/// pair written as two escapes) is one supplementary code point; POSIX classes and octal escapes
/// do not exist in ECMA-262. Patterns outside that tree's syntax (back-references, possessive
/// quantifiers, inline flags, `\b`...) give nil: callers keep them verbatim.
enum ECMAPattern {
    static func translate(_ java: String) -> String? {
        guard let node = RegexNode.parse(java) else { return nil }
        var out = ""
        print(node, atHead: true, atTail: true, into: &out)
        return out
    }

    /// Java's line terminators, which its `$` may stand before when they end the value.
    private static let finalTerminator = #"(?:\r\n|[\n\r\u0085\u2028\u2029])?$"#

    /// `atTail`: nothing of the pattern follows this node; `atHead`: nothing precedes it. A
    /// pattern is searched for, so a repetition there only needs its minimum (`X{1,8192}` at the
    /// end finds a match exactly when `X` does; Rust's regex engine, under jsonschema-rs, rejects
    /// such counts over Unicode classes as too large), and a `$` at the tail may consume the final
    /// terminator it stands before (the common `^...$` stays free of look-arounds, which some
    /// engines run on a slower, backtracking matcher).
    private static func print(_ node: RegexNode, atHead: Bool = false, atTail: Bool, into out: inout String) {
        switch node {
        case let .chars(set):
            out += atom(set)
        case let .sequence(items):
            // Optional items at a free end match nothing there: left out.
            var first = 0, end = items.count
            func optional(_ n: RegexNode) -> Bool { if case let .repeated(_, min, _) = n { return min == 0 } else { return false } }
            while atHead, first < end, optional(items[first]) { first += 1 }
            while atTail, end > first, optional(items[end - 1]) { end -= 1 }
            for k in first..<end {
                printItem(items[k], atHead: atHead && k == first, atTail: atTail && k == end - 1, into: &out)
            }
        case let .alternation(branches):
            for (k, branch) in branches.enumerated() {
                if k > 0 { out += "|" }
                print(branch, atHead: atHead, atTail: atTail, into: &out)
            }
        case .repeated(let body, let min, var max):
            if atHead || atTail {
                if min == 0 { return }
                max = min
            }
            // What stays of `X{1}` is the body alone, in the repetition's place.
            if min == 1 && max == 1 { return printItem(body, atHead: atHead, atTail: atTail, into: &out) }
            if case .chars = body { print(body, atTail: false, into: &out) } else { grouped(body, into: &out) }
            switch (min, max) {
            case (0, .max): out += "*"
            case (1, .max): out += "+"
            case (0, 1): out += "?"
            case (_, .max): out += "{\(min),}"
            case _ where min == max: out += "{\(min)}"
            default: out += "{\(min),\(max)}"
            }
        case .start:
            out += "^"
        case let .end(finalTerminator):
            if !finalTerminator { out += "$" } else if atTail { out += Self.finalTerminator } else { out += "(?=\(Self.finalTerminator))" }
        case let .look(body, ahead, negated):
            out += ahead ? (negated ? "(?!" : "(?=") : (negated ? "(?<!" : "(?<=")
            // A look-ahead's body is searched from a fixed start, a look-behind's back from a fixed
            // end: the other end of each is free.
            print(body, atHead: !ahead, atTail: ahead, into: &out)
            out += ")"
        case .capture, .backReference:
            preconditionFailure("the export's strict parse reads no group as a capture and no back-reference")
        }
    }

    /// A node where a sequence item stands: an alternation needs a group there.
    private static func printItem(_ node: RegexNode, atHead: Bool, atTail: Bool, into out: inout String) {
        if case .alternation = node { grouped(node, atHead: atHead, atTail: atTail, into: &out) } else { print(node, atHead: atHead, atTail: atTail, into: &out) }
    }

    private static func grouped(_ node: RegexNode, atHead: Bool = false, atTail: Bool = false, into out: inout String) {
        out += "(?:"
        print(node, atHead: atHead, atTail: atTail, into: &out)
        out += ")"
    }

    /// One character class as an atom: a single code point as itself, anything else in brackets.
    private static func atom(_ set: CharSet) -> String {
        let flat = FlatClass(set)
        if !flat.negated, flat.properties.isEmpty, flat.ranges.count == 1, flat.ranges[0].0 == flat.ranges[0].1 {
            return escaped(flat.ranges[0].0, inClass: false)
        }
        var out = flat.negated ? "[^" : "["
        for (a, b) in flat.ranges {
            out += escaped(a, inClass: true)
            if b > a {
                if b > a + 1 { out += "-" }
                out += escaped(b, inClass: true)
            }
        }
        for p in flat.properties { out += p }
        return out + "]"
    }

    /// A code point as ECMA-262 (`u` flag) writes it: plain ASCII letters, digits and harmless
    /// punctuation as they are, syntax characters escaped, everything else as `\uXXXX`/`\u{X}`.
    private static func escaped(_ c: UInt32, inClass: Bool) -> String {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x2C, 0x3A, 0x3B,
             0x3C, 0x3D, 0x3E, 0x40, 0x5F, 0x60, 0x7E:
            return String(Unicode.Scalar(c)!)
        case 0x5E, 0x24, 0x5C, 0x2E, 0x2A, 0x2B, 0x3F, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x2F:
            return "\\" + String(Unicode.Scalar(c)!)
        case 0x2D:
            return inClass ? "\\-" : "-"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        default:
            let hex = String(c, radix: 16, uppercase: true)
            return c > 0xFFFF ? "\\u{\(hex)}" : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}

/// A character class flattened to what one ECMA-262 class can hold: code point ranges and
/// `\p{..}`/`\P{..}` escapes under one optional negation. Surrogate code points are left out:
/// they never occur in well-formed text, and engines over Unicode scalars reject them.
private struct FlatClass {
    var ranges: [(UInt32, UInt32)] = []
    var properties: [String] = []
    var negated = false

    init(_ set: CharSet, negate: Bool = false) {
        // A class that is one negated class (`\S`, `[^\d]`) keeps the negation: `[^\t-\r ]`
        // reads better than its complement's ranges.
        var set = set, negate = negate
        while set.items.count == 1, case let .set(inner, negatedInner) = set.items[0] {
            negate = (negate != set.negated) != negatedInner
            set = inner
        }
        if let union = Self.union(set.items) {
            ranges = Self.normalized(union.ranges)
            properties = union.properties
            negated = set.negated != negate
        } else {
            // Nested negations of categories and ranges: spelled out code point by code point.
            ranges = Self.normalized(Self.enumerate(set))
            if negate { ranges = Self.normalized(Self.complement(ranges)) }
        }
    }

    /// The items as a union of ranges and property escapes, or nil when some item is the
    /// complement of a mix that no single escape or range list states.
    private static func union(_ items: [CharSet.Item]) -> (ranges: [(UInt32, UInt32)], properties: [String])? {
        var ranges: [(UInt32, UInt32)] = []
        var properties: [String] = []
        for item in items {
            switch item {
            case let .range(a, b):
                ranges.append((a, b))
            case let .categories(cats, negated):
                if negated && cats.count > 1 { return nil }
                for c in cats.sorted() { properties.append(negated ? "\\P{\(c)}" : "\\p{\(c)}") }
            case let .binary(property):
                properties.append("\\p{\(property.rawValue)}")
            case let .set(inner, negated):
                guard let u = union(inner.items) else { return nil }
                let innerNegated = inner.negated != negated
                if !innerNegated {
                    ranges += u.ranges
                    properties += u.properties
                } else if u.properties.isEmpty {
                    ranges += complement(normalized(u.ranges))
                } else if u.ranges.isEmpty, u.properties.count == 1 {
                    let p = u.properties[0]
                    properties.append(p.hasPrefix("\\p") ? "\\P" + p.dropFirst(2) : "\\p" + p.dropFirst(2))
                } else {
                    return nil
                }
            }
        }
        return (ranges, properties)
    }

    /// Sorted, merged, without surrogates.
    private static func normalized(_ ranges: [(UInt32, UInt32)]) -> [(UInt32, UInt32)] {
        var out: [(UInt32, UInt32)] = []
        for (a, b) in ranges.sorted(by: { $0.0 < $1.0 }) {
            for (x, y) in [(a, Swift.min(b, 0xD7FF)), (Swift.max(a, 0xE000), b)] where x <= y {
                if let last = out.last, x <= last.1 &+ 1 {
                    out[out.count - 1].1 = Swift.max(last.1, y)
                } else {
                    out.append((x, y))
                }
            }
        }
        return out
    }

    private static func complement(_ sorted: [(UInt32, UInt32)]) -> [(UInt32, UInt32)] {
        var out: [(UInt32, UInt32)] = []
        var next: UInt32 = 0
        for (a, b) in sorted {
            if a > next { out.append((next, a - 1)) }
            next = b + 1
        }
        if next <= 0x10FFFF { out.append((next, 0x10FFFF)) }
        return out
    }

    private static func enumerate(_ set: CharSet) -> [(UInt32, UInt32)] {
        var out: [(UInt32, UInt32)] = []
        var start: UInt32? = nil
        for c in UInt32(0)...0x110000 {
            let member = c <= 0x10FFFF && set.contains(c)
            if member, start == nil { start = c }
            if !member, let s = start { out.append((s, c - 1)); start = nil }
        }
        return out
    }
}
