@testable import APIModel
import Testing

/// `Shape` shares its facts between copies and copies them on the first write: every way of
/// writing a copy must leave the original as it was, and equality must not depend on sharing.
@Suite struct ShapeValueSemanticsTests {
    /// A structure with a list of structures and a map, every kind of field set somewhere.
    static func sample() -> Shape {
        var item = Shape.structure([("Name", Shape(type: .string)), ("Size", Shape(type: .integer))], required: ["Name"])
        item.name = "Item"
        var tags = Shape.map(key: Shape(type: .string), value: Shape(type: .string))
        tags.locationName = "tags"
        var root = Shape.structure([("Items", .list(of: item)), ("Tags", tags)], required: ["Items"])
        root.members["Items"]?.member?.members["Name"]?.pattern = "^[a-z]+$"
        root.members["Items"]?.member?.members["Size"]?.min = Bound(literal: "1")
        root.documentation = "The root."
        var wire = WireTraits()
        wire.queryName = "Root"
        root.wire = wire
        return root
    }

    @Test func writingACopyLeavesTheOriginalAsItWas() {
        let original = Self.sample()
        let snapshot = Self.sample()
        var copy = original
        #expect(copy == original)

        copy.documentation = "changed"
        copy.members["Items"]?.member?.members["Name"]?.pattern = "^x$"
        copy.members["Items"]?.member?.required.append("Size")
        copy.members["Tags"]?.value = Shape(type: .integer)
        copy.members["New"] = Shape(ref: "Root")
        copy.wire = WireTraits()
        copy.streaming = true

        #expect(original == snapshot)
        #expect(original.documentation == "The root.")
        #expect(original.members["Items"]?.member?.members["Name"]?.pattern == "^[a-z]+$")
        #expect(original.members["Items"]?.member?.required == ["Name"])
        #expect(original.members["Tags"]?.value?.type == .string)
        #expect(original.members["New"] == nil)
        #expect(original.wire.queryName == "Root")
        #expect(!original.streaming)
        #expect(copy != original)
        #expect(copy.members["Items"]?.member?.members["Name"]?.pattern == "^x$")
        #expect(copy.members["Tags"]?.value?.type == .integer)
    }

    @Test func aChildTakenOutAndChangedLeavesItsParentAsItWas() {
        let root = Self.sample()
        var item = root.members["Items"]!.member!
        item.members.removeAll()
        item.name = nil
        #expect(root.members["Items"]?.member?.members.keys.elements == ["Name", "Size"])
        #expect(root.members["Items"]?.member?.name == "Item")
        #expect(root == Self.sample())
    }

    @Test func shapesBuiltApartAreEqualAndHashAlike() {
        let a = Self.sample(), b = Self.sample()
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        var c = b
        c.sensitive = true
        #expect(a != c)
        c.sensitive = false
        #expect(a == c)
        #expect(a.hashValue == c.hashValue)
    }

    @Test func childrenAreReadInPlaceAndAbsentOnesAreNil() {
        let root = Self.sample()
        let list = root.members["Items"]!
        let itemName = list.withChild(.member) { $0?.pointee.name }
        #expect(itemName == "Item")
        #expect(list.withChild(.key) { $0 == nil })
        let tags = root.members["Tags"]!
        #expect(tags.withChild(.key) { $0?.pointee.type } == .string)
        #expect(tags.withChild(.value) { $0?.pointee.type } == .string)
        #expect(!tags.hasNoChildren)
        #expect(Shape(type: .string).hasNoChildren)
        var emptied = tags
        emptied.key = nil
        emptied.value = nil
        #expect(emptied.hasNoChildren)
        #expect(!tags.hasNoChildren)
    }
}
