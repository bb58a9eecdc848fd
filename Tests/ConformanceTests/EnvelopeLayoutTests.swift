import APIModel
import Conformance
import Foundation
import Testing
import TestSupport

/// The envelope's keys are matched as plain literals (`"service":`) when written that way and
/// read the general way otherwise: every layout of one record must give the same result.
@Suite struct EnvelopeLayoutTests {
    private let payload = #"{"Name": "x y", "Unknown": 1}"#

    private func layouts() -> [String] {
        [
            #"{"id":"r1","service":"appstream","operation":"DeleteFleet","direction":"request","payload":P}"#,
            #"{"id": "r1", "service": "appstream", "operation": "DeleteFleet", "direction": "request", "payload": P}"#,
            #"{ "id" : "r1" , "service" : "appstream" , "operation" : "DeleteFleet" , "direction" : "request" , "payload" : P }"#,
            #"{"payload":P,"direction":"request","operation":"DeleteFleet","service":"appstream","id":"r1"}"#,
            #"{"\u0069d":"r1","s\u0065rvice":"appstream","operation":"DeleteFleet","direction":"request","payload":P}"#,
            "{\n\t\"id\":\"r1\",\n\t\"service\":\n\"appstream\",\"operation\":\"DeleteFleet\",\"direction\":\"request\",\"payload\":P\n}",
            #"{"idx":1,"id":"r1","services":0,"service":"appstream","operation":"DeleteFleet","direction":"request","payloads":2,"payload":P}"#,
        ].map { $0.replacingOccurrences(of: "P", with: payload) }
    }

    @Test func everyLayoutGivesTheSameResult() throws {
        let results = try layouts().map { try Fixtures.check(Array($0.utf8)) }
        let first = results[0]
        #expect(first.id == "r1" && first.service == "appstream" && first.operation == "DeleteFleet" && first.direction == .request)
        #expect(first.issues.contains { $0.code == .unknown && $0.path == "Unknown" }, "\(first.issues)")
        for (k, r) in results.enumerated() {
            #expect(r.id == first.id && r.service == first.service && r.operation == first.operation && r.direction == first.direction, "layout \(k)")
            #expect(r.issues == first.issues, "layout \(k): \(r.issues)")
        }
    }

    @Test func aTruncatedKeyIsMalformedNotAKey() throws {
        for text in [#"{"id":"#, #"{"servic"#, #"{"service":"#, #"{"payload":"#] {
            let r = try Fixtures.check(Array(text.utf8))
            #expect(r.issues.contains { $0.code == .malformed }, "\(text): \(r.issues)")
        }
    }
}
