import APIModel

/// How the checker's issues read: the path to a value as botocore writes it
/// (`Reservations[0].Instances`, `Tags["a b"]`) and messages that show values quoted and cut
/// short. Both are assembled as bytes in reused buffers and made a String once: appending piece
/// by piece to a String cost about as much as checking the faulty value. Nothing here checks.
struct IssueText {
    private var pathBytes = ScratchStack<UInt8>(capacity: 256)
    private var messageBytes = ScratchStack<UInt8>(capacity: 256)

    func release() {
        pathBytes.release()
        messageBytes.release()
    }

    /// A message built by `build` into the reused buffer.
    @inline(__always)
    mutating func message(_ build: (UnsafeMutablePointer<ScratchStack<UInt8>>) -> Void) -> String {
        messageBytes.removeAll()
        withUnsafeMutablePointer(to: &messageBytes) { build($0) }
        return String(decoding: UnsafeBufferPointer(start: messageBytes.base, count: messageBytes.count), as: UTF8.self)
    }

    /// The path of `components` (then `extra`) in the record at `record`, member names from `storage`.
    mutating func path(_ components: ScratchStack<PathComponent>, extra: PathComponent?,
                       record: UnsafePointer<UInt8>, storage: UnsafePointer<PlanStorage>) -> String {
        pathBytes.removeAll()
        withUnsafeMutablePointer(to: &pathBytes) { out in
            for i in 0..<components.count { Self.appendStep(components[i], record: record, storage: storage, to: out) }
            if let extra { Self.appendStep(extra, record: record, storage: storage, to: out) }
        }
        return String(decoding: UnsafeBufferPointer(start: pathBytes.base, count: pathBytes.count), as: UTF8.self)
    }

    private static func appendStep(_ c: PathComponent, record: UnsafePointer<UInt8>, storage: UnsafePointer<PlanStorage>,
                                   to out: UnsafeMutablePointer<ScratchStack<UInt8>>) {
        switch c.kind {
        case .member:
            if out.pointee.count > 0 { out.pointee.push(0x2E) }
            out.pointee.append(bytes: memberName(c.indexOrOffset, storage))
        case .rawKey:
            if out.pointee.count > 0 { out.pointee.push(0x2E) }
            let raw = UnsafeBufferPointer(start: record + c.indexOrOffset, count: c.keyLength)
            if !c.escaped && raw.allSatisfy({ $0 < 0x80 }) {
                out.pointee.append(bytes: raw)
            } else {
                out.pointee.add(keyString(c, record: record))
            }
        case .index:
            out.pointee.push(0x5B)
            ResultsJSON.integer(c.indexOrOffset, &out.pointee)
            out.pointee.push(0x5D)
        case .mapKey:
            out.pointee.push(0x5B)
            let raw = UnsafeBufferPointer(start: record + c.indexOrOffset, count: c.keyLength)
            appendQuoted(raw, plain: !c.escaped, to: out) { keyString(c, record: record) }
            out.pointee.push(0x5D)
        }
    }

    /// The bytes of member `mi`'s name, from the plan's name pool.
    static func memberName(_ mi: Int, _ storage: UnsafePointer<PlanStorage>) -> UnsafeBufferPointer<UInt8> {
        let m = storage.pointee.members[mi]
        return UnsafeBufferPointer(start: storage.pointee.namePool.baseAddress.unsafelyUnwrapped + Int(m.nameStart), count: Int(m.nameLength))
    }

