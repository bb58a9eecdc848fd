@testable import APIModel
import Testing
import TestSupport

/// botocore's serialization traits survive import, writing and both readers.
@Suite struct WireTraitsTests {
    @Test func ec2KeepsItsWireAndRoundTrips() throws {
        let (imported, _) = try Fixtures.importService("ec2", version: "2016-11-15")
        let ec2 = try #require(imported)
        #expect(ec2.wire.protocols == ["ec2"])
        #expect(ec2.protocolName == "ec2")
        let input = try #require(ec2.operations["DescribeInstances"]?.input)
        // `InstanceIds` travels as `InstanceId.N` in the form.
        #expect(input.members["InstanceIds"]?.locationName == "InstanceId")
        let output = try #require(ec2.operations["DescribeInstances"]?.output)
        #expect(output.members["Reservations"]?.locationName == "reservationSet")
        #expect(output.members["Reservations"]?.member?.locationName == "item")

        let model = Model(services: [ec2])
        let bytes = ModelWriter(includeDocumentation: false).bytes(of: model)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"queryName\": "))
        #expect(text.contains("\"protocols\": ["))
        let streamed = try #require(bytes.withUnsafeBufferPointer { ModelStreamReader.read($0) })
        let tree = try ModelReader.readThroughTree(bytes)
        #expect(streamed == tree)
        #expect(ModelWriter(includeDocumentation: false).bytes(of: streamed) == bytes)
    }

    @Test func serviceAndMemberTraitsAreWrittenOnlyWhenStated() throws {
        var member = Shape(type: .timestamp)
        member.location = "header"
        member.locationName = "X-Date"
        var traits = WireTraits()
        traits.timestampFormat = "rfc822"
        traits.xmlNamespace = XMLNamespace(uri: "https://example.com/", prefix: "ex")
        traits.flattened = true
        member.wire = traits
        var recursive = Shape(ref: "Node")
        recursive.locationName = "child"
        var op = Operation(name: "Op")
        op.input = .structure([("Date", member), ("Child", recursive)])
        op.errors = [OperationError(name: "NotFound", httpStatus: 404)]
        var service = Service(name: "svc")
        service.errorShapes["NotFound"] = ErrorShape(code: "AWS.NotFound", httpStatus: 404, shape: .structure([("message", Shape(type: .string))]))
        service.signingName = "svc-signing"
        service.wire.targetPrefix = "Svc_2020"
        service.wire.jsonVersion = "1.1"
        service.wire.awsQueryCompatible = true
        service.operations["Op"] = op
        service.shapes["Node"] = .structure([])
        let bytes = ModelWriter().bytes(of: Model(services: [service]))
        let read = try ModelReader.read(bytes)
        #expect(read.services["svc"] == service)
        #expect(try ModelReader.readThroughTree(bytes) == read)
        // A model that states none of them is written as before.
        var plain = service
        plain.signingName = nil
        plain.wire = ServiceWire()
        plain.operations["Op"]!.input = .structure([("Date", Shape(type: .timestamp))])
        plain.operations["Op"]!.errors = []
        plain.errorShapes = [:]
        let text = String(decoding: ModelWriter().bytes(of: Model(services: [plain])), as: UTF8.self)
        for key in ["signingName", "targetPrefix", "protocols", "timestampFormat", "xmlNamespace", "flattened", "location", "code"] {
            #expect(!text.contains("\"\(key)\""), "\(key)")
        }
    }

    /// Files written before error shapes carried the wire code keep it on an operation's error
    /// (`errors[].code`): both readers give it to the service's error shape of that name, the
    /// one place the model keeps it, and the writer writes it there only.
    @Test func anOlderFilesOperationErrorCodeIsTheErrorShapes() throws {
        let text = #"{"format": "docconform.model/1", "services": {"iam": {"operations": {"GetUser": {"errors": [{"name": "NoSuchEntityException", "httpStatus": 404, "code": "NoSuchEntity"}, {"name": "ServiceFailureException", "httpStatus": 500, "code": "ServiceFailure"}, {"name": "Plain", "code": "Plain"}]}}, "errorShapes": {"ServiceFailureException": {"shape": {"type": "structure", "members": {"message": {"type": "string"}}}}}}}}"#
        let bytes = Array(text.utf8)
        let read = try ModelReader.read(bytes)
        #expect(try ModelReader.readThroughTree(bytes) == read)
        let iam = try #require(read.services["iam"])
        #expect(iam.operations["GetUser"]?.errors == [OperationError(name: "NoSuchEntityException", httpStatus: 404),
                                                      OperationError(name: "ServiceFailureException", httpStatus: 500), OperationError(name: "Plain")])
        // An error shape the file has takes the code; one it lacks is made with the code and status
        // only, partial (a member it lacks is unknown, not absent).
        let failure = try #require(iam.errorShapes["ServiceFailureException"])
        #expect(failure.code == "ServiceFailure" && failure.httpStatus == 500 && failure.shape.members.keys.elements == ["message"])
        let made = try #require(iam.errorShapes["NoSuchEntityException"])
        #expect(made.code == "NoSuchEntity" && made.httpStatus == 404)
        #expect(made.shape.type == .structure && made.shape.members.isEmpty && made.shape.partial && made.shape.exception)
        #expect(iam.errorShapes["Plain"] == nil, "a code that is the name needs no error shape")
        let written = ModelWriter().bytes(of: read)
        var back = try ModelReader.read(written), sorted = read
        back.sortByName()
        sorted.sortByName()
        #expect(back == sorted)
        let again = try JSONParser.parse(written)
        #expect(again["services"]?["iam"]?["operations"]?["GetUser"]?["errors"]?.arrayValue?.first?["code"] == nil)
        #expect(again["services"]?["iam"]?["errorShapes"]?["NoSuchEntityException"]?["code"]?.stringValue == "NoSuchEntity")
    }

    /// Documentation formats do not state serialization traits: projecting onto their views
    /// drops them (so pages and the SDK model compare), the full view keeps them.
    @Test func onlyTheFullViewStatesWireTraits() throws {
        var traits = WireTraits()
        traits.resultWrapper = "OpResult"
        var output = Shape.structure([("Items", Shape(type: .string))])
        output.wire = traits
        var child = Shape(ref: "Node")
        child.locationName = "child"
        var member = Shape(type: .timestamp)
        member.location = "header"
        member.locationName = "X-Date"
        member.wire.timestampFormat = "rfc822"
        var op = Operation(name: "Op")
        op.input = .structure([("Date", member), ("Child", child)])
        op.output = output
        op.errors = [OperationError(name: "NotFoundException", httpStatus: 404)]
        var service = Service(name: "svc")
        service.errorShapes["NotFoundException"] = ErrorShape(code: "NotFound", httpStatus: 404, shape: .structure([("message", Shape(type: .string))]))
        service.signingName = "svc-signing"
        service.wire.protocols = ["query"]
        service.operations["Op"] = op
        service.shapes["Node"] = .structure([("Child", child)])
        let model = Model(services: [service])

        #expect(model.projected(onto: .full) == model)
        for view in [FormatView.awsReference, .boto3, FormatView.full.intersection(.awsReference)] {
            let seen = try #require(model.projected(onto: view).services["svc"])
            #expect(seen.signingName == nil && seen.wire.isEmpty, "\(view.name)")
            let seenOp = try #require(seen.operations["Op"])
            // The error keeps its name and shape; its wire code is a wire trait.
            #expect(seenOp.errors.map(\.name) == ["NotFoundException"], "\(view.name)")
            #expect(seen.errorShapes["NotFoundException"] == ErrorShape(httpStatus: 404, shape: .structure([("message", Shape(type: .string))])), "\(view.name)")
            #expect(seenOp.output?.wire.isEmpty == true, "\(view.name)")
            let date = try #require(seenOp.input?.members["Date"])
            #expect(date.wire.isEmpty && date.location == "header" && date.locationName == "X-Date", "\(view.name)")
            // A recursive member shows where it leads, not how it travels.
            let ref = try #require(seenOp.input?.members["Child"])
            #expect(ref.locationName == nil && ref.wire.isEmpty, "\(view.name)")
        }
        #expect(FormatView.full.union(.awsReference).wireTraits)
    }
}
