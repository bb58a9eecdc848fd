import OrderedCollections

/// Finds the member of a structure that another source names differently. Query-protocol
/// reference pages document wire names: `networkInterface` for boto3's `NetworkInterface`,
/// `ImageId.N` (kept as `ImageId`) for `ImageIds`, `imagesSet` for `Images`.
enum MemberMatching {
    /// Members a name must match, in order of confidence: the same name ignoring case, a
    /// location name of either side, then a list's singular or `...Set` wire form. Only a
    /// unique candidate is taken; `taken` keys are already matched.
    static func match(_ name: String, _ shape: Shape, in members: OrderedDictionary<String, Shape>, taken: Set<String>) -> String? {
        let lower = name.lowercased()
        let wire = shape.locationName?.lowercased()
        let candidates = members.filter { !taken.contains($0.key) && $0.key != name }
        let rules: [(String, Shape) -> Bool] = [
            { key, _ in key.lowercased() == lower },
            { key, other in other.locationName?.lowercased() == lower || wire == key.lowercased()
                || (wire != nil && other.locationName?.lowercased() == wire) },
            { key, other in
                guard shape.type == .list || other.type == .list else { return false }
                return listForms(lower).contains(key.lowercased()) || listForms(key.lowercased()).contains(lower)
            },
        ]
        for rule in rules {
            let found = candidates.filter { rule($0.key, $0.value) }
            if found.count == 1 { return found.keys.first }
            if found.count > 1 { return nil }
        }
        return nil
    }

    /// Names a list's boto3 name may have on the wire: `imageid` → `imageids`, `imageides`, `imageidset`.
    private static func listForms(_ singular: String) -> [String] {
        [singular + "s", singular + "es", singular + "set", singular + "sset"]
    }
}
