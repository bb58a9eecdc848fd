import Conformance
import Foundation
import Testing
import TestSupport

@Test func badInputIsReportedAndTheRunContinues() throws {
    let (results, summary) = try Fixtures.run([Fixtures.payloads + "/bad-input.jsonl"])
    #expect(summary.records == 12)
    let byLine = Dictionary(uniqueKeysWithValues: results.map { ($0.line, $0) })
    func codes(_ line: Int) -> [String] { byLine[line]?.issues.map(\.code.rawValue) ?? ["<no result>"] }
    #expect(codes(1) == ["malformed"])  // truncated
    #expect(byLine[1]?.issues.first?.message.contains("byte 122") == true)
    #expect(codes(2) == ["malformed"])  // invalid UTF-8
    #expect(codes(3) == ["malformed"])  // NaN
    #expect(codes(4) == ["malformed"])  // -Infinity
    #expect(codes(5) == ["duplicate"])
    #expect(codes(6) == ["operation"])
    #expect(codes(7) == ["operation"])
    #expect(codes(8) == ["malformed"])
    #expect(codes(9) == ["malformed"])
    #expect(codes(10) == ["malformed"])  // data after the record
    #expect(codes(11) == ["record"])
    #expect(byLine[12]?.valid == true)  // the record after all the bad ones is still checked
}

@Test func hundredThousandDeepArrayDoesNotOverflowTheStack() throws {
    let depth = 100_000
    let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    // As a type mismatch, as an unknown member, and as the payload itself: skipped without
    // recursion, and nesting past 1,000 levels is malformed wherever it sits (once per value).
    for (payload, code) in [("{\"Names\":\(deep)}", IssueCode.type), ("{\"Nope\":\(deep)}", .unknown), (deep, .type)] {
        let r = try Fixtures.check(Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: payload))
        #expect(r.issues.map(\.code.rawValue).sorted() == [code.rawValue, "malformed"].sorted())
        #expect(r.issues.first { $0.code == .malformed }?.message.contains("nested deeper than 1000 levels") == true)
    }
    // Exactly at the limit is still fine, one level more is not (an unknown member sits at level 1).
    for (levels, malformed) in [(999, false), (1_000, true)] {
        let value = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        let r = try Fixtures.check(Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: "{\"Nope\":\(value)}"))
        #expect(r.issues.contains { $0.code == .malformed } == malformed, "\(levels) levels")
    }
    // Deep nesting through a recursive shape is bounded and reported, not followed to the end.
    var attr = "{\"S\":\"x\"}"
    for _ in 0..<5_000 { attr = "{\"L\":[\(attr)]}" }
    let r = try Fixtures.check(Fixtures.record(service: "dynamodb", operation: "PutItem",
                                           payloadJSON: "{\"TableName\":\"t\",\"Item\":{\"k\":\(attr)}}"))
    #expect(r.issues.map(\.code) == [.malformed])
    // A truncated deep array is malformed with its offset.
    let t = try Fixtures.check(Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: "{\"Nope\":" + String(repeating: "[", count: depth)))
    #expect(t.issues.last?.code == .malformed)
}

@Test func hugeStringIsScannedWithoutTrouble() throws {
    let big = String(repeating: "a", count: 64 << 20)
    let r = try Fixtures.check(Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: "{\"NextToken\":\"\(big)\"}"))
    #expect(r.valid)
    let tooLong = try Fixtures.check(Fixtures.record(operation: "CreateStack", payloadJSON: "{\"Name\":\"s\",\"Description\":\"\(big)\"}"))
    #expect(tooLong.issues.map(\.code) == [.length])
}

@Test func jsonlLinesLongerThanTheReadBufferAreKept() throws {
    let dir = URL(fileURLWithPath: try Fixtures.temporaryDirectory())
    let long = String(decoding: Fixtures.record(operation: "DescribeImageBuilders",
                                                payloadJSON: "{\"NextToken\":\"\(String(repeating: "b", count: 5000))\"}"), as: UTF8.self)
    let short = String(decoding: Fixtures.record(operation: "DescribeImageBuilders", payloadJSON: "{\"MaxResults\":\"x\"}"), as: UTF8.self)
    let file = dir.appendingPathComponent("stream.jsonl")
    try ([short, long, "", short, long].joined(separator: "\r\n")).write(to: file, atomically: true, encoding: .utf8)
    let files = PayloadFiles(validator: RecordValidator(plan: try Fixtures.plan()))
    files.chunkSize = 300
    var lines: [Int] = []
    var invalid: [Int] = []
    files.run(paths: [file.path]) { r in
        lines.append(r.line)
        if !r.valid { invalid.append(r.line) }
    }
    #expect(lines == [1, 2, 4, 5])
    #expect(invalid == [1, 4])
}
