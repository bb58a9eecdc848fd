import APIModel

/// An entry's `dd` lines split into its description and its fact lines, read.
struct EntryFacts: Sendable {
    var documentation: [String] = []
    var facts: [(fact: Fact, line: Int)] = []

    var type: (text: String, line: Int)? {
        for (fact, line) in facts { if case let .type(t) = fact { return (t, line) } }
        return nil
    }

    var required: Bool {
        facts.contains { $0.fact == .required(true) }
    }

    var httpStatus: Int? {
        for (fact, _) in facts { if case let .httpStatus(s) = fact { return s } }
        return nil
    }

    var statesRange: Bool {
        facts.contains { if case .range = $0.fact { return true } else { return false } }
    }

    func statesCount(isMap: Bool) -> Bool {
        facts.contains { if case let .count(_, _, m) = $0.fact { return m == isMap } else { return false } }
    }

    static func read(_ lines: [ReferenceLine], path: String, memo: FactLineMemo = FactLineMemo(), log: inout DiagnosticLog) -> EntryFacts {
        var result = EntryFacts()
        var queue = lines
        var i = 0
        while i < queue.count {
            let current = queue[i]
            i += 1
            guard let keyword = FactLine.keyword(of: current.text) else {
                result.documentation.append(current.text)
                continue
            }
            let valueMayFollow = FactLine.valueMayFollow.contains(keyword)
            if !valueMayFollow {
                // The value is on the line itself: the whole line is the memo's key, no value string made.
                do throws(FactLineError) {
                    result.facts.append((try memo.parse(line: current.text, keyword: keyword), current.line))
                } catch {
                    log.error(path, line: current.line, "\(error.message); fact ignored")
                }
                continue
            }
            let text = current.text.utf8
            var value = String(Substring(text[text.index(text.startIndex, offsetBy: keyword.utf8.count)...]).trimming(" "))
            var valueLine = current.line
            // The text rendering puts a pattern (or value list) on the line after its keyword.
            if value.isEmpty, valueMayFollow, i < queue.count {
                value = queue[i].text
                valueLine = queue[i].line
                i += 1
            }
            if valueMayFollow {
                let (kept, tail) = memo.splitGluedFact(value)
                value = kept
                if let tail { queue.insert(ReferenceLine(text: tail, line: valueLine), at: i) }
            }
            do throws(FactLineError) {
                result.facts.append((try memo.parse(keyword: keyword, value: value), current.line))
            } catch {
                log.error(path, line: current.line, "\(error.message); fact ignored")
            }
        }
        return result
    }
}
