import APIModel

/// Reads a syntax skeleton from bytes into a `SkeletonNode` tree.
///
/// One grammar covers both boto3's Python literals and the AWS reference JSON blocks:
///
///     document := [name '='] value
///     value    := atom ('|' atom)*
///     atom     := '{' [member (',' member)* [',']] '}'      member := value [':' value]
///              |  '[' [value (',' value)* [',']] ']'
///              |  name '(' [arg (',' arg)* [',']] ')'       arg    := [name '='] value
///              |  'text' | "text" | b'text' | number | word ('JSON value', True, ...)
///
/// The scan is byte-level over UTF-8 (every delimiter is ASCII, so multi-byte characters
/// only ever appear inside literals) and never traps: malformed input throws a
/// `SkeletonError` with the line where it went wrong.
public struct SkeletonParser: Sendable {
    public let dialect: SkeletonDialect
    /// Deeper nesting than this is reported instead of risking the stack on garbage input.
    public var maximumDepth = 256

    public init(dialect: SkeletonDialect) { self.dialect = dialect }

    /// Parses `bytes[range]`, whose first byte is on line `firstLine`.
    public func parse(_ bytes: [UInt8], range: Range<Int>? = nil, firstLine: Int = 1) throws(SkeletonError) -> SkeletonDocument {
        let r = range ?? 0..<bytes.count
        // On the buffer: every byte of a block is looked at, most of them more than once.
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SkeletonError) -> SkeletonDocument in
            var scanner = Scanner(bytes: buffer, position: r.lowerBound, end: r.upperBound, line: firstLine,
                                  dialect: dialect, maximumDepth: maximumDepth)
            return try scanner.document()
        }
    }

    /// Reads the bracketed value (`{...}`, `[...]`, `name(...)`, optionally after `name =`) that
    /// starts at `start`, and where it ends; the bytes after it up to `limit` are not looked at.
    /// Nil when no complete bracketed value starts there: the caller then finds the literal's
    /// extent another way and `parse(_:range:firstLine:)` says what is wrong with it. Saves
    /// scanning a literal for its end before parsing it.
    public func parseBracketedValue(_ bytes: [UInt8], from start: Int, limit: Int, firstLine: Int = 1)
        -> (document: SkeletonDocument, end: Int)? {
        bytes.withUnsafeBufferPointer { buffer -> (document: SkeletonDocument, end: Int)? in
            var scanner = Scanner(bytes: buffer, position: start, end: limit, line: firstLine,
                                  dialect: dialect, maximumDepth: maximumDepth)
            guard let document = try? scanner.bracketedDocument() else { return nil }
            return (document, scanner.position)
        }
    }

    /// Parses a string (tests, small inputs).
    public func parse(_ text: String, firstLine: Int = 1) throws(SkeletonError) -> SkeletonDocument {
        try parse(Array(text.utf8), firstLine: firstLine)
    }
}

