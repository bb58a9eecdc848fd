import APIModel

/// An entry's `dd` lines split into its description and its fact lines, read. A class:
/// read once per entry, then passed to every expansion of it (a struct of six references
/// was copied field by field each time).
final class EntryFacts: Sendable {
    let facts: [(fact: Fact, line: Int)]
    /// The description lines joined with newlines (a one-line description shares the line's storage).
    let documentation: String
    /// The first `Type:` fact and its phrase (nil: not a type phrase), the first
    /// `HTTP Status Code:` fact, and whether a `Required: Yes` fact is among them: read
    /// once, asked for on every expansion.
    let type: (text: String, line: Int)?
    let typePhrase: TypePhrase?
    let required: Bool
    let httpStatus: Int?
    let statesRange: Bool
    /// Some line of the entry was not read (a warning said which): what the page states about
    /// the member is known only in part.
    let unread: Bool
    /// A description line says so (`This member has been deprecated.`).
    let deprecated: Bool
    /// Which node of the typed member each fact is about (nil without a readable type).
    private let placement: FactPlacement?

    private init(_ c: consuming Collected) {
        unread = c.unread
        deprecated = c.deprecated
        placement = c.typePhrase.flatMap { FactPlacement.needed(for: $0, c.facts) ? FactPlacement($0, c.facts) : nil }
        facts = c.facts
        documentation = c.documentation
        type = c.type
        typePhrase = c.typePhrase
        required = c.required
        httpStatus = c.httpStatus
        statesRange = c.statesRange
    }

    /// Facts that contradict one before them, or that no node of the type can take.
    var conflicts: [(line: Int, message: String)] { placement?.conflicts ?? [] }
    /// A fact no node of the type could take.
    var lostFact: Bool { placement?.lost ?? false }

    /// The count of the collection at `level` of the member's type, a map's (`isMap`) or a
    /// list's; `first`: no collection of its kind above it.
    func count(at level: Int, isMap: Bool, first: Bool) -> (min: Bound?, max: Bound?)? {
        if let placement { return placement.count(at: level) }
        guard first else { return nil }
        for (fact, _) in facts { if case let .count(min, max, m) = fact, m == isMap { return (min, max) } }
        return nil
    }

    /// The `Key ...` facts of the map at collection `level`.
    func keyFacts(at level: Int) -> [Fact] { placement?.keyFacts(at: level) ?? [] }

    /// The facts about the innermost value of the member's type.
    var leafFacts: [(fact: Fact, line: Int)] { placement?.leafFacts ?? facts }

    func statesCount(isMap: Bool) -> Bool {
        facts.contains { if case let .count(_, _, m) = $0.fact { return m == isMap } else { return false } }
    }

    /// The facts as they are read.
    private struct Collected {
        var facts: [(fact: Fact, line: Int)] = []
        var documentation = ""
        var type: (text: String, line: Int)?
        var typePhrase: TypePhrase?
        var required = false
        var httpStatus: Int?
        var statesRange = false
        var unread = false
        var deprecated = false
        /// The first `Required:` line: (value, line).
        var requiredLine: (Bool, Int)?

        mutating func add(_ fact: Fact, line: Int, phrase: TypePhrase? = nil, path: String, log: inout DiagnosticLog) {
            switch fact {
            case let .type(t):
                if let (first, firstLine) = type {
                    // The same type again is a description copied from the SDK that states it too.
                    if first == t { return }
                    // Two types for one member: most likely the entry below the first was not recognized.
                    log.warning(path, line: line, "a second Type: line in one entry (\"\(t)\"; line \(firstLine) said \"\(first)\"): an entry above it may be in a style the reader does not know; the first is read")
                    unread = true
                    return
                }
                type = (t, line)
                typePhrase = phrase
            case let .required(r):
                if let (first, firstLine) = requiredLine {
                    if first != r {
                        log.warning(path, line: line, "Required: \(r ? "Yes" : "No") contradicts Required: \(first ? "Yes" : "No") at line \(firstLine) of the same entry; read as not required")
                        required = false
                    }
                } else {
                    requiredLine = (r, line)
                    required = r
                }
            case let .httpStatus(s): if httpStatus == nil { httpStatus = s }
            case .range: statesRange = true
            default: break
            }
            facts.append((fact, line))
        }
    }

