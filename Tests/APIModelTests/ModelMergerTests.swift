@testable import APIModel
import Testing
import TestSupport

@Suite struct ModelMergerTests {
    private func model(_ input: Shape, errors: [OperationError] = [], source: String, operation: String = "PutThing") -> Model {
        var op = Operation(name: operation)
        op.input = input
        op.errors = errors
        op.sources = [source]
        var service = Service(name: "demo")
        service.operations[operation] = op
        return Model(services: [service])
    }

    private func string(enum values: [String]? = nil, max: Int64? = nil, pattern: String? = nil) -> Shape {
        var s = Shape(type: .string)
        s.enumValues = values
        s.max = max.map(Bound.integer)
        s.pattern = pattern
        return s
    }

    @Test func unitesFactsFromBoto3AndReferencePages() throws {
        let boto3 = model(.structure([("Name", string()), ("Count", Shape(type: .integer)), ("Mode", string(enum: ["A", "B"]))], required: ["Name"]),
                          errors: [OperationError(name: "NotFound")], source: "page.rst")
        let reference = model(.structure([("Name", string(max: 64, pattern: "^[a-z]+$")), ("Count", Shape(type: .long)), ("Extra", string())], required: ["Name"]),
                              errors: [OperationError(name: "NotFound", httpStatus: 404)], source: "API_PutThing.html")
        var merger = ModelMerger()
        let merged = merger.merge(.init(model: boto3, label: "boto3-rst", view: .boto3, precision: 1),
                                  .init(model: reference, label: "aws-reference-html", view: .awsReference, precision: 2))
        let op = try #require(merged.model.services["demo"]?.operations["PutThing"])
        let input = try #require(op.input)
        #expect(Array(input.members.keys) == ["Name", "Count", "Mode", "Extra"])
        #expect(input.members["Name"]?.max == .integer(64))
        #expect(input.members["Name"]?.pattern == "^[a-z]+$")
        #expect(input.members["Count"]?.type == .long)
        #expect(input.members["Mode"]?.enumValues == ["A", "B"])
        #expect(op.errors == [OperationError(name: "NotFound", httpStatus: 404)])
        #expect(op.sources == ["page.rst", "API_PutThing.html"])
        #expect(merger.log.diagnostics.isEmpty)
    }

    /// An error's wire code lives on the service's error shape: a merge keeps the one either side
    /// states, and the members of the side that shows them whole.
    @Test func errorShapesKeepTheWireCodeEitherSideStates() throws {
        var withoutCode = model(.structure([]), errors: [OperationError(name: "NoSuchEntityException")], source: "a")
        withoutCode.services["demo"]!.errorShapes["NoSuchEntityException"] = ErrorShape(shape: .structure([("message", Shape(type: .string))]))
        var codeOnly = Shape(type: .structure)
        codeOnly.partial = true
        var withCode = model(.structure([]), errors: [OperationError(name: "NoSuchEntityException", httpStatus: 404)], source: "b")
        withCode.services["demo"]!.errorShapes["NoSuchEntityException"] = ErrorShape(code: "NoSuchEntity", httpStatus: 404, shape: codeOnly)
        for (base, other) in [(withoutCode, withCode), (withCode, withoutCode)] {
            var merger = ModelMerger()
            let merged = merger.merge(.init(model: base, label: "a", view: .full, precision: 1), .init(model: other, label: "b", view: .full, precision: 1))
            let error = try #require(merged.model.services["demo"]?.errorShapes["NoSuchEntityException"])
            #expect(error.code == "NoSuchEntity" && error.httpStatus == 404 && error.shape.members.keys.elements == ["message"] && !error.shape.partial)
        }
    }

    @Test func reportsContradictionsNamingBothSourcesAndKeepsTheMorePreciseFact() throws {
        let reference = model(.structure([("Mode", string(enum: ["A", "B"])), ("Size", string(max: 10))], required: ["Mode"]), source: "ref")
        let botocore = model(.structure([("Mode", string(enum: ["A", "B", "C"])), ("Size", string(max: 20))], required: []), source: "sdk")
        var merger = ModelMerger(strict: true)
        let merged = merger.merge(.init(model: reference, label: "aws-reference-text", view: .awsReference, precision: 2),
                                  .init(model: botocore, label: "botocore-json", view: .full, precision: 3))
        let input = try #require(merged.model.services["demo"]?.operations["PutThing"]?.input)
        #expect(input.members["Mode"]?.enumValues == ["A", "B", "C"])
        #expect(input.members["Size"]?.max == .integer(20))
        #expect(input.required == [])
        let messages = merger.log.diagnostics.map(\.message)
        #expect(merger.log.diagnostics.allSatisfy { $0.severity == .error })
        #expect(messages.contains { $0.contains("enum") && $0.contains("aws-reference-text") && $0.contains("botocore-json") })
        #expect(messages.contains { $0.contains("Mode") && $0.contains("required") })
        #expect(messages.contains { $0.contains("max") })
    }

