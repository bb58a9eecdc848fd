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

    private init(_ c: Collected) {
        facts = c.facts
        documentation = c.documentation
        type = c.type
        typePhrase = c.typePhrase
        required = c.required
        httpStatus = c.httpStatus
        statesRange = c.statesRange
    }

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

        mutating func add(_ fact: Fact, line: Int, phrase: TypePhrase? = nil) {
            switch fact {
            case let .type(t):
                if type == nil {
                    type = (t, line)
                    typePhrase = phrase
                }
            case let .required(r): if r { required = true }
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
        var i = 0
        while i < queue.count {
            let current = queue[i]
            i += 1
            guard let (keyword, valueMayFollow) = FactLine.keywordAndFollow(of: current.text) else {
                if !described {
                    result.documentation = current.text
                    described = true
                } else {
                    result.documentation += "\n"
                    result.documentation += current.text
                }
                continue
            }
            if !valueMayFollow {
                // The value is on the line itself: the whole line is the memo's key, no value string made.
                let reading = memo.read(line: current.text, keyword: keyword)
                switch reading.fact {
                case let .success(fact): result.add(fact, line: current.line, phrase: reading.phrase)
                case let .failure(error): log.error(path, line: current.line, "\(error.message); fact ignored")
                }
                continue
            }
            let text = current.text.utf8
            var value = String(Substring(text[text.index(text.startIndex, offsetBy: keyword.utf8.count)...]).trimming(" "))
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
                result.add(try memo.parse(keyword: keyword, value: value), line: current.line)
            } catch {
                log.error(path, line: current.line, "\(error.message); fact ignored")
            }
        }
        return EntryFacts(result)
    }
}
