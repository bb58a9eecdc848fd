import APIModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON string just scanned: its raw bytes (between the quotes) and what it needs.
package struct ScannedString {
    package var start: Int
    package var end: Int
    package var hasEscapes: Bool
    package var codePoints: Int
}

/// A JSON number just scanned.
package struct ScannedNumber {
    package var start: Int
    package var end: Int
    /// No fraction and no exponent.
    var plainInteger: Bool
    /// Written with an exponent (`1e400`): the only way a literal of a few bytes leaves a double's range.
    var hasExponent: Bool
    /// The exact value when it is a plain integer that fits in 64 bits.
    var intValue: Int64
    var overflow: Bool
}

/// Byte-level JSON lexing over one record: strings (UTF-8 validated, code points counted
/// eight ASCII bytes at a time), numbers, literals, and an iterative skip of whole values
/// that keeps any nesting depth off the call stack.
package struct JSONLexer {
    package let p: UnsafePointer<UInt8>
    package let end: Int
    package var pos = 0

    package init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer still needs a valid base pointer for the unchecked reads below.
        p = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
    }

    @inline(__always) package var atEnd: Bool { pos >= end }
    @inline(__always) package var byte: UInt8 { pos < end ? p[pos] : 0 }

    @inline(__always) package mutating func skipWhitespace() {
        while pos < end {
            let b = p[pos]
            // Most calls stand on a token already: one compare settles them.
            if b > 0x20 { return }
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { return }
        }
    }

    package func fail(_ reason: String) -> MalformedJSON { MalformedJSON(offset: pos, reason: reason) }

    /// The byte `b` (after whitespace); the usual case, `b` right here, costs one compare.
    @inline(__always)
    package mutating func expect(_ b: UInt8, _ what: StaticString) throws(MalformedJSON) {
        if pos < end && p[pos] == b { pos += 1; return }
        try expectSlow(b, what)
    }

    private mutating func expectSlow(_ b: UInt8, _ what: StaticString) throws(MalformedJSON) {
        skipWhitespace()
        guard pos < end else { throw fail("unexpected end of input, expected \(what)") }
        guard p[pos] == b else { throw fail("expected \(what), found \(describeByte(p[pos]))") }
        pos += 1
    }

    func describeByte(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16))"
    }

    /// At the opening quote: scans the string, validating escapes and UTF-8.
    @inline(__always)
    package mutating func scanString() throws(MalformedJSON) -> ScannedString {
        // The hot loop works on locals; `pos` is written back at the exits.
        let p = self.p
        let end = self.end
        var i = pos + 1
        let start = i
        var cps = 0
        var escaped = false
        while true {
            while i + 8 <= end {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let special = (w & 0x8080_8080_8080_8080) | zeroByteMask(w ^ 0x2222_2222_2222_2222)
                    | zeroByteMask(w ^ 0x5C5C_5C5C_5C5C_5C5C) | ((w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080)
                if special != 0 {
                    // Skip the plain ASCII bytes before the first special one.
                    let skip = (special.trailingZeroBitCount >> 3)
                    i += skip
                    cps += skip
                    break
                }
                i += 8
                cps += 8
            }
            guard i < end else { pos = i; throw MalformedJSON(offset: start - 1, reason: "unterminated string") }
            let b = p[i]
            if b == 0x22 { break }
            if b >= 0x20 && b < 0x80 && b != 0x5C { i += 1; cps += 1; continue }
            pos = i
            if b == 0x5C {
                escaped = true
                try scanEscape()
            } else if b < 0x20 {
                throw fail("unescaped control character \(describeByte(b)) in string")
            } else {
                try scanMultibyte(b)
            }
            i = pos
            cps += 1
        }
        pos = i + 1
        return ScannedString(start: start, end: i, hasEscapes: escaped, codePoints: cps)
    }

    private mutating func scanEscape() throws(MalformedJSON) {
        guard pos + 1 < end else { throw fail("unterminated escape") }
        switch p[pos + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: pos += 2
        case 0x75:
            guard let u = hex4(at: pos + 2) else { throw fail("bad \\u escape") }
            // A surrogate pair is one code point; half of one stands for no character (the
            // same surrogate as raw UTF-8 bytes is invalid UTF-8).
            if u >= 0xDC00 && u <= 0xDFFF { throw fail("lone surrogate escape \\u\(String(u, radix: 16)) (a low half without a high one)") }
            if u >= 0xD800 && u <= 0xDBFF {
                guard pos + 7 < end, p[pos + 6] == 0x5C, p[pos + 7] == 0x75,
                      let lo = hex4(at: pos + 8), lo >= 0xDC00 && lo <= 0xDFFF else {
                    throw fail("lone surrogate escape \\u\(String(u, radix: 16)) (a high half without a low one)")
                }
                pos += 6
            }
            pos += 6
        default: throw fail("bad escape \\\(describeByte(p[pos + 1]))")
        }
    }

    func hex4(at i: Int) -> UInt32? {
        guard i + 4 <= end else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// One UTF-8 sequence starting with lead byte `b` (≥ 0x80), per RFC 3629.
    private mutating func scanMultibyte(_ b: UInt8) throws(MalformedJSON) {
        @inline(__always) func cont(_ i: Int) -> Bool { i < end && p[i] & 0xC0 == 0x80 }
        switch b {
        case 0xC2...0xDF:
            guard cont(pos + 1) else { throw fail("invalid UTF-8") }
            pos += 2
        case 0xE0...0xEF:
            guard cont(pos + 1), cont(pos + 2) else { throw fail("invalid UTF-8") }
            let b1 = p[pos + 1]
            if b == 0xE0 && b1 < 0xA0 { throw fail("invalid UTF-8 (overlong)") }
            if b == 0xED && b1 >= 0xA0 { throw fail("invalid UTF-8 (surrogate)") }
            pos += 3
        case 0xF0...0xF4:
            guard cont(pos + 1), cont(pos + 2), cont(pos + 3) else { throw fail("invalid UTF-8") }
            let b1 = p[pos + 1]
            if b == 0xF0 && b1 < 0x90 { throw fail("invalid UTF-8 (overlong)") }
            if b == 0xF4 && b1 >= 0x90 { throw fail("invalid UTF-8 (above U+10FFFF)") }
            pos += 4
        default:
            throw fail("invalid UTF-8")
        }
    }

    /// At a number's first byte (`-` or digit).
    @inline(__always)
    package mutating func scanNumber() throws(MalformedJSON) -> ScannedNumber {
        let start = pos
        var negative = false
        if p[pos] == 0x2D { negative = true; pos += 1 }
        guard pos < end, p[pos] >= 0x30 && p[pos] <= 0x39 else { throw fail("invalid number") }
        var value: UInt64 = 0
        var overflow = false
        if p[pos] == 0x30 {
            pos += 1
        } else {
            while pos < end, p[pos] >= 0x30 && p[pos] <= 0x39 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(p[pos] - 0x30))
                value = a
                overflow = overflow || o1 || o2
                pos += 1
            }
        }
        var plain = true
        if pos < end, p[pos] == 0x2E {
            plain = false
            pos += 1
            let s = pos
            while pos < end, p[pos] >= 0x30 && p[pos] <= 0x39 { pos += 1 }
            guard pos > s else { throw fail("invalid number: no digits after '.'") }
        }
        var exponent = false
        if pos < end, p[pos] == 0x65 || p[pos] == 0x45 {
            plain = false
            exponent = true
            pos += 1
            if pos < end, p[pos] == 0x2B || p[pos] == 0x2D { pos += 1 }
            let s = pos
            while pos < end, p[pos] >= 0x30 && p[pos] <= 0x39 { pos += 1 }
            guard pos > s else { throw fail("invalid number: no exponent digits") }
        }
        var int: Int64 = 0
        if !overflow {
            if negative {
                if value <= UInt64(Int64.max) + 1 { int = value == UInt64(Int64.max) + 1 ? .min : -Int64(value) } else { overflow = true }
            } else if value <= UInt64(Int64.max) {
                int = Int64(value)
            } else {
                overflow = true
            }
        }
        return ScannedNumber(start: start, end: pos, plainInteger: plain, hasExponent: exponent, intValue: int, overflow: overflow)
    }

    /// The number as a Double (fractions, exponents, huge integers).
    func doubleValue(_ n: ScannedNumber) -> Double {
        let len = n.end - n.start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf in
            for i in 0..<len { buf[i] = CChar(bitPattern: p[n.start + i]) }
            buf[len] = 0
            return strtod(buf.baseAddress!, nil)
        }
    }

    /// The exact value of a number written with a fraction or an exponent, when that value is
    /// an integer (`1.0`, `1.5e1`, `150e-1`); nil when it is not (`1.5`, `1e-400`, whatever a
    /// double would round it to). `overflow` when it is an integer outside 64 bits.
    func integralValue(_ n: ScannedNumber) -> (value: Int64, overflow: Bool)? {
        var i = n.start
        let negative = p[i] == 0x2D
        if negative { i += 1 }
        // Significant digits (integer and fraction part) and the power of ten they are scaled by.
        var digits: [UInt8] = []
        var scale = 0
        while i < n.end, p[i] >= 0x30 && p[i] <= 0x39 { digits.append(p[i] - 0x30); i += 1 }
        if i < n.end, p[i] == 0x2E {
            i += 1
            while i < n.end, p[i] >= 0x30 && p[i] <= 0x39 { digits.append(p[i] - 0x30); scale -= 1; i += 1 }
        }
        if i < n.end, p[i] == 0x65 || p[i] == 0x45 {
            i += 1
            var exponentNegative = false
            if p[i] == 0x2B || p[i] == 0x2D { exponentNegative = p[i] == 0x2D; i += 1 }
            var exponent = 0
            // Saturated: any exponent this large makes the value overflow or not integral (or zero).
            while i < n.end { exponent = min(exponent * 10 + Int(p[i] - 0x30), 1_000_000_000); i += 1 }
            scale += exponentNegative ? -exponent : exponent
        }
        guard let first = digits.firstIndex(where: { $0 != 0 }) else { return (0, false) }
        var last = digits.count - 1
        while digits[last] == 0 { last -= 1; scale += 1 }
        guard scale >= 0 else { return nil }
        let count = last - first + 1
        if count + scale > 19 { return (0, true) }
        var magnitude: UInt64 = 0
        for d in digits[first...last] { magnitude = magnitude * 10 + UInt64(d) }
        for _ in 0..<scale { magnitude *= 10 }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return (0, true) }
            return (magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude), false)
        }
        guard magnitude <= UInt64(Int64.max) else { return (0, true) }
        return (Int64(magnitude), false)
    }

    /// Matches a literal word (`true`, `null`, ...) at the current position.
    @inline(__always)
    package mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard pos + n <= end else { return false }
        let w = word.utf8Start
        for i in 0..<n where p[pos + i] != w[i] { return false }
        pos += n
        return true
    }

    /// The non-JSON literals some serializers write for floats (Python's `NaN`, `Infinity`).
    mutating func nonFiniteLiteral() -> String? {
        for word: StaticString in ["NaN", "Infinity", "-Infinity"] where literal(word) { return "\(word)" }
        return nil
    }

    /// Skips one whole value, validating its syntax, without recursion. Calls `onNonFinite`
    /// for NaN/Infinity literals (reported, then skipped like numbers), and `onTooDeep` once
    /// when containers nest more than `depthLeft` levels (the value is still skipped whole).
    mutating func skipValue(stack: inout ScratchStack<UInt8>, depthLeft: Int = .max, onTooDeep: (Int) -> Void = { _ in },
                            onNonFinite: (String, Int) -> Void) throws(MalformedJSON) {
        // Scalars, the usual skipped values, need no stack.
        if pos < end {
            switch p[pos] {
            case 0x22: _ = try scanString(); return
            case 0x30...0x39: _ = try scanNumber(); return
            case 0x6E: if literal("null") { return }
            case 0x74: if literal("true") { return }
            case 0x66: if literal("false") { return }
            default: break
            }
        }
        stack.removeAll()
        var tooDeep = false
        while true {
            // A value.
            skipWhitespace()
            guard pos < end else { throw fail("unexpected end of input, expected a value") }
            let b = p[pos]
            if (b == 0x7B || b == 0x5B) && !tooDeep && stack.count >= depthLeft {
                tooDeep = true
                onTooDeep(pos)
            }
            switch b {
            case 0x7B:
                pos += 1
                skipWhitespace()
                if byte == 0x7D { pos += 1; break }
                stack.push(0x7D)
                _ = try scanKey()
                continue
            case 0x5B:
                pos += 1
                skipWhitespace()
                if byte == 0x5D { pos += 1; break }
                stack.push(0x5D)
                continue
            case 0x22: _ = try scanString()
            case 0x2D, 0x30...0x39:
                if b == 0x2D, pos + 1 < end, p[pos + 1] == 0x49, let word = nonFiniteLiteral() { onNonFinite(word, pos); break }
                _ = try scanNumber()
            case 0x74: guard literal("true") else { throw fail("invalid literal") }
            case 0x66: guard literal("false") else { throw fail("invalid literal") }
            case 0x6E: guard literal("null") else { throw fail("invalid literal") }
            case 0x4E, 0x49:
                let at = pos
                guard let word = nonFiniteLiteral() else { throw fail("invalid literal") }
                onNonFinite(word, at)
            default: throw fail("unexpected \(describeByte(b)), expected a value")
            }
            // After a value: close containers or move to the next item.
            while stack.count > 0 {
                let top = stack[stack.count - 1]
                if try nextItem(closing: top) {
                    if top == 0x7D { _ = try scanKey() }
                    break
                }
                stack.pop()
            }
            if stack.count == 0 { return }
        }
    }

    /// After an item of an object (`closing` `}`) or an array (`]`), whitespace first: true at
    /// `,` (another item follows), false at the closing byte; either is consumed. `inside` names
    /// the container in the message for input that ends first (default: by its kind).
    @inline(__always)
    package mutating func nextItem(closing: UInt8, inside: StaticString? = nil) throws(MalformedJSON) -> Bool {
        skipWhitespace()
        if pos < end {
            let c = p[pos]
            if c == 0x2C { pos += 1; return true }
            if c == closing { pos += 1; return false }
        }
        throw itemError(closing: closing, inside: inside)
    }

    private func itemError(closing: UInt8, inside: StaticString?) -> MalformedJSON {
        guard pos < end else {
            return fail("unexpected end of input inside \(inside.map { "\($0)" } ?? (closing == 0x7D ? "an object" : "an array"))")
        }
        return fail("expected ',' or '\(Character(Unicode.Scalar(closing)))', found \(describeByte(p[pos]))")
    }

    /// An object member's key and its colon, whitespace skipped around them: at the value.
    @inline(__always)
    package mutating func scanKey() throws(MalformedJSON) -> ScannedString {
        skipWhitespace()
        guard byte == 0x22 else { throw fail(atEnd ? "unexpected end of input, expected a key" : "expected a string key, found \(describeByte(byte))") }
        let key = try scanString()
        try expect(0x3A, "':'")
        skipWhitespace()
        return key
    }
}

/// The stack `JSONLexer.skipValue` works with, for lexers used outside this module.
package struct JSONSkipStack {
    var stack = ScratchStack<UInt8>()
    package init() {}
    package func release() { stack.release() }
}

extension JSONLexer {
    /// Skips one whole value (see `skipValue(stack:onNonFinite:)`).
    package mutating func skipValue(_ scratch: inout JSONSkipStack, onNonFinite: (String, Int) -> Void) throws(MalformedJSON) {
        try skipValue(stack: &scratch.stack, onNonFinite: onNonFinite)
    }
}
