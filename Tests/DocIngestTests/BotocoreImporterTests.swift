import APIModel
@testable import DocIngest
import Foundation
import Testing
import TestSupport

@Suite struct BotocoreImporterTests {
    @Test func endsRecursionWithARefAndDefinesTheShape() throws {
        let (imported, log) = try Fixtures.importService("dynamodb", version: "2012-08-10")
        let service = try #require(imported)
        #expect(log.diagnostics.isEmpty)
        let item = try #require(service.operations["PutItem"]?.input?.members["Item"])
        #expect(item.type == .map)
        let attributeValue = try #require(item.value)
        #expect(attributeValue.type == .structure)
        #expect(attributeValue.name == "AttributeValue")
        #expect(attributeValue.members["M"]?.value == Shape(ref: "AttributeValue"))
        #expect(attributeValue.members["L"]?.member == Shape(ref: "AttributeValue"))
        let definition = try #require(service.shapes["AttributeValue"])
        #expect(definition.type == .structure)
        #expect(definition.members["L"]?.member == Shape(ref: "AttributeValue"))
    }

    /// What placebo names recordings by (the endpoint prefix) and what error responses carry
    /// (every exception shape, with its wire code where it differs from its name).
    /// A shape on a cycle expands by the shapes of its cycle above it: the same shape is cut
    /// at a different place under different paths (its trees are memoized by that path).
    @Test func cyclicShapeTreesFollowThePathAboveThem() throws {
        let text = #"{"metadata":{},"operations":{"OpA":{"name":"OpA","input":{"shape":"A"}},"OpC":{"name":"OpC","input":{"shape":"C"}},"OpS":{"name":"OpS","input":{"shape":"S"}}},"shapes":{"A":{"type":"structure","members":{"b":{"shape":"B"}}},"B":{"type":"structure","members":{"a":{"shape":"A"},"s":{"shape":"Str"}}},"C":{"type":"structure","members":{"a":{"shape":"A"}}},"S":{"type":"structure","members":{"a":{"shape":"A"},"b":{"shape":"B"},"c":{"shape":"C"}}},"Str":{"type":"string"}}}"#
        var log = DiagnosticLog()
        let service = try #require(BotocoreImporter.importService(serviceName: "t", bytes: Array(text.utf8), source: "t", log: &log))
        #expect(log.diagnostics.isEmpty)
        var b = Shape(type: .structure)
        b.name = "B"
        b.members["a"] = Shape(ref: "A")
        var str = Shape(type: .string)
        str.name = "Str"
        b.members["s"] = str
        var a = Shape(type: .structure)
        a.name = "A"
        a.members["b"] = b
        // B from the root: its A holds B as a ref.
        var aUnderB = Shape(type: .structure)
        aUnderB.name = "A"
        aUnderB.members["b"] = Shape(ref: "B")
        var bFromRoot = Shape(type: .structure)
        bFromRoot.name = "B"
        bFromRoot.members["a"] = aUnderB
        bFromRoot.members["s"] = str
        #expect(service.operations["OpA"]?.input == a)
        #expect(service.operations["OpC"]?.input?.members["a"] == a)
        let s = try #require(service.operations["OpS"]?.input)
        #expect(s.members["a"] == a && s.members["b"] == bFromRoot && s.members["c"]?.members["a"] == a)
        #expect(service.shapes.keys.elements == ["A", "B"])
        #expect(service.shapes["A"] == a && service.shapes["B"] == bFromRoot)
    }

    @Test func keepsServiceNamesAndErrorShapes() throws {
        let (imported, _) = try Fixtures.importService("appstream", version: "2016-12-01")
        let appstream = try #require(imported)
        #expect(appstream.endpointPrefix == "appstream2" && appstream.signingName == "appstream" && appstream.serviceId == "AppStream")
        #expect(appstream.errorShapes["ConcurrentModificationException"]?.shape.members.keys.elements == ["Message"])
        let (dynamo, _) = try Fixtures.importService("dynamodb", version: "2012-08-10")
        // An error member whose shape is recursive refers to the service's shape table.
        let item = try #require(dynamo?.errorShapes["ConditionalCheckFailedException"]?.shape.members["Item"])
        #expect(item.value?.name == "AttributeValue" && dynamo?.shapes["AttributeValue"] != nil)

        let text = #"{"metadata":{"endpointPrefix":"iam","protocol":"query"},"operations":{"GetUser":{"name":"GetUser","errors":[{"shape":"NoSuchEntityException"}]}},"shapes":{"NoSuchEntityException":{"type":"structure","members":{"message":{"shape":"M"}},"error":{"code":"NoSuchEntity","httpStatusCode":404,"senderFault":true},"exception":true},"Plain":{"type":"structure","members":{},"exception":true},"M":{"type":"string"}}}"#
        var log = DiagnosticLog()
        let iam = try #require(BotocoreImporter.importService(serviceName: "iam", bytes: Array(text.utf8), source: "iam", log: &log))
        let noSuchEntity = try #require(iam.errorShapes["NoSuchEntityException"])
        #expect(noSuchEntity.code == "NoSuchEntity" && noSuchEntity.httpStatus == 404)
        #expect(noSuchEntity.shape.members["message"]?.type == .string)
        #expect(iam.errorShapes["Plain"]?.code == nil)
        #expect(iam.operations["GetUser"]?.errors.map(\.name) == ["NoSuchEntityException"])
    }