    /// Appends `quoted(text())` for bytes whose text is `text()`: plain printable ASCII as it
    /// is, the rest through `quoted`.
    static func appendQuoted(_ raw: UnsafeBufferPointer<UInt8>, plain: Bool, to out: UnsafeMutablePointer<ScratchStack<UInt8>>,
                             text: () -> String) {
        if plain && raw.allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }) {
            out.pointee.push(0x22)
            out.pointee.append(bytes: raw)
            out.pointee.push(0x22)
        } else {
            out.pointee.add(quoted(text()))
        }
    }

    /// Appends `display(str)`: short plain-ASCII values as they are, the rest through `display`.
    static func appendDisplay(_ str: ScannedString, record: UnsafePointer<UInt8>, to out: UnsafeMutablePointer<ScratchStack<UInt8>>,
                              limit: Int = 60) {
        let raw = UnsafeBufferPointer(start: record + str.start, count: str.end - str.start)
        if !str.hasEscapes && raw.count <= limit && raw.allSatisfy({ $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }) {
            out.pointee.push(0x22)
            out.pointee.append(bytes: raw)
            out.pointee.push(0x22)
        } else {
            out.pointee.add(display(str, record: record, limit: limit))
        }
    }

    /// The key a path step names, escapes resolved.
    static func keyString(_ c: PathComponent, record: UnsafePointer<UInt8>) -> String {
        string(ScannedString(start: c.indexOrOffset, end: c.indexOrOffset + c.keyLength, hasEscapes: c.escaped, codePoints: 0), record: record)
    }

    /// The text of a scanned string, escapes resolved (by the project's one JSON unescaper).
    static func string(_ str: ScannedString, record: UnsafePointer<UInt8>) -> String {
        guard str.hasEscapes else {
            return String(decoding: UnsafeBufferPointer(start: record + str.start, count: str.end - str.start), as: UTF8.self)
        }
        // The lexer scanned it between its quotes: the literal is the quotes and what is between.
        return JSONParser.string(literal: UnsafeBufferPointer(start: record + str.start - 1, count: str.end - str.start + 2)) ?? ""
    }

    /// A string as a JSON string literal (quotes, backslashes and control characters escaped),
    /// escaped as the results writer escapes it.
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        ResultsJSON.string(s, &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of a scanned string for messages, quoted and cut to `limit` characters. Only
    /// the first `limit * 4 + 8` bytes are decoded, cut where no escape or character is split.
    static func display(_ str: ScannedString, record: UnsafePointer<UInt8>, limit: Int = 60) -> String {
        let length = str.end - str.start
        let kept = min(length, whole(record + str.start, upTo: limit * 4 + 8, of: length))
        var text: String
        if kept == length || !str.hasEscapes {
            text = string(ScannedString(start: str.start, end: str.start + kept, hasEscapes: str.hasEscapes, codePoints: 0), record: record)
        } else {
            // The kept part has no closing quote of its own in the record.
            var literal: [UInt8] = [0x22]
            literal.append(contentsOf: UnsafeBufferPointer(start: record + str.start, count: kept))
            literal.append(0x22)
            text = literal.withUnsafeBufferPointer { JSONParser.string(literal: $0) } ?? ""
        }
        if text.count > limit || kept < length { text = String(text.prefix(limit)) + "…" }
        return quoted(text)
    }

    /// How many of the first `bound` bytes of string content at `p` (`length` bytes in all) end
    /// on a whole escape and a whole UTF-8 character.
    private static func whole(_ p: UnsafePointer<UInt8>, upTo bound: Int, of length: Int) -> Int {
        guard length > bound else { return length }
        var i = 0
        while i < bound {
            guard p[i] == 0x5C else { i += 1; continue }
            // An escape the lexer accepted: `\x`, `\uXXXX`, or a surrogate pair of two of them.
            var n = 2
            if p[i + 1] == 0x75 {
                n = 6
                let second = p[i + 3] | 0x20  // a high surrogate is \uD800-\uDBFF
                if p[i + 2] | 0x20 == 0x64 && (second == 0x38 || second == 0x39 || second == 0x61 || second == 0x62) { n = 12 }
            }
            if i + n > bound { return i }
            i += n
        }
        var cut = bound
        while cut > 0 && p[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    /// A scanned number's text (ASCII), cut to 40 bytes.
    static func number(_ n: ScannedNumber, record: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: record + n.start, count: min(n.end - n.start, 40))
    }
}
