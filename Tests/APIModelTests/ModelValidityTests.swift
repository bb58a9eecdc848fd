@testable import APIModel
import DocIngest
import Testing

/// A model file that is not a valid docconform.model/1 is refused with its path, never read as
/// something else (reproducers: ../shared/reliability/model-refs, deep-model, deep-botocore-chain).
@Suite struct ModelValidityTests {
    private func model(_ services: String) -> [UInt8] {
        Array(#"{"format":"docconform.model/1","services":{\#(services)}}"#.utf8)
    }

    private func refusal(_ services: String) -> String? {
        do {
            _ = try ModelReader.read(model(services))
            return nil
        } catch {
            return error.message
        }
    }

    @Test func danglingAndChainedRefsAreRefused() {
        let dangling = refusal(#""s":{"operations":{"Op":{"input":{"ref":"NoSuchShape"}}}}"#)
        #expect(dangling?.contains("services.s") == true && dangling?.contains("\"NoSuchShape\" names no entry") == true, "\(dangling ?? "read")")
        // The cycle of ../shared/reliability/model-refs/cycle.json: entries that only refer on.
        let cycle = refusal(#""s":{"operations":{"Op":{"input":{"ref":"X"}}},"shapes":{"X":{"ref":"Y"},"Y":{"ref":"X"}}}"#)
        #expect(cycle?.contains("services.s.shapes.X: a shapes entry must define a shape") == true, "\(cycle ?? "read")")
        let insideEntry = refusal(#""s":{"operations":{},"shapes":{"X":{"type":"list","member":{"ref":"Gone"}}}}"#)
        #expect(insideEntry?.contains("shapes entry X: ref \"Gone\"") == true, "\(insideEntry ?? "read")")
        // A ref that names its entry is what recursion looks like.
        #expect(refusal(#""s":{"operations":{"Op":{"input":{"ref":"X"}}},"shapes":{"X":{"type":"structure","members":{"Next":{"ref":"X"}}}}}"#) == nil)
    }

    @Test(arguments: [
        (#""s":{"operations":null}"#, "services.s.operations: expected an object, got null"),
        (#""s":{"operations":{"Op":{"input":{"type":"structure","members":["A","B"]}}}}"#, "services.s.operations.Op.input.members: expected an object, got array"),
        (#""s":{"operations":{"Op":{"input":{"type":"string","enum":["a",1]}}}}"#, "services.s.operations.Op.input.enum[1]: expected a string, got number"),
        (#""s":{"operations":{"Op":{"input":{"type":"string","min":"1"}}}}"#, "services.s.operations.Op.input.min: expected a finite number, got string"),
        (#""s":{"operations":{"Op":{"input":{"type":"string","max":1e400}}}}"#, "services.s.operations.Op.input.max: expected a finite number"),
        (#""s":{"operations":{"Op":{"deprecated":"yes"}}}"#, "services.s.operations.Op.deprecated: expected true or false, got string"),
        (#""s":{"operations":{"Op":{"errors":[{"name":"E","httpStatus":"400"}]}}}"#, "services.s.operations.Op.errors[0].httpStatus: expected an integer, got string"),
        (#""s":{"operations":{"Op":{"sources":"page.rst"}}}"#, "services.s.operations.Op.sources: expected an array, got string"),
        (#""s":{"title":null,"operations":{}}"#, "services.s.title: expected a string, got null"),
        (#""s":{"operations":{"Op":{"input":{"type":"structure","required":[null]}}}}"#, "services.s.operations.Op.input.required[0]: expected a string, got null"),
        (#""s":[]"#, "services.s: expected an object, got array"),
    ])
    func fieldsOfAnotherTypeAreRefusedWithTheirPath(services: String, message: String) {
        let refused = refusal(services)
        #expect(refused?.contains(message) == true, "\(refused ?? "read")")
    }

    @Test func servicesMustBeAnObject() {
        #expect(throws: ModelReadError.self) { try ModelReader.read(Array(#"{"format":"docconform.model/1","services":null}"#.utf8)) }
        #expect(throws: ModelReadError.self) { try ModelReader.read(Array(#"{"format":1,"services":{}}"#.utf8)) }
    }

    /// A structure chain `levels` deep (members `a`), as JSON.
    private func chain(_ levels: Int) -> String {
        var s = #"{"type":"string"}"#
        for _ in 1..<levels { s = #"{"type":"structure","members":{"a":\#(s)}}"# }
        return s
    }

    @Test func nestingIsBoundedWhereTheModelIsRead() throws {
        let limit = ShapeNesting.limit
        let atLimit = try ModelReader.read(model(#""x":{"operations":{"Op":{"input":\#(chain(limit))}}}"#))
        #expect(atLimit.operationCount == 1)
        // The reproducer's depths: refused with the place, not a stack overflow.
        for levels in [limit + 1, 2_000, 4_000] {
            let refused = refusal(#""x":{"operations":{"Op":{"input":\#(chain(levels))}}}"#)
            #expect(refused?.contains("services.x.operations.Op.input.a.a") == true, "\(refused ?? "read")")
            #expect(refused?.contains("nest deeper than \(limit) levels") == true, "\(refused ?? "read")")
        }
    }

    @Test func refChainsCountTowardsTheLimit() {
        // 240 entries of two levels each, one referring to the next: 481 levels for a walk.
        func entries(_ count: Int) -> String {
            (0..<count).map { i in
                let next = i + 1 < count ? #"{"ref":"S\#(i + 1)"}"# : #"{"type":"string"}"#
                return #""S\#(i)":{"type":"structure","members":{"a":\#(next)}}"#
            }.joined(separator: ",")
        }
        #expect(refusal(#""x":{"operations":{"Op":{"input":{"ref":"S0"}}},"shapes":{\#(entries(240))}}"#) == nil)
        let refused = refusal(#""x":{"operations":{"Op":{"input":{"ref":"S0"}}},"shapes":{\#(entries(300))}}"#)
        #expect(refused?.contains("through the definitions its ref S0 leads to") == true, "\(refused ?? "read")")
        // A cycle is walked up to twice per name: 130 entries of two levels reach 520.
        let cycle = (0..<130).map { i in #""C\#(i)":{"type":"structure","members":{"a":{"ref":"C\#((i + 1) % 130)"}}}"# }.joined(separator: ",")
        #expect(refusal(#""x":{"operations":{"Op":{"input":{"ref":"C0"}}},"shapes":{\#(cycle)}}"#) != nil)
    }

    @Test func theBotocoreImporterStopsAtTheLimitAndDropsTheOperation() throws {
        // ../shared/reliability/deep-botocore-chain: 3,000 structures, each the next's only member.
        var shapes = [#""S3000":{"type":"string"}"#]
        for i in 0..<3_000 { shapes.append(#""S\#(i)":{"type":"structure","members":{"a":{"shape":"S\#(i + 1)"}}}"#) }
        shapes.append(#""Small":{"type":"structure","members":{"b":{"shape":"S3000"}}}"#)
        let json = #"{"metadata":{"apiVersion":"2020-01-01"},"operations":{"Deep":{"name":"Deep","input":{"shape":"S0"}},"#
            + #""Fine":{"name":"Fine","input":{"shape":"Small"}}},"shapes":{\#(shapes.joined(separator: ","))}}"#
        var log = DiagnosticLog()
        let service = try #require(BotocoreImporter.importService(serviceName: "x", bytes: Array(json.utf8), source: "x.json", log: &log))
        #expect(service.operations["Deep"] == nil)
        #expect(service.operations["Fine"]?.input?.members["b"]?.type == .string)
        #expect(log.diagnostics.contains { $0.severity == .error && $0.message.contains("nest deeper than \(ShapeNesting.limit) levels") })
    }

    @Test func enforceDropsWhatNestsTooDeepFromAnyModel() {
        var deep = Shape(type: .string)
        for _ in 0..<(ShapeNesting.limit + 10) { deep = .structure([("a", deep)]) }
        var service = Service(name: "s")
        var op = Operation(name: "Deep")
        op.input = deep
        op.sources = ["page.rst"]
        service.operations["Deep"] = op
        var fine = Operation(name: "Fine")
        fine.input = .structure([("a", Shape(type: .string))])
        service.operations["Fine"] = fine
        var model = Model(services: [service])
        var log = DiagnosticLog()
        ShapeNesting.enforce(&model, log: &log)
        #expect(model.services["s"]?.operations.keys.elements == ["Fine"])
        #expect(log.diagnostics.first?.file == "page.rst")
        #expect(log.diagnostics.first?.message.contains("Deep input nests deeper than") == true)
    }
}
