import Foundation
import Testing
import TestSupport

/// `docconform proxy` refuses what it must refuse before it listens, with exit status 2.
@Suite struct ProxyCommandTests {
    static let model = Fixtures.path("botocore-1.43.11/data/dynamodb")

    @Test func aNonLoopbackListenAddressIsRefusedWithoutTheFlag() throws {
        let run = try Run.docconform(["proxy", "--model", Self.model, "--listen", "0.0.0.0:0", "--upstream", "http://127.0.0.1:5000"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a loopback address") && run.stderr.contains("--allow-remote"))
    }

    @Test func anHTTPSOrPathUpstreamIsAUsageError() throws {
        let https = try Run.docconform(["proxy", "--model", Self.model, "--listen", "127.0.0.1:0", "--upstream", "https://127.0.0.1:5000"])
        #expect(https.status == 2 && https.stderr.contains("HTTPS upstreams are not supported"))
        let path = try Run.docconform(["proxy", "--model", Self.model, "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:5000/api"])
        #expect(path.status == 2 && path.stderr.contains("a path is not supported"))
        let listen = try Run.docconform(["proxy", "--model", Self.model, "--listen", "localhost", "--upstream", "http://127.0.0.1:5000"])
        #expect(listen.status == 2 && listen.stderr.contains("is not HOST:PORT"))
    }
}
