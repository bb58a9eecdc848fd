import APIModel

/// The container steps of a §2 path: `[]` after a list, `{}` after a map value, `{key}` for
/// a map's key shape. Member names are joined by `.`.
public enum PathSyntax {
    public static let listItem = "[]"
    public static let mapValue = "{}"
    public static let mapKey = "{key}"

    public static func isContainerStep(_ s: String) -> Bool { s == listItem || s == mapValue || s == mapKey }

    /// The member names along `path`, container steps left out (as changelog pages show
    /// them): `Reservations[].Instances[].State` → `[Reservations, Instances, State]`.
    public static func memberNames(_ path: String) -> [String] {
        var names: [String] = []
        for segment in path.split(separator: ".", omittingEmptySubsequences: true) {
            var name = Substring(segment)
            var trimmed = true
            while trimmed {
                trimmed = false
                for step in [listItem, mapValue, mapKey] where name.hasSuffix(step) {
                    name = name.dropLast(step.count)
                    trimmed = true
                }
            }
            if !name.isEmpty { names.append(String(name)) }
        }
        return names
    }
}
