/// Fact lines already read, by keyword and value. The same lines recur on page after page
/// (`Required: No`, `Minimum length of 1.`, and EC2's thousand-value instance type lists on
/// dozens of entries), so each distinct line is read once and its `Fact` shared; the shared
/// value lists also share their storage in the model.
final class FactLineMemo {
    private var facts: [String: [String: Result<Fact, FactLineError>]] = [:]

    init() {}

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