/// Reads within `bytes[..<end]` only: every access is after a `position < end` test.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int
    var line: Int
    let dialect: SkeletonDialect
    let maximumDepth: Int
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int, end: Int, line: Int, dialect: SkeletonDialect, maximumDepth: Int) {
        self.bytes = bytes
        self.position = max(0, min(position, bytes.count))
        self.end = max(self.position, min(end, bytes.count))
        self.line = line
        self.dialect = dialect
        self.maximumDepth = maximumDepth
    }

    // MARK: document

    mutating func document() throws(SkeletonError) -> SkeletonDocument {
        skipSpace()
        guard position < end else { throw SkeletonError(.empty, line: line, "empty syntax block") }
        let target = assignmentTarget()
        let value = try self.value()
        skipSpace()
        if position < end {
            let c = bytes[position]
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == UInt8(ascii: ")") {
                throw SkeletonError(.unbalanced, line: line, "unbalanced brackets: '\(Character(Unicode.Scalar(c)))' closes nothing")
            }
            throw SkeletonError(.unexpected, line: line, "unexpected \(describe(c)) after the end of the value")
        }
        return SkeletonDocument(assignedTo: target, value: value)
    }

    /// `[name =] atom` where the atom is a container or a call, ending at its closing bracket
    /// (nothing after it is read, not even a `|`); nil for any other value.
    mutating func bracketedDocument() throws(SkeletonError) -> SkeletonDocument? {
        skipSpace()
        guard position < end else { return nil }
        let target = assignmentTarget()
        let value = try atom()
        switch value.kind {
        case .object, .list, .call: return SkeletonDocument(assignedTo: target, value: value)
        default: return nil
        }
    }

    /// `response =` (and a call's `Name=`) ahead: a name, then a single '=' (not '=='),
    /// consumed; otherwise nothing is.
    mutating func assignmentTarget() -> String? {
        guard position < end, isNameStart(bytes[position]) else { return nil }
        let mark = (position, line)
        let name = scanName()
        skipSpace()
        if position < end, bytes[position] == UInt8(ascii: "="), peek(1) != UInt8(ascii: "=") {
            position += 1
            return name
        }
        (position, line) = mark
        return nil
    }

    // MARK: values

    mutating func value() throws(SkeletonError) -> SkeletonNode {
        let first = try atom()
        skipSpace()
        guard alternativeSeparator() else { return first }
        var node = SkeletonNode(kind: .alternatives, line: first.line, items: [first])
        repeat {
            skipSpace()
            Self.append(try atom(), to: &node.items)
            skipSpace()
        } while alternativeSeparator()
        return node
    }

    /// Consumes `|` (or the word `or` where the dialect allows it) when it comes next.
    mutating func alternativeSeparator() -> Bool {
        guard position < end else { return false }
        if bytes[position] == UInt8(ascii: "|") { position += 1; return true }
        if dialect.orSeparatesAlternatives, bytes[position] == UInt8(ascii: "o"), peek(1) == UInt8(ascii: "r"),
           peek(2) == 0x20 || peek(2) == 0x0A {
            position += 2
            return true
        }
        return false
    }

    mutating func atom() throws(SkeletonError) -> SkeletonNode {
        skipSpace()
        guard position < end else { throw SkeletonError(.unclosed, line: line, "the syntax block ends where a value was expected") }
        let c = bytes[position]
        switch c {
        case UInt8(ascii: "{"): return try container(close: UInt8(ascii: "}"), kind: .object)
        case UInt8(ascii: "["): return try container(close: UInt8(ascii: "]"), kind: .list)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            let startLine = line
            return SkeletonNode(kind: .string(try quoted()), line: startLine)
        case UInt8(ascii: "b") where peek(1) == UInt8(ascii: "'") || peek(1) == UInt8(ascii: "\""):
            let startLine = line
            position += 1
            return SkeletonNode(kind: .bytes(try quoted()), line: startLine)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return number()
        case UInt8(ascii: "-") where isDigit(peek(1)):
            return number()
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
            throw SkeletonError(.unbalanced, line: line, "unbalanced brackets: '\(Character(Unicode.Scalar(c)))' where a value was expected")
        default:
            guard isNameStart(c) || c == UInt8(ascii: ".") else {
                throw SkeletonError(.unknownLiteral, line: line, "unknown literal starting with \(describe(c))")
            }
            return try wordOrCall()
        }
    }

    /// `{...}` and `[...]`: comma-separated members up to the closing bracket.
    mutating func container(close: UInt8, kind: SkeletonNode.Kind) throws(SkeletonError) -> SkeletonNode {
        let open = bytes[position]
        let openLine = line
        try enter(openLine)
        defer { depth -= 1 }
        position += 1
        var node = SkeletonNode(kind: kind, line: openLine)
        while true {
            skipSpace()
            guard position < end else {
                throw SkeletonError(.unclosed, line: openLine, "'\(Character(Unicode.Scalar(open)))' opened on line \(openLine) is never closed")
            }
            let c = bytes[position]
            if c == close { position += 1; return node }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == UInt8(ascii: ")") {
                throw SkeletonError(.unbalanced, line: line,
                                    "unbalanced brackets: '\(Character(Unicode.Scalar(open)))' opened on line \(openLine) is closed by '\(Character(Unicode.Scalar(c)))'")
            }
            let item = try value()
            skipSpace()
            if kind == .object, position < end, bytes[position] == UInt8(ascii: ":") {
                position += 1
                let v = try value()
                Self.append(SkeletonEntry(key: item, value: v, isKeywordArgument: false), to: &node.entries)
            } else {
                Self.append(item, to: &node.items)
            }
            try separator(close: close, open: open, openLine: openLine)
        }
    }

    /// After a member: a comma, or the closing bracket (left for the caller to consume).
    mutating func separator(close: UInt8, open: UInt8, openLine: Int) throws(SkeletonError) {
        skipSpace()
        guard position < end else {
            throw SkeletonError(.unclosed, line: openLine, "'\(Character(Unicode.Scalar(open)))' opened on line \(openLine) is never closed")
        }
        let c = bytes[position]
        if c == UInt8(ascii: ",") { position += 1; return }
        if c == close { return }
        if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == UInt8(ascii: ")") {
            throw SkeletonError(.unbalanced, line: line,
                                "unbalanced brackets: '\(Character(Unicode.Scalar(open)))' opened on line \(openLine) is closed by '\(Character(Unicode.Scalar(c)))'")
        }
        throw SkeletonError(.unexpected, line: line, "expected ',' or '\(Character(Unicode.Scalar(close)))', found \(describe(c))")
    }

    mutating func wordOrCall() throws(SkeletonError) -> SkeletonNode {
        let startLine = line
        let word = scanWord()
        skipSpace()
        if position < end, bytes[position] == UInt8(ascii: "(") {
            guard dialect.knowsCall(word) else {
                throw SkeletonError(.unknownLiteral, line: startLine, "unknown literal '\(word)(...)'")
            }
            return try call(name: word, line: startLine)
        }
        guard dialect.knowsWord(word) else {
            throw SkeletonError(.unknownLiteral, line: startLine, "unknown literal '\(word)'")
        }
        return SkeletonNode(kind: .word(word), line: startLine)
    }

    mutating func call(name: String, line startLine: Int) throws(SkeletonError) -> SkeletonNode {
        try enter(startLine)
        defer { depth -= 1 }
        let openLine = line
        position += 1
        var node = SkeletonNode(kind: .call(name: name), line: startLine)
        while true {
            skipSpace()
            guard position < end else {
                throw SkeletonError(.unclosed, line: openLine, "'(' opened on line \(openLine) is never closed")
            }
            let c = bytes[position]
            if c == UInt8(ascii: ")") { position += 1; return node }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                throw SkeletonError(.unbalanced, line: line, "unbalanced brackets: '(' opened on line \(openLine) is closed by '\(Character(Unicode.Scalar(c)))'")
            }
            if dialect.allowsKeywordArguments, isNameStart(c), let keyword = keywordAhead() {
                let value = try self.value()
                Self.append(SkeletonEntry(key: keyword, value: value, isKeywordArgument: true), to: &node.entries)
            } else {
                Self.append(try value(), to: &node.items)
            }
            try separator(close: UInt8(ascii: ")"), open: UInt8(ascii: "("), openLine: openLine)
        }
    }

    /// `Name=` ahead: consumes it and returns the keyword node; otherwise leaves the position.
    mutating func keywordAhead() -> SkeletonNode? {
        let keywordLine = line
        return assignmentTarget().map { SkeletonNode(kind: .word($0), line: keywordLine) }
    }

    // MARK: lexemes

    /// A quoted literal starting at the quote; returns the text between the quotes.
    mutating func quoted() throws(SkeletonError) -> String {
        let quote = bytes[position]
        let startLine = line
        position += 1
        let start = position
        // Eight bytes at a step up to the first that may end or escape the literal.
        let quotes = UInt64(quote) &* Self.everyByte, backslashes = Self.backslashes, lineBreaks = Self.lineBreaks
        while position + 8 <= end {
            let w = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
            let stop = zeroByteMask(w ^ quotes) | zeroByteMask(w ^ backslashes) | zeroByteMask(w ^ lineBreaks)
            if stop != 0 { position += stop.trailingZeroBitCount >> 3; break }
            position += 8
        }
        while position < end {
            let c = bytes[position]
            if c == quote {
                let literal = text(start..<position)
                position += 1
                return literal
            }
            if c == UInt8(ascii: "\\") { position += 2; continue }
            if c == 0x0A { break }
            position += 1
        }
        throw SkeletonError(.unclosed, line: startLine, "string literal opened on line \(startLine) is never closed")
    }

    mutating func number() -> SkeletonNode {
        let start = position
        var isFloat = false
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < end {
            let c = bytes[position]
            if isDigit(c) { position += 1; continue }
            if c == UInt8(ascii: "."), isDigit(peek(1)) { isFloat = true; position += 1; continue }
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                isFloat = true
                position += 1
                if position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") { position += 1 }
                continue
            }
            break
        }
        return SkeletonNode(kind: .number(text(start..<position), isFloat: isFloat), line: line)
    }

    /// A run of names separated by single spaces on one line (`JSON value`), or dots (`...`).
    mutating func scanWord() -> String {
        let start = position
        var last = position
        while position < end {
            let c = bytes[position]
            if isNameByte(c) || c == UInt8(ascii: ".") {
                position += 1
                last = position
                continue
            }
            if c == UInt8(ascii: " "), position + 1 < end, isNameStart(bytes[position + 1]), last == position {
                position += 1
                continue
            }
            break
        }
        position = last
        return text(start..<last)
    }

    mutating func scanName() -> String {
        let start = position
        while position < end, isNameByte(bytes[position]) || bytes[position] == UInt8(ascii: ".") { position += 1 }
        return text(start..<position)
    }

    mutating func skipSpace() {
        while position < end {
            let c = bytes[position]
            if c == 0x0A { line += 1; position += 1 }
            else if c == 0x20 || c == 0x09 || c == 0x0D { position += 1 }
            else { return }
        }
    }

    mutating func enter(_ atLine: Int) throws(SkeletonError) {
        depth += 1
        if depth > maximumDepth {
            throw SkeletonError(.unexpected, line: atLine, "nesting deeper than \(maximumDepth) levels")
        }
    }

    func text(_ range: Range<Int>) -> String {
        String(decodingUTF8: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// Appends a member, making room for a few at the first: most containers hold a handful,
    /// and growing from one by doubling costs an allocation and a copy per step.
    @inline(__always) static func append<Member>(_ member: Member, to members: inout [Member]) {
        if members.capacity < 4 { members.reserveCapacity(4) }
        members.append(member)
    }

    static let everyByte: UInt64 = 0x0101_0101_0101_0101
    static let backslashes = UInt64(UInt8(ascii: "\\")) &* everyByte
    static let lineBreaks = UInt64(0x0A) &* everyByte

    func peek(_ offset: Int) -> UInt8 {
        let i = position + offset
        return i < end ? bytes[i] : 0
    }

    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == UInt8(ascii: "_") }
    func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }

    func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        let hex = Array("0123456789ABCDEF")
        return "byte 0x\(hex[Int(c >> 4)])\(hex[Int(c & 15)])"
    }
}