    @Test func matchesOperationNamesThatDifferOnlyInCaseAndKeepsTheMorePreciseSpelling() throws {
        // A compact changelog page derives `ExportEbsVolumeRecommendations` from the method name.
        let changelog = model(.structure([("accountIds", Shape(type: .list))], required: []), source: "page.txt",
                              operation: "ExportEbsVolumeRecommendations")
        let botocore = model(.structure([("accountIds", Shape(type: .list)), ("fileFormat", string())], required: []), source: "sdk",
                             operation: "ExportEBSVolumeRecommendations")
        for (first, second) in [(changelog, botocore), (botocore, changelog)] {
            let precision: (Model) -> Int = { $0 == botocore ? 3 : 0 }
            var merger = ModelMerger()
            let merged = merger.merge(.init(model: first, label: "a", view: .full, precision: precision(first)),
                                      .init(model: second, label: "b", view: .full, precision: precision(second)))
            let operations = try #require(merged.model.services["demo"]?.operations)
            #expect(Array(operations.keys) == ["ExportEBSVolumeRecommendations"])
            #expect(operations["ExportEBSVolumeRecommendations"]?.name == "ExportEBSVolumeRecommendations")
            #expect(operations["ExportEBSVolumeRecommendations"]?.input?.members.keys.elementsEqual(["accountIds", "fileFormat"]) == true)
            #expect(merger.log.diagnostics.isEmpty)
        }
    }

    @Test func ec2WireNamesMatchBoto3NamesByPluralOrDescription() throws {
        // EC2 reference pages name members as the wire does: `tagSet` for `Tags`,
        // `SecurityGroupId.N` (read as `SecurityGroupId`) for `Groups`.
        func list(_ doc: String) -> Shape {
            var s = Shape.list(of: Shape(type: .string))
            s.documentation = doc
            return s
        }
        func described(_ doc: String, max: Int64? = nil) -> Shape {
            var s = string(max: max)
            s.documentation = doc
            return s
        }
        let description = described("A description for the security group.", max: 255)
        let groupsDoc = "The IDs of the security groups. You cannot specify security groups from a different VPC."
        let reference = model(.structure([("SecurityGroupId", list(groupsDoc)), ("tagSet", list("Any tags.")),
                                          ("GroupDescription", description)], required: ["SecurityGroupId"]), source: "API_X.md")
        let boto3 = model(.structure([("Groups", list("The IDs of the security groups. You cannot specify security groups from a different VPC.")),
                                      ("Tags", list("The tags.")), ("Description", described("A description for the security group."))],
                                     required: ["Groups"]), source: "x.rst")
        var merger = ModelMerger()
        let merged = merger.merge(.init(model: reference, label: "aws-reference-markdown", view: .awsReference, precision: 2),
                                  .init(model: boto3, label: "boto3-rst", view: .boto3, precision: 1))
        let input = try #require(merged.model.services["demo"]?.operations["PutThing"]?.input)
        #expect(Array(input.members.keys) == ["Groups", "Tags", "Description"])
        #expect(input.members["Description"]?.max == .integer(255))
        #expect(input.required == ["Groups"])
        #expect(merger.log.diagnostics.isEmpty, "\(merger.log.diagnostics)")
        #expect(MemberMatching.listSingulars("ipampolicyset").contains("ipampolicy"))
        #expect(MemberMatching.listSingulars("analyses").contains("analysis"))
        #expect(MemberMatching.listSingulars("addresses").contains("address"))
    }

    @Test func alignmentRenamesWireNamesToTheOtherModelsNames() throws {
        var tag = Shape.structure([("key", string()), ("value", string())])
        tag.documentation = "Describes a tag."
        let reference = model(.structure([("tagSet", Shape.list(of: tag)), ("instanceId", string())], required: ["instanceId"]),
                              source: "API_X.md")
        let sdk = model(.structure([("Tags", Shape.list(of: .structure([("Key", string()), ("Value", string())]))),
                                    ("InstanceId", string())], required: ["InstanceId"]), source: "sdk")
        let aligned = NameAlignment.align(reference, to: sdk)
        let input = try #require(aligned.services["demo"]?.operations["PutThing"]?.input)
        #expect(Array(input.members.keys) == ["Tags", "InstanceId"])
        #expect(input.required == ["InstanceId"])
        #expect(Array(input.members["Tags"]?.member?.members.keys ?? []) == ["Key", "Value"])
        // Aligning a model to itself changes nothing.
        #expect(NameAlignment.align(sdk, to: sdk) == sdk)
    }

