import Testing
import APIModel

/// `String(decodingUTF8:)` is a faster `String(decoding:as:)`: the same text for every input,
/// short and long, valid and not.
@Suite struct DecodedTextTests {
    static let inputs: [[UInt8]] = [
        [],
        Array("string".utf8),
        Array("exactly15bytes!".utf8),
        Array("sixteen bytes!!!".utf8),
        Array("ReservedInstancesOfferingId".utf8),
        Array("café".utf8),
        Array("a much longer text with ünïcödé in it, past any small-string size".utf8),
        [0x61, 0xFF, 0x62],
        [0xC3],
        [0xE2, 0x82],
        Array("long text with a broken sequence at the end ".utf8) + [0xF0, 0x9F],
        [0xED, 0xA0, 0x80],
    ]

    @Test(arguments: inputs)
    func decodesAsStringDecodingDoes(_ bytes: [UInt8]) {
        let fast = bytes.withUnsafeBufferPointer { String(decodingUTF8: $0) }
        let reference = String(decoding: bytes, as: UTF8.self)
        #expect(fast == reference)
        #expect(Array(fast.utf8) == Array(reference.utf8))
    }
}
