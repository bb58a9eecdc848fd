import APIModel
import ChangeRecords
import Testing
@testable import Differ
import TestSupport

/// The §2 rules on a small hand-written pair of models (fixtures/differ/models/demo-*.json).
@Suite struct ModelDifferTests {
    let changes: [Change]

    init() throws {
        changes = ModelDiffer().diff(try Fixtures.model("demo-old.json"), try Fixtures.model("demo-new.json"))
    }

    private func find(_ kind: ChangeKind, _ operation: String? = nil, _ path: String? = nil) -> [Change] {
        changes.filter { $0.kind == kind && (operation == nil || $0.operation == operation) && (path == nil || $0.path == path) }
    }

    @Test func servicesAndOperations() {
        #expect(find(.serviceAdded).map(\.service) == ["fresh"])
        #expect(find(.serviceRemoved).map(\.service) == ["gone"])
        #expect(find(.operationAdded).map(\.operation) == ["Added"])
        #expect(find(.operationRemoved).map(\.operation) == ["Removed"])
        #expect(find(.operationDeprecated).map(\.operation) == ["Deprecates"])
        // A new service gives only service-added; an added operation nothing below it.
        #expect(changes.filter { $0.service == "fresh" }.count == 1)
        #expect(changes.filter { $0.operation == "Added" }.count == 1)
        #expect(changes.filter { $0.operation == "Same" }.isEmpty)
    }

    @Test func outputAppearingReportsTopLevelMembers() {
        let added = changes.filter { $0.operation == "Appears" }
        #expect(added.map(\.path) == ["A", "B"])
        #expect(added.map(\.required) == [true, false])
        #expect(added.allSatisfy { $0.kind == .memberAdded && $0.direction == .output && $0.severity == .info })
    }

    @Test func pathsUseListMapAndKeySyntax() {
        #expect(find(.memberAdded, "Shapes", "Items[].Extra").count == 1)
        #expect(find(.enumValueAdded, "Shapes", "Tags{key}").map(\.value) == ["k2"])
        let type = find(.typeChanged, "Shapes", "Tags{}.V")
        #expect(type.count == 1)
        #expect(type.first?.from == .text("string") && type.first?.to == .text("integer"))
    }

    @Test func highestLevelOnly() {
        // Typed became a string: one type change, nothing for its old member Inner.
        #expect(find(.typeChanged, "Shapes", "Typed").count == 1)
        #expect(!changes.contains { $0.path?.hasPrefix("Typed.") == true })
        // New (a structure) is one member-added carrying its type, not one per member.
        let new = find(.memberAdded, "Shapes", "New")
        #expect(new.count == 1 && new.first?.required == true)
        #expect(new.first?.summary?.pythonLiteral == "{'X': 'API | SAML'}")
        #expect(!changes.contains { $0.path?.hasPrefix("New.") == true })
        #expect(find(.memberRemoved, "Shapes", "Old").count == 1)
    }

    @Test func recursionIsFollowedOnce() {
        // Node → Next (second appearance, entered) → Next (third appearance, not compared).
        let labels = changes.filter { $0.operation == "Shapes" && $0.direction == .output }.map(\.path)
        // Depth-first in member order: Next (before Label in Node) is walked first.
        #expect(labels == ["Node.Next.Label", "Node.Label"])
    }

    @Test func requiredEnumAndConstraints() {
        #expect(find(.requiredRemoved, "Shapes", "Name").count == 1)
        #expect(find(.enumValueRemoved, "Shapes", "Mode").map(\.value) == ["A"])
        #expect(find(.enumValueAdded, "Shapes", "Mode").map(\.value) == ["C"])
        let constraints = find(.constraintChanged, "Shapes").map { "\($0.path!) \($0.constraint!.rawValue) \($0.from?.description ?? "-")→\($0.to?.description ?? "-")" }
        #expect(constraints == ["Count min 1→0", "Count max 10→20", "Pattern pattern ^a→^b"])
    }

    @Test func directionAwareSeverity() {
        #expect(find(.memberAdded, "Shapes", "New").first?.severity == .breaking) // new required input
        #expect(find(.memberAdded, "Shapes", "Items[].Extra").first?.severity == .info)
        #expect(find(.memberRemoved, "Shapes", "Old").first?.severity == .breaking)
        #expect(find(.enumValueRemoved, "Shapes", "Mode").first?.severity == .breaking)
        #expect(find(.enumValueAdded, "Shapes", "Mode").first?.severity == .info)
        #expect(find(.requiredRemoved, "Shapes", "Name").first?.severity == .info)
        #expect(find(.constraintChanged, "Shapes", "Count").allSatisfy { $0.severity == .info }) // loosened input
        #expect(find(.constraintChanged, "Shapes", "Pattern").first?.severity == .dangerous)
        #expect(find(.typeChanged, "Shapes", "Typed").first?.breaking == true)
        #expect(find(.operationRemoved).first?.severity == .breaking)
        #expect(find(.operationDeprecated).first?.severity == .dangerous)
    }

