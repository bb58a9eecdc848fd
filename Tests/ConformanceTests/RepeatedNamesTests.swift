import Conformance
import Foundation
import Testing
import TestSupport

/// A validator remembers the envelope bytes that named the last record's operation and, when
/// the next record has the same bytes at the same point, takes the names from there instead of
/// reading them again (`RepeatedNames`). Whatever came before, a record's result must be the one
/// a fresh validator gives it.
@Suite struct RepeatedNamesTests {
    private static let records = [
        #"{"id":"a","service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"x"}}"#,
        #"{"id":"b","service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Unknown":1}}"#,
        #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"x"}}"#,
        // The names' bytes again, then a name given twice: still reported.
        #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{"Name":"x"},"service":"lambda"}"#,
        #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":{},"direction":"response"}"#,
        // The same start, another direction or operation.
        #"{"service":"appstream","operation":"DeleteFleet","direction":"response","payload":{}}"#,
        #"{"service":"appstream","operation":"DeleteFleets","direction":"request","payload":{}}"#,
        #"{"service":"appstream","operation":"NoSuchOperation","direction":"request","payload":{}}"#,
        #"{"service":"appstream","operation":"DeleteFleet","direction":"sideways","payload":{}}"#,
        // Escaped names, names after the payload, a name twice before the payload, a key between them.
        #"{"service":"appstream","operation":"Delete\u0046leet","direction":"request","payload":{"Name":1}}"#,
        #"{"payload":{"Name":"x"},"service":"appstream","operation":"DeleteFleet","direction":"request"}"#,
        #"{"service":"lambda","service":"appstream","operation":"DeleteFleet","direction":"request","payload":{}}"#,
        #"{"service":"appstream","x":1,"operation":"DeleteFleet","direction":"request","payload":{}}"#,
        #"{"id":7,"direction":"request","service":"appstream","operation":"DeleteFleet","payload":{"Name":"y"}}"#,
        // Spacing that differs only after the payload key, and a record cut short there.
        #"{"service": "appstream", "operation": "DeleteFleet", "direction": "request", "payload": {"Name": 5}}"#,
        #"{"service": "appstream", "operation": "DeleteFleet", "direction": "request", "payload":    {"Name": 5}}"#,
        #"{"service": "appstream", "operation": "DeleteFleet", "direction": "request", "payload": "#,
        #"{"service":"appstream","operation":"DeleteFleet","direction":"request","payload":"#,
        // Names only, and an error response.
        #"{"service":"appstream","operation":"DeleteFleet","direction":"request"}"#,
        #"{"service":"lambda","operation":"Invoke","direction":"error","payload":{"Error":{"Code":"ResourceNotFoundException","Message":"m"}}}"#,
        #"{"service":"lambda","operation":"Invoke","direction":"error","payload":{"Error":{"Code":"NoSuchThing","Message":"m"}}}"#,
    ]

    private func validate(_ text: String, by validator: RecordValidator) -> RecordResult {
        Array(text.utf8).withUnsafeBufferPointer { validator.validate($0, file: "test", line: 1) }
    }

    private func describe(_ r: RecordResult) -> String {
        "\(r.id ?? "-") \(r.service ?? "-") \(r.operation ?? "-") \(r.direction.map { "\($0)" } ?? "-") \(r.issues)"
    }

    @Test func everyRecordAfterEveryOtherGetsItsOwnResult() throws {
        let plan = try Fixtures.plan()
        let alone = Self.records.map { describe(validate($0, by: RecordValidator(plan: plan))) }
        // The fixtures say what they are meant to: names reported, issues found.
        func says(_ k: Int, _ part: String) -> Bool { alone[k].range(of: part) != nil }
        #expect(says(0, "appstream DeleteFleet request []"), "\(alone[0])")
        #expect(says(1, ".unknown"), "\(alone[1])")
        #expect(says(3, ".duplicate") && says(4, ".duplicate"), "\(alone[3]) \(alone[4])")
        #expect(says(7, ".operation"), "\(alone[7])")
        for (k, first) in Self.records.enumerated() {
            for (j, second) in Self.records.enumerated() {
                let validator = RecordValidator(plan: plan)
                _ = validate(first, by: validator)
                let again = describe(validate(second, by: validator))
                #expect(again == alone[j], "record \(j) after record \(k)")
                // And once more: the second record's own names are remembered now.
                #expect(describe(validate(second, by: validator)) == alone[j], "record \(j) twice after record \(k)")
            }
        }
    }

    /// Envelopes put together at random from a few names, key orders, spacings, escapes and
    /// extra keys (so that runs of the same bytes, and near misses, are common), validated in one
    /// stream: each result is the one a fresh validator gives.
    @Test func randomEnvelopesInOneStreamGetTheirOwnResults() throws {
        let plan = try Fixtures.plan()
        var random = LinearCongruential(seed: 29)
        let validator = RecordValidator(plan: plan)
        var outcomes = Set<String>()
        for _ in 0..<3_000 {
            let record = Self.randomEnvelope(&random)
            let streamed = describe(validate(record, by: validator))
            let fresh = describe(validate(record, by: RecordValidator(plan: plan)))
            #expect(streamed == fresh, "\(record)")
            outcomes.insert(fresh.split(separator: " ", maxSplits: 1).last.map(String.init) ?? fresh)
        }
        // The records are of many kinds: valid ones, and issues of the envelope and the payload.
        #expect(outcomes.count > 20, "\(outcomes.count) kinds of results")
    }

    private static func randomEnvelope(_ random: inout LinearCongruential) -> String {
        func pick<T>(_ options: [T]) -> T { options[random.next(options.count)] }
        let service = pick(["appstream", "appstream", "lambda", "app\\u0073tream", "nosuch"])
        let operation = pick(["DeleteFleet", "DeleteFleet", "Invoke", "DeleteFleets", "Delete\\u0046leet"])
        let direction = pick(["request", "request", "response", "error", "sideways"])
        let space = pick(["", "", " ", "\n "])
        var fields = [
            "\"service\":\(space)\"\(service)\"",
            "\"operation\":\(space)\"\(operation)\"",
            "\"direction\":\(space)\"\(direction)\"",
        ]
        if random.next(4) == 0 { fields.swapAt(random.next(3), random.next(3)) }
        if random.next(6) == 0 { fields.insert(pick(["\"x\": 1", "\"service\": \"lambda\"", "\"payload\": {}"]), at: random.next(fields.count + 1)) }
        if random.next(8) == 0 { fields.remove(at: random.next(fields.count)) }
        let payload = pick(["{\"Name\":\"x\"}", "{}", "{\"Name\": 5}", "{\"Error\":{\"Code\":\"ResourceNotFoundException\",\"Message\":\"m\"}}", "[1]", "{\"Name\":"])
        fields.append("\"payload\":\(space)\(payload)")
        if random.next(5) == 0 { fields.append(pick(["\"direction\": \"response\"", "\"expect\": null", "\"operation\": \"Invoke\""])) }
        let id = random.next(3) == 0 ? "" : "\"id\":\(space)\"r\(random.next(100))\",\(space)"
        return "{" + id + fields.joined(separator: ",\(space)") + "}"
    }
}

/// A small deterministic generator (the test needs the same records on every run).
private struct LinearCongruential {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