    static func read(_ lines: [ReferenceLine], path: String, memo: inout FactLineMemo, log: inout DiagnosticLog) -> EntryFacts {
        var result = Collected()
        result.facts.reserveCapacity(lines.count)
        var queue = lines
        var described = false
        /// Where the lines after the latest fact line start, while they are not facts.
        var proseAfterFacts: Int?
        var i = 0
        while i < queue.count {
            let current = queue[i]
            i += 1
            guard let (keyword, valueMayFollow) = FactLine.keywordAndFollow(of: current.text) else {
                if !result.facts.isEmpty, proseAfterFacts == nil {
                    proseAfterFacts = i - 1
                    // An entry gives its description, then its facts (a description copied from the
                    // SDK may hold fact lines of its own). A name alone after facts opens an entry in
                    // a style this reader does not know: nothing after it is this entry's.
                    if EntryTitle.looksLikeName(current.text) {
                        reportUnread(queue[(i - 1)...], path: path, log: &log)
                        result.unread = true
                        proseAfterFacts = nil
                        break
                    }
                }
                if !described {
                    // The generator puts its notice first.
                    result.deprecated = Deprecation.isNotice(current.text)
                    result.documentation = current.text
                    described = true
                } else {
                    result.documentation += "\n"
                    result.documentation += current.text
                }
                continue
            }
            proseAfterFacts = nil
            if !valueMayFollow {
                // The value is on the line itself: the whole line is the memo's key, no value string made.
                let reading = memo.read(line: current.text, keyword: keyword)
                switch reading.fact {
                case let .success(fact): result.add(fact, line: current.line, phrase: reading.phrase, path: path, log: &log)
                case let .failure(error):
                    log.error(path, line: current.line, "\(error.message); fact ignored")
                    result.unread = true
                }
                continue
            }
            let text = current.text.utf8
            var value = String(Substring(text[text.index(text.startIndex, offsetBy: keyword.utf8.count)...]).trimmingTextSpace)
            var valueLine = current.line
            // The text rendering puts a pattern (or value list) on the line after its keyword.
            if value.isEmpty, i < queue.count {
                value = queue[i].text
                valueLine = queue[i].line
                i += 1
            }
            let (kept, tail) = memo.splitGluedFact(value)
            value = kept
            if let tail { queue.insert(ReferenceLine(text: tail, line: valueLine), at: i) }
            do throws(FactLineError) {
                result.add(try memo.parse(keyword: keyword, value: value), line: current.line, path: path, log: &log)
            } catch {
                log.error(path, line: current.line, "\(error.message); fact ignored")
                result.unread = true
            }
        }
        if let start = proseAfterFacts {
            // Lines after the last fact line: an entry or a fact in a form this reader does not know, or a cut.
            reportUnread(queue[start...], path: path, log: &log)
            result.unread = true
        }
        return EntryFacts(result)
    }

    /// Names the first line after an entry's facts that is not one, and how many fact lines follow it.
    private static func reportUnread(_ rest: ArraySlice<ReferenceLine>, path: String, log: inout DiagnosticLog) {
        guard let first = rest.first else { return }
        let quoted = first.text.utf8.count > 80 ? String(first.text.prefix(77)) + "..." : first.text
        let laterFacts = rest.dropFirst().filter { FactLine.keywordAndFollow(of: $0.text) != nil }.count
        let tail = laterFacts > 0 ? "; \(laterFacts) fact line\(laterFacts == 1 ? "" : "s") after it not read either" : ""
        if FactLine.looksLikeUnknownFact(first.text) {
            log.warning(path, line: first.line, "fact line not understood: \"\(quoted)\"; not read\(tail)")
        } else {
            log.warning(path, line: first.line, "line after the entry's fact lines not understood (an entry in a style the reader does not know?): \"\(quoted)\"; not read\(tail)")
        }
    }
}

/// The notice the reference generator puts before the description of a deprecated member or
/// operation: "This member has been deprecated.", " *This header has been deprecated.*".
enum Deprecation {
    static func isNotice(_ text: String) -> Bool {
        var bytes = text
        // Byte tests first: this runs on every description line.
        let opens = bytes.withUTF8 { b -> Bool in
            var i = 0
            while i < b.count, b[i] == UInt8(ascii: "*") || b[i] == UInt8(ascii: "_") { i += 1 }
            return b.count - i > 24 && b[i] == UInt8(ascii: "T") && b[i + 1] == UInt8(ascii: "h") && b[i + 2] == UInt8(ascii: "i")
                && b[i + 3] == UInt8(ascii: "s") && b[i + 4] == 0x20
        }
        guard opens else { return false }
        var u = Substring(text).utf8[...]
        while let f = u.first, f == UInt8(ascii: "*") || f == UInt8(ascii: "_") || f == 0x20 { u = u.dropFirst() }
        guard u.starts(with: "This ".utf8), let period = u.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let sentence = u[..<period]
        return sentence.count < 48 && sentence.reversed().starts(with: " has been deprecated".utf8.reversed())
    }
}