    @Test func outputSeverityIsTheMirrorImage() {
        func severity(_ kind: ChangeKind, _ d: Direction, constraint: ConstraintName? = nil, from: Int? = nil, to: Int? = nil) -> Severity {
            Change(kind: kind, service: "s", operation: "o", direction: d, path: "p", constraint: constraint,
                   from: from.map { .number(.integer(Int64($0))) }, to: to.map { .number(.integer(Int64($0))) }).severity
        }
        #expect(severity(.enumValueAdded, .output) == .dangerous)
        #expect(severity(.enumValueRemoved, .output) == .info)
        #expect(severity(.requiredAdded, .input) == .breaking)
        #expect(severity(.requiredAdded, .output) == .info)
        #expect(severity(.requiredRemoved, .output) == .dangerous)
        #expect(severity(.constraintChanged, .input, constraint: .max, from: 10, to: 5) == .breaking)
        #expect(severity(.constraintChanged, .output, constraint: .max, from: 10, to: 5) == .info)
        #expect(severity(.constraintChanged, .output, constraint: .max, from: 10, to: nil) == .dangerous)
        #expect(severity(.constraintChanged, .input, constraint: .min, from: nil, to: 1) == .breaking)
        #expect(SeverityRules.table.count >= ChangeKind.allCases.count)
    }

    @Test func stableOrderAndByteIdenticalOutput() throws {
        let again = ModelDiffer().diff(try Fixtures.model("demo-old.json"), try Fixtures.model("demo-new.json"))
        #expect(again == changes)
        #expect(Change.stableSorted(changes) == changes)
        for format in DiffFormat.allCases {
            let a = format.renderer.render(changes, old: "a", new: "b")
            let b = format.renderer.render(again, old: "a", new: "b")
            #expect(a == b, "\(format)")
        }
        #expect(changes.map(\.service) == changes.map(\.service).sorted())
    }

    @Test func identicalModelsGiveNoChanges() throws {
        let m = try Fixtures.model("demo-new.json")
        #expect(ModelDiffer().diff(m, m).isEmpty)
    }

    @Test func projectionRemovesWhatAViewCannotState() throws {
        var view = FormatView.boto3
        view.shapeNames = true
        // Keep recursion targets so the walk below recursion points is the same as unprojected.
        view.recursionTargets = true
        let old = try Fixtures.model("demo-old.json").projected(onto: view)
        let new = try Fixtures.model("demo-new.json").projected(onto: view)
        let projected = ModelDiffer().diff(old, new)
        #expect(!projected.contains { $0.kind == .constraintChanged })
        // boto3 pages state neither constraints nor the enum of a map's key.
        let mapKeyChanges = changes.filter { $0.path?.hasSuffix("{key}") == true && $0.kind != .constraintChanged }
        #expect(!mapKeyChanges.isEmpty)
        #expect(!projected.contains { $0.path?.hasSuffix("{key}") == true })
        #expect(projected.count == changes.count - find(.constraintChanged).count - mapKeyChanges.count)
    }
}

@Suite struct PartialOperationTests {
    @Test func absenceOnAPartialSideIsNotARemoval() throws {
        let old = try Fixtures.model("demo-old.json"), new = try Fixtures.model("demo-new.json")
        let truncated = ModelDiffer().diff(old, new).filter { $0.operation == "Truncated" }
        // New is partial with an empty (unrendered) response: A and B missing there are not
        // reported; its rendered request still shows the added Extra.
        #expect(truncated.map(\.kind) == [.memberAdded])
        #expect(truncated.first?.path == "Extra")
        #expect(ModelDiffer.partiallyCompared(old, new) == ["demo.Truncated"])
    }

    @Test func requiredIsUnknownOnAPartialSideThatStillShowsItsMembers() throws {
        // boto3 rendered the request syntax but not the parameter list ("too large to
        // render"): members are known, which of them are required is not.
        var old = Model(services: [])
        var service = Service(name: "demo")
        var op = Operation(name: "Big")
        op.input = .structure([("Name", Shape(type: .string)), ("Scope", Shape(type: .string))], required: ["Name", "Scope"])
        service.operations["Big"] = op
        old.services["demo"] = service
        var new = old
        new.services["demo"]!.operations["Big"]!.input!.required = []
        new.services["demo"]!.operations["Big"]!.partial = true
        #expect(ModelDiffer().diff(old, new).isEmpty)
        #expect(ModelDiffer().diff(new, old).isEmpty)
        // Without the partial mark the same drop is a breaking change.
        new.services["demo"]!.operations["Big"]!.partial = false
        #expect(ModelDiffer().diff(old, new).map(\.kind) == [.requiredRemoved, .requiredRemoved])
    }
}

@Suite struct Boto3ViewTests {
    @Test func theBoto3ViewAppliesBotocoresDocumentationHooks() throws {
        // botocore hides s3's ContentMD5 from PutBucketAcl's page and never requires the
        // SSE-C key digest boto3 computes itself: the boto3 view of the SDK model says the same.
        var service = Service(name: "s3")
        var put = Operation(name: "PutBucketAcl")
        put.input = .structure([("Bucket", Shape(type: .string)), ("ContentMD5", Shape(type: .string))], required: ["Bucket"])
        var head = Operation(name: "HeadObject")
        head.input = .structure([("Key", Shape(type: .string)), ("SSECustomerKeyMD5", Shape(type: .string))], required: ["Key", "SSECustomerKeyMD5"])
        head.output = .structure([("Expires", Shape(type: .timestamp)), ("ETag", Shape(type: .string))], required: [])
        service.operations["PutBucketAcl"] = put
        service.operations["HeadObject"] = head
        let seen = Model(services: [service]).projected(onto: .boto3).services["s3"]!
        #expect(Array(seen.operations["PutBucketAcl"]!.input!.members.keys) == ["Bucket"])
        #expect(seen.operations["HeadObject"]!.input!.required == ["Key"])
        #expect(Array(seen.operations["HeadObject"]!.output!.members.keys) == ["Expires", "ExpiresString", "ETag"])
        // Projecting twice changes nothing: page models already show the hooks' result.
        #expect(Model(services: [seen]).projected(onto: .boto3).services["s3"]! == seen)
    }
}
