@testable import Conformance

/// The pattern table's verdicts held to ICU's, for the tests of forms the validator's engines
/// decide as ICU does (`ASCIIFormsTests`, `BackReferencesTests`).
enum ICUVerdicts {
    /// Every string of up to `length` of the alphabet's pieces, the empty one first.
    static func strings(over alphabet: [String], upTo length: Int) -> [String] {
        var out = [""], last = [""]
        for _ in 0..<length {
            last = last.flatMap { s in alphabet.map { s + $0 } }
            out += last
        }
        return out
    }

    /// Each pattern compiled by the table and by ICU and run on each string, searched or (with
    /// `whole`) matched whole: where the verdicts differ (or a side cannot compile it), described.
    static func disagreements(_ patterns: [String], on strings: [String], whole: Bool) -> [String] {
        let table = PatternTable(wholeValue: whole)
        var found: [String] = []
        for pattern in patterns {
            guard let index = table.compile(pattern, shape: "S"), let icu = ICURegex.compile(pattern, timeLimit: 200).0 else {
                found.append("\(pattern): not compiled")
                continue
            }
            for s in strings {
                let cps = s.unicodeScalars.map(\.value)
                let expected = cps.withUnsafeBufferPointer { icu.run($0, whole: whole) }
                let bytes = Array(s.utf8)
                let got = bytes.withUnsafeBufferPointer { table.run(index, utf8: $0, ascii: bytes.count == cps.count) }
                if (expected == .match) != (got == .match) || (expected == .gaveUp) != (got == .gaveUp) {
                    found.append("\(pattern) on \(s.debugDescription): ICU \(expected), table \(got)")
                }
            }
        }
        return found
    }
}