    @Test func silenceIsNotContradiction() throws {
        // boto3 pages never state required in responses; that is not a disagreement.
        var op = Operation(name: "GetThing")
        op.output = .structure([("Id", string())], required: ["Id"])
        var sdk = Service(name: "demo"); sdk.operations["GetThing"] = op
        op.output = .structure([("Id", string())])
        var page = Service(name: "demo"); page.operations["GetThing"] = op
        var merger = ModelMerger()
        let merged = merger.merge(.init(model: Model(services: [page]), label: "boto3-rst", view: .boto3, precision: 1),
                                  .init(model: Model(services: [sdk]), label: "botocore-json", view: .full, precision: 3))
        #expect(merger.log.diagnostics.isEmpty)
        #expect(merged.model.services["demo"]?.operations["GetThing"]?.output?.required == ["Id"])
    }

    @Test func boto3ViewKeepsWhereRecursionIsCutNotWhatItRepeats() throws {
        let (imported, _) = try Fixtures.importService("dynamodb", version: "2012-08-10")
        let projected = Model(services: [try #require(imported)]).projected(onto: .boto3)
        let service = try #require(projected.services["dynamodb"])
        let value = try #require(service.operations["PutItem"]?.input?.members["Item"]?.value)
        #expect(value.members["M"]?.value == Shape(ref: FormatView.unnamedRecursion))
        #expect(value.members["L"]?.member == Shape(ref: FormatView.unnamedRecursion))
        #expect(service.shapes.isEmpty)
    }

    @Test func boto3ViewStreamsABlobBody() throws {
        let (imported, _) = try Fixtures.importService("bedrock-runtime", version: "2023-09-30")
        let service = try #require(imported)
        let body = try #require(service.operations["InvokeModel"]?.input?.members["body"])
        #expect(body.payload && !body.streaming)
        let projected = Model(services: [service]).projected(onto: .boto3)
        let seen = try #require(projected.services["bedrock-runtime"]?.operations["InvokeModel"]?.input?.members["body"])
        #expect(seen.streaming && !seen.payload)
    }

    @Test func projectionOntoSeveralViewsKeepsWhatAnyOfThemStates() throws {
        var id = Shape(type: .long)
        id.location = "uri"
        var tags = Shape(type: .map)
        tags.key = Shape(type: .string)
        tags.value = Shape(type: .string)
        tags.min = .integer(1)
        tags.max = .integer(50)
        var name = Shape(type: .string)
        name.max = .integer(64)
        name.pattern = "^a"
        var body = Shape(type: .blob)
        body.payload = true
        var op = Operation(name: "PutThing")
        op.input = .structure([("Id", id), ("Tags", tags), ("Name", name), ("Body", body)], required: ["Id"])
        var service = Service(name: "demo")
        service.operations["PutThing"] = op
        let views = try #require(FormatView.parse("boto3+aws-reference"))
        #expect(views.map(\.name) == ["boto3", "aws-reference"])
        let seen = try #require(Model(services: [service]).projected(onto: views).services["demo"]?.operations["PutThing"]?.input)
        // A located member's exact number type: boto3 coarsens it, reference pages give none.
        #expect(seen.members["Id"]?.type == .integer)
        // A map's minimum of 1: neither states it; its maximum comes from the reference view.
        #expect(seen.members["Tags"]?.min == nil && seen.members["Tags"]?.max == .integer(50))
        #expect(seen.members["Name"]?.max == .integer(64) && seen.members["Name"]?.pattern == "^a")
        // A blob body reads as a stream in the boto3 view.
        #expect(seen.members["Body"]?.streaming == true)
        #expect(seen.required == ["Id"])
        #expect(FormatView.parse("boto3+nonsense") == nil && FormatView.parse("boto3+") == nil)
    }

    @Test func projectionOntoBoto3DropsWhatPagesCannotState() throws {
        let (imported, _) = try Fixtures.importService("appstream", version: "2016-12-01")
        let projected = Model(services: [try #require(imported)]).projected(onto: .boto3)
        let op = try #require(projected.services["appstream"]?.operations["CreateFleet"])
        #expect(op.input?.members["Name"]?.pattern == nil)
        #expect(op.input?.members["Name"]?.name == nil)
        #expect(op.input?.required.contains("Name") == true)
        #expect(op.output?.members["Fleet"]?.required == [])
        #expect(op.output?.members["Fleet"]?.members["State"]?.enumValues != nil)
    }
}
