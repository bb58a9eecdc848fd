import APIModel
import Conformance
import Foundation
import Testing
import TestSupport

/// The committed sample of `scripts/gen_labelled_payloads.py`: valid records must pass; each
/// faulty one must get exactly its injected code at its path and nothing else.
@Test func labelledSampleIsClassifiedExactly() throws {
    let path = Fixtures.payloads + "/labelled-sample.jsonl"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var expected: [String: (code: String, path: String)?] = [:]
    for line in text.split(separator: "\n") {
        let record = try JSONParser.parse(String(line))
        let id = try #require(record["id"]?.stringValue)
        if let e = record["expect"], e != .null {
            expected[id] = (e["code"]!.stringValue!, e["path"]!.stringValue!)
        } else {
            expected[id] = .some(nil)
        }
    }
    let (results, summary) = try Fixtures.run([path])
    #expect(summary.records == expected.count)
    #expect(expected.count > 200)
    var faulty = 0
    for r in results {
        let id = try #require(r.id)
        let want = try #require(expected[id])
        let got = r.issues.map { "\($0.code.rawValue) \($0.path)" }
        if let want {
            faulty += 1
            #expect(got == ["\(want.code) \(want.path)"], "\(id)")
        } else {
            #expect(got.isEmpty, "\(id)")
        }
    }
    #expect(faulty > 100)
}
