@testable import APIModel
import Testing
import TestSupport

/// What reference pages need of the SDK's metadata: the service's identity (uid, endpoint
/// prefix, signing name) to pair differently named services, and which members of an event
/// stream are errors (whose members the pages never list).
@Suite struct ServiceIdentityTests {
    func service(_ name: String, version: String? = nil, uid: String? = nil, prefix: String? = nil, signing: String? = nil) -> Service {
        var s = Service(name: name)
        s.apiVersion = version
        s.uid = uid
        s.endpointPrefix = prefix
        s.signingName = signing
        s.operations["Op"] = Operation(name: "Op")
        return s
    }

    /// Botocore's Lex services as their metadata describes them.
    var lex: Model {
        Model(services: [
            service("lex-runtime", version: "2016-11-28", uid: "runtime.lex-2016-11-28", prefix: "runtime.lex", signing: "lex"),
            service("lex-models", version: "2017-04-19", uid: "models.lex-2017-04-19", prefix: "models.lex", signing: "lex"),
            service("lexv2-models", version: "2020-08-07", uid: "models.lex.v2-2020-08-07", prefix: "models-v2-lex", signing: "lex"),
            service("lexv2-runtime", version: "2020-08-07", uid: "runtime.lex.v2-2020-08-07", prefix: "runtime-v2-lex", signing: "lex"),
        ])
    }

    @Test func pagesNamedByUIDTakeTheSDKsNames() {
        let pages = Model(services: [service("runtime.lex", version: "2016-11-28"), service("models.lex.v2", version: "2020-08-07"),
                                     service("runtime.lex.v2")])
        let aligned = ServiceIdentity.aligned(pages, to: lex)
        #expect(Set(aligned.services.keys) == ["lex-runtime", "lexv2-models", "lexv2-runtime"])
        #expect(aligned.services["lexv2-models"]?.name == "lexv2-models")
        // Either side may be the SDK's.
        #expect(Set(ServiceIdentity.aligned(lex, to: pages).services.keys) == ["runtime.lex", "models.lex.v2", "runtime.lex.v2", "lex-models"])
    }

    @Test func endpointPrefixAndSigningNameWhenTheyNameOneService() {
        let sdk = Model(services: [service("sdb", prefix: "sdb", signing: "sdb"), service("iot-data", version: "2015-05-28", prefix: "data-ats.iot", signing: "iotdata")])
        #expect(Set(ServiceIdentity.aligned(Model(services: [service("data-ats.iot")]), to: sdk).services.keys) == ["iot-data"])
        #expect(Set(ServiceIdentity.aligned(Model(services: [service("iotdata")]), to: sdk).services.keys) == ["iot-data"])
        // Four Lex services sign as `lex`: the API version decides, or nothing is renamed.
        #expect(Set(ServiceIdentity.aligned(Model(services: [service("lex", version: "2017-04-19")]), to: lex).services.keys) == ["lex-models"])
        #expect(Set(ServiceIdentity.aligned(Model(services: [service("lex")]), to: lex).services.keys) == ["lex"])
        // A service present by name on both sides is never renamed.
        #expect(Set(ServiceIdentity.aligned(Model(services: [service("lex-runtime", uid: "models.lex-2017-04-19")]), to: lex).services.keys) == ["lex-runtime"])
    }

    @Test func botocoreMetadataAndExceptionsSurviveTheModelFile() throws {
        let (imported, _) = try Fixtures.importService("bedrock-runtime", version: "2023-09-30")
        let bedrock = try #require(imported)
        #expect(bedrock.uid == "bedrock-runtime-2023-09-30" && bedrock.signingName == "bedrock")
        let stream = try #require(bedrock.operations["ConverseStream"]?.output?.members["stream"])
        #expect(stream.eventstream && stream.members["throttlingException"]?.exception == true)
        #expect(stream.members["messageStart"]?.exception == false)
        let bytes = ModelWriter().bytes(of: Model(services: [bedrock]))
        let tree = try ModelReader.read(bytes)
        let streamed = try #require(bytes.withUnsafeBufferPointer { ModelStreamReader.read($0) })
        #expect(tree == streamed)
        #expect(tree.services["bedrock-runtime"]?.uid == "bedrock-runtime-2023-09-30")
        #expect(tree.services["bedrock-runtime"]?.operations["ConverseStream"]?.output?.members["stream"]?.members["throttlingException"]?.exception == true)
        // Reference pages show such a member as `Type: Exception`: their view drops its members.
        let seen = Model(services: [bedrock]).projected(onto: .awsReference)
        let error = try #require(seen.services["bedrock-runtime"]?.operations["ConverseStream"]?.output?.members["stream"]?.members["throttlingException"])
        #expect(error.members.isEmpty && error.type == .structure)
        #expect(Model(services: [bedrock]).projected(onto: .boto3).services["bedrock-runtime"]?.operations["ConverseStream"]?
            .output?.members["stream"]?.members["throttlingException"]?.members.isEmpty == false)
    }
}
