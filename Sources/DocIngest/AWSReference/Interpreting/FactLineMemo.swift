/// Fact lines already read, by keyword and value. The same lines recur on page after page
/// (`Required: No`, `Minimum length of 1.`, and EC2's thousand-value instance type lists on
/// dozens of entries), so each distinct line is read once and its `Fact` shared; the shared
/// value lists also share their storage in the model. A `Type:` line's phrase is read with it.
/// A struct passed `inout`: as a class, every table access paid a dynamic exclusivity check.
struct FactLineMemo {
    /// A line read: its fact (or why it cannot be read) and, for a `Type:` line, its phrase.
    struct Reading {
        var fact: Result<Fact, FactLineError>
        var phrase: TypePhrase?
    }

    /// Lines whose value follows their keyword on the line itself, by the whole line.
    private var lines = TextTable<Reading>()

    /// Values of the other keywords (patterns, value lists), by keyword and value.
    private var values: [String: TextTable<Result<Fact, FactLineError>>] = [:]

    /// `FactLine.splitGluedFact` results, by value (long value lists recur).
    private var splits = TextTable<(value: String, tail: String?)>()

    init() {}

    mutating func splitGluedFact(_ value: String) -> (value: String, tail: String?) {
        if let known = splits[value] { return known }
        let split = FactLine.splitGluedFact(value)
        splits[value] = split
        return split
    }

    /// A fact line whose value is the rest of the line after `keyword`.
    mutating func read(line: String, keyword: String) -> Reading {
        if let known = lines[line] { return known }
        let u = line.utf8
        let value = String(Substring(u[u.index(u.startIndex, offsetBy: keyword.utf8.count)...]).trimmingTextSpace)
        var reading: Reading
        do throws(FactLineError) {
            let fact = try FactLine.parse(keyword: keyword, value: value)
            reading = Reading(fact: .success(fact))
            if case let .type(text) = fact { reading.phrase = TypePhrase.parse(text) }
        } catch {
            reading = Reading(fact: .failure(error))
        }
        lines[line] = reading
        return reading
    }

    mutating func parse(keyword: String, value: String) throws(FactLineError) -> Fact {
        if let known = values[keyword]?[value] { return try known.get() }
        let result: Result<Fact, FactLineError>
        do throws(FactLineError) {
            result = .success(try FactLine.parse(keyword: keyword, value: value))
        } catch {
            result = .failure(error)
        }
        values[keyword, default: TextTable()][value] = result
        return try result.get()
    }
}
