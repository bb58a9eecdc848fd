import Testing
@testable import Conformance

/// Entry numbers by hash, each hit confirmed by the caller: found after growing, told apart
/// when hashes collide, spread when only the high bits of the hashes differ.
@Suite struct HashSlotsTests {
    @Test func entriesAreFoundAfterTheTableGrows() {
        var slots = HashSlots(capacity: 16)
        let keys = (0..<1000).map { UInt64($0) &* 0x1_0000 }  // low 16 bits all zero, like aligned pointers
        for k in keys { slots.append(k) }
        #expect(slots.count == 1000)
        for (i, k) in keys.enumerated() {
            #expect(slots.find(k, where: { $0 == i }) == i)
        }
        #expect(slots.find(12345, where: { _ in true }) == nil)
        // Emptied for another batch: nothing is found, and entries are numbered from 0 again.
        slots.removeAll()
        #expect(slots.count == 0)
        #expect(slots.find(keys[5], where: { _ in true }) == nil)
        slots.append(keys[5])
        #expect(slots.find(keys[5], where: { $0 == 0 }) == 0)
    }

    @Test func equalHashesAreToldApartByTheCaller() {
        var slots = HashSlots()
        let names = ["GetItem", "PutItem", "Query"]
        for _ in names { slots.append(42) }
        for (i, name) in names.enumerated() {
            #expect(slots.find(42, where: { names[$0] == name }) == i)
        }
        #expect(slots.find(42, where: { names[$0] == "Scan" }) == nil)
        #expect(slots.find(43, where: { _ in true }) == nil)
    }
}
