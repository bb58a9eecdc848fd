/// Fact lines already read, by keyword and value. The same lines recur on page after page
/// (`Required: No`, `Minimum length of 1.`, and EC2's thousand-value instance type lists on
/// dozens of entries), so each distinct line is read once and its `Fact` shared; the shared
/// value lists also share their storage in the model.
final class FactLineMemo {
    private var facts: [String: [String: Result<Fact, FactLineError>]] = [:]

    /// Lines whose value follows their keyword on the line itself, by the whole line.
    private var lines: [String: Result<Fact, FactLineError>] = [:]

    /// `FactLine.splitGluedFact` results, by value (long value lists recur).
    private var splits: [String: (value: String, tail: String?)] = [:]

    init() {}

    func splitGluedFact(_ value: String) -> (value: String, tail: String?) {
        if let known = splits[value] { return known }
        let split = FactLine.splitGluedFact(value)
        splits[value] = split
        return split
    }

    /// A fact line whose value is the rest of the line after `keyword`.
    func parse(line: String, keyword: String) throws(FactLineError) -> Fact {
        if let known = lines[line] { return try known.get() }
        let u = line.utf8
        let value = String(Substring(u[u.index(u.startIndex, offsetBy: keyword.utf8.count)...]).trimming(" "))
        let result: Result<Fact, FactLineError>
        do throws(FactLineError) {
            result = .success(try FactLine.parse(keyword: keyword, value: value))
        } catch {
            result = .failure(error)
        }
        lines[line] = result
        return try result.get()
    }

    func parse(keyword: String, value: String) throws(FactLineError) -> Fact {
        if let known = facts[keyword]?[value] { return try known.get() }
        let result: Result<Fact, FactLineError>
        do throws(FactLineError) {
            result = .success(try FactLine.parse(keyword: keyword, value: value))
        } catch {
            result = .failure(error)
        }
        facts[keyword, default: [:]][value] = result
        return try result.get()
    }
}