    @Test func keepsMemberOrderRequiredEnumsAndConstraints() throws {
        let (imported, _) = try Fixtures.importService("appstream", version: "2016-12-01")
        let op = try #require(imported?.operations["CreateFleet"])
        #expect(op.method == "create_fleet")
        let input = try #require(op.input)
        #expect(Array(input.members.keys.prefix(4)) == ["Name", "ImageName", "ImageArn", "InstanceType"])
        #expect(input.required.contains("Name"))
        #expect(input.members["Name"]?.pattern == "^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}$")
        #expect(input.members["FleetType"]?.enumValues == ["ALWAYS_ON", "ON_DEMAND", "ELASTIC"])
        #expect(input.members["MaxUserDurationInSeconds"]?.type == .integer)
        #expect(input.members["DisplayName"]?.max == .integer(100))
        #expect(op.http?.method == "POST")
        #expect(op.errors.map(\.name).prefix(3) == ["ResourceAlreadyExistsException", "ResourceNotAvailableException", "ResourceNotFoundException"])
        let (imagebuilder, _) = try Fixtures.importService("imagebuilder", version: "2019-12-02")
        let distribute = try #require(imagebuilder?.operations["DistributeImage"])
        #expect(distribute.http == HTTPBinding(method: "PUT", requestUri: "/DistributeImage"))
        #expect(distribute.errors.first { $0.name == "ResourceNotFoundException" }?.httpStatus == 404)
    }

    @Test func mapsUnionsDocumentsAndEventStreams() throws {
        let (imported, _) = try Fixtures.importService("bedrock-runtime", version: "2023-09-30")
        let service = try #require(imported)
        let converse = try #require(service.operations["Converse"]?.input)
        let content = try #require(converse.members["messages"]?.member?.members["content"]?.member)
        #expect(content.type == .union)
        let toolInput = try #require(content.members["toolUse"]?.members["input"])
        #expect(toolInput.type == .document)
        let stream = try #require(service.operations["InvokeModelWithResponseStream"]?.output?.members["body"])
        #expect(stream.eventstream)
        #expect(service.operations["InvokeModel"]?.input?.members["body"]?.type == .blob)
        #expect(service.operations["InvokeModel"]?.input?.members["body"]?.sensitive == true)
    }

    @Test func documentationIsPlainText() throws {
        let (imported, _) = try Fixtures.importService("appstream", version: "2016-12-01")
        let doc = try #require(imported?.operations["CreateFleet"]?.documentation)
        #expect(!doc.contains("<p>"))
        #expect(doc.hasPrefix("Creates a fleet."))
    }

    @Test func methodNamesFollowBotocore() throws {
        let text = try String(contentsOfFile: Fixtures.path("botocore-method-names.tsv"), encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t").map(String.init)
            #expect(BotocoreNames.pythonMethodName(parts[0]) == parts[1], "\(parts[0])")
            checked += 1
        }
        #expect(checked > 500)
        #expect(BotocoreNames.pythonMethodName("DescribeDBInstances") == "describe_db_instances")
        #expect(BotocoreNames.pythonMethodName("ListTagsForResource") == "list_tags_for_resource")
        // A character beyond ASCII is in none of the rules' classes and stays as it is.
        #expect(BotocoreNames.pythonMethodName("GetÜberThing") == "getÜber_thing")
        #expect(BotocoreNames.pythonMethodName("ListÉtatARNs") == "listÉtat_arns")
    }

    @Test(arguments: [
        ("truncated", "not a valid botocore model"),
        ("notjson", "not a valid botocore model"),
        ("unknown-type", "unknown type \"varchar\""),
        ("dangling-ref", "undefined shape \"Owner\""),
    ])
    func badModelsGiveDiagnosticsNamingTheFile(folder: String, message: String) throws {
        let path = Fixtures.path("bad-botocore/\(folder)/2020-01-01/service-2.json")
        var log = DiagnosticLog()
        let service = BotocoreImporter.importService(serviceName: folder, bytes: try FileReading.bytes(atPath: path), source: path, log: &log)
        let errors = log.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.file == path)
        #expect(errors.first?.message.contains(message) == true, "\(errors)")
        if folder == "unknown-type" || folder == "dangling-ref" {
            // The rest of the service still imports.
            let op = try #require(service?.operations["GetThing"])
            #expect(op.input?.members["Id"]?.max == .integer(64))
            #expect(op.output?.members["Thing"]?.members["Children"]?.member == Shape(ref: "Thing"))
        }
    }

    @Test func truncatedErrorCarriesALine() throws {
        let path = Fixtures.path("bad-botocore/truncated/2020-01-01/service-2.json")
        var log = DiagnosticLog()
        _ = BotocoreImporter.importService(serviceName: "x", bytes: try FileReading.bytes(atPath: path), source: path, log: &log)
        #expect((log.diagnostics.first?.line ?? 0) > 1)
    }

    @Test func gzipRoundTripAndCorruption() throws {
        let gz = Fixtures.botocoreData + "/lambda/2015-03-31/service-2.json.gz"
        let raw = try FileReading.bytes(atPath: gz)
        let json = try Gzip.decompress(raw)
        #expect(json.count > raw.count * 3)
        #expect(throws: GzipError.self) { try Gzip.decompress(Array(raw.prefix(raw.count / 2))) }
    }
}
