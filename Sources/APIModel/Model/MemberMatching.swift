import OrderedCollections

/// Finds the member of a structure that another source names differently. Query-protocol
/// reference pages document wire names: `networkInterface` for boto3's `NetworkInterface`,
/// `ImageId.N` (kept as `ImageId`) for `ImageIds`, `imagesSet` for `Images`, and EC2 wire
/// names can be unrelated to the SDK's (`SecurityGroupId.N` for `Groups`).
enum MemberMatching {
    /// Rules in order of confidence: the same name ignoring case; a location name of either
    /// side; for two lists, the same singular (`tagSet`, `Tags`); the same description (both
    /// sources copy the model's text, one may cut it short). The first rule with a unique candidate decides; a rule
    /// with several candidates defers to the next. `taken` keys are already matched.
    static func match(_ name: String, _ shape: Shape, in members: OrderedDictionary<String, Shape>, taken: Set<String>) -> String? {
        let lower = name.lowercased()
        let wire = shape.locationName?.lowercased()
        let singulars = shape.type == .list ? listSingulars(lower) : []
        let described = describedAs(shape)
        let candidates = members.filter { !taken.contains($0.key) && $0.key != name }
        let rules: [(String, Shape) -> Bool] = [
            { key, _ in key.lowercased() == lower },
            { key, other in other.locationName?.lowercased() == lower || wire == key.lowercased()
                || (wire != nil && other.locationName?.lowercased() == wire) },
            { key, other in other.type == .list && !singulars.isDisjoint(with: listSingulars(key.lowercased())) },
            { _, other in sameDescription(described, describedAs(other)) },
        ]
        for rule in rules {
            let found = candidates.filter { rule($0.key, $0.value) }
            if found.count == 1 { return found.keys.first }
        }
        return nil
    }

    /// Equal, or one long enough and the start of the other (a page that shortens the text).
    private static func sameDescription(_ a: String, _ b: String) -> Bool {
        guard a.count >= 8, b.count >= 8 else { return false }
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.count >= 40 && long.hasPrefix(short)
    }

    /// A description reduced to its lower-cased letters and digits, so RST, HTML and
    /// markdown renderings of one text compare equal.
    private static func describedAs(_ shape: Shape) -> String {
        guard let text = shape.documentation else { return "" }
        return String(String.UnicodeScalarView(text.unicodeScalars.lazy
            .filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            .map { $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }))
    }

    /// What a list's name may be the plural of, without an EC2 `Set` suffix: `tagset` and
    /// `tags` → `tag`; `policies` → `policy`; `addresses` → `address`; `analyses` → `analysis`.
    /// Several readings are kept: two names match when they share one.
    static func listSingulars(_ lower: String) -> Set<Substring> {
        var name = Substring(lower)
        if name.hasSuffix("set"), name.count > 3 { name = name.dropLast(3) }
        var out: Set<Substring> = [name]
        if name.hasSuffix("s"), name.count > 1 { out.insert(name.dropLast()) }
        if name.hasSuffix("es"), name.count > 2 { out.insert(name.dropLast(2)) }
        if name.hasSuffix("ies"), name.count > 3 { out.insert(name.dropLast(3) + "y") }
        if name.hasSuffix("ses"), name.count > 3 { out.insert(name.dropLast(2) + "is") }
        return out
    }
}
