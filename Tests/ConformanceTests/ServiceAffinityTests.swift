import Foundation
import Testing
@testable import Conformance

/// Which waiting stretch a side-by-side lane takes: one of its own services, else one of a
/// service no lane has, else the oldest; and the number a stretch's service is told by.
@Suite struct ServiceAffinityTests {
    let ec2: UInt64 = 11, s3: UInt64 = 22, sqs: UInt64 = 33, sns: UInt64 = 44

    @Test func aLaneTakesItsOwnServiceThenANewOneThenTheOldest() {
        var affinity = ServiceAffinity()
        #expect(affinity.choice(for: 1, firstServices: [ec2, s3]) == 0)
        // Lane 0 took a stretch from ec2 into s3: both are its own.
        affinity.claim(first: ec2, last: s3, for: 0)
        #expect(affinity.choice(for: 0, firstServices: [sqs, s3]) == 1)
        #expect(affinity.choice(for: 1, firstServices: [s3, sqs]) == 1)
        // Only lane 0's services wait: lane 1 takes the oldest rather than wait.
        #expect(affinity.choice(for: 1, firstServices: [s3, ec2]) == 0)
        // A stretch whose service was not found is no lane's.
        #expect(affinity.choice(for: 1, firstServices: [s3, 0, sqs]) == 1)
        // A service keeps its first lane; a new one goes to the lane that took it.
        affinity.claim(first: s3, last: sns, for: 1)
        #expect(affinity.choice(for: 1, firstServices: [s3, sqs, sns]) == 2)
        #expect(affinity.choice(for: 0, firstServices: [sqs, sns, s3]) == 2)
        #expect(affinity.choice(for: 0, firstServices: []) == 0)
    }

    @Test func aLaneLooksOverAFewStretchesOnly() {
        var affinity = ServiceAffinity()
        affinity.claim(first: ec2, last: ec2, for: 0)
        let waiting = Array(repeating: ec2, count: ServiceAffinity.lookAhead) + [s3]
        // Lane 1's new service lies beyond what it looks over: it takes the oldest.
        #expect(affinity.choice(for: 1, firstServices: waiting) == 0)
        #expect(affinity.choice(for: 1, firstServices: waiting.dropFirst()) == ServiceAffinity.lookAhead - 1)
    }

    @Test func aRecordsServiceIsToldByItsName() {
        func key(_ record: String) -> UInt64 {
            Array(record.utf8).withUnsafeBufferPointer { ServiceHints.serviceKey(ofRecord: $0.baseAddress!, count: $0.count) }
        }
        let plain = key(#"{"service":"ec2","operation":"DescribeInstances","payload":{}}"#)
        #expect(plain != 0)
        #expect(key(#"{"id": 7, "operation": "DescribeVpcs", "service" : "ec2", "payload": {}}"#) == plain)
        #expect(key(#"{"service":"s3","operation":"ListBuckets","payload":{}}"#) != plain)
        #expect(key(#"{"operation":"ListBuckets","payload":{}}"#) == 0)
        #expect(key(#"{"service":"e\u0063\u0032","payload":{}}"#) == 0)
        // Only the record's first 512 bytes are looked at.
        let padded = #"{"id":""# + String(repeating: "x", count: 600) + #"","service":"ec2"}"#
        #expect(key(padded) == 0)
    }
}
