import APIModel
import ChangeRecords
import Testing
@testable import Differ
import TestSupport

/// One old/new model pair per change kind and per variant and direction of the README's
/// breaking-change table, plus the path, recursion, sharing and partial-model rules:
/// `docs-corpus/fixtures/differ/kinds/<kind>/<case>/{old,new,expected}.json`, where
/// `expected.json` is the docconform.diff/1 document the pair must give (its `about` says why).
@Suite struct ChangeKindFixtureTests {
    static let root = Fixtures.path("differ/kinds")

    /// `<kind>/<case>` of every case folder.
    static func cases() throws -> [String] {
        try Fixtures.contents(ofFolder: root).flatMap { kind in
            try Fixtures.contents(ofFolder: root + "/" + kind).map { kind + "/" + $0 }
        }
    }

    static func expectedChanges(_ name: String) throws -> [JSONValue] {
        try #require(try JSONParser.parse(Fixtures.bytes("differ/kinds/\(name)/expected.json"))["changes"]?.arrayValue)
    }

    @Test(arguments: try cases())
    func theDifferGivesTheExpectedChanges(_ name: String) throws {
        let old = try ModelReader.read(Fixtures.bytes("differ/kinds/\(name)/old.json"))
        let new = try ModelReader.read(Fixtures.bytes("differ/kinds/\(name)/new.json"))
        let rendered = JSONDiffRenderer().render(ModelDiffer().diff(old, new), old: "old.json", new: "new.json")
        let actual = try #require(try JSONParser.parse(rendered)["changes"]?.arrayValue)
        let expected = try Self.expectedChanges(name)
        if actual != expected {
            Issue.record(Comment(rawValue: "\(name): the differ's changes (+) are not the expected ones (-)\n"
                + LineDiff.render(old: Self.pretty(.array(expected)), new: Self.pretty(.array(actual)))))
        }
        // A case folder shows its own kind (cases that expect nothing show that it is not reported).
        let kind = String(name.prefix { $0 != "/" })
        #expect(expected.allSatisfy { $0["kind"]?.stringValue == kind }, "\(name) expects changes of other kinds")
    }

    /// Every row of the severity table (SeverityRules.table, which the README's table prints),
    /// in each direction it applies to, has a case, and the cases agree with the table.
    @Test func everyRowOfTheSeverityTableInEachDirectionHasACase() throws {
        var seen: [String: String] = [:] // "kind|variant|direction" → severity
        for name in try Self.cases() {
            for c in try Self.expectedChanges(name) {
                let kind = try #require(c["kind"]?.stringValue)
                let key = "\(kind)|\(try Self.variant(of: c))|\(c["direction"]?.stringValue ?? "")"
                let severity = try #require(c["severity"]?.stringValue)
                #expect(seen[key] == nil || seen[key] == severity, "\(name): \(key) is \(severity) here, \(seen[key] ?? "") elsewhere")
                seen[key] = severity
            }
        }
        for row in SeverityRules.table {
            let directions: [(String, Severity)] = ChangeKind(rawValue: row.kind)!.isServiceOrOperationLevel
                ? [("", row.input)] : [("input", row.input), ("output", row.output)]
            for (direction, severity) in directions {
                let key = "\(row.kind)|\(row.variant)|\(direction)"
                #expect(seen[key] == severity.rawValue, "\(key): the table says \(severity.rawValue), the cases \(seen[key] ?? "nothing")")
            }
        }
    }

    @Test func everyKindHasAFolder() throws {
        let folders = Set(try Fixtures.contents(ofFolder: Self.root))
        #expect(folders == Set(ChangeKind.allCases.map(\.rawValue)))
    }

    static func pretty(_ value: JSONValue) -> [UInt8] {
        var w = JSONWriter(pretty: true)
        w.value(value)
        return w.bytes
    }

    /// The table's variant name of a change: required or not for member-added, the direction
    /// of a bound or pattern change for constraint-changed, none for the rest.
    static func variant(of c: JSONValue) throws -> String {
        switch c["kind"]?.stringValue {
        case "member-added":
            return c["required"]?.boolValue == true ? "required" : "optional"
        case "constraint-changed":
            let constraint = try #require(c["constraint"]?.stringValue)
            let from = c["from"], to = c["to"]
            if constraint == "pattern" {
                return from == nil ? "pattern added" : to == nil ? "pattern removed" : "pattern changed"
            }
            // A new bound is a raised minimum or a lowered maximum; a dropped one the reverse.
            let tighter: Bool
            switch (from?.doubleValue, to?.doubleValue) {
            case (nil, _?): tighter = true
            case (_?, nil): tighter = false
            case let (a?, b?): tighter = constraint == "min" ? b > a : b < a
            case (nil, nil): throw Failure(description: "constraint-changed without from or to")
            }
            switch (constraint, tighter) {
            case ("min", true): return "min raised / added"
            case ("min", false): return "min lowered / removed"
            case (_, true): return "max lowered / added"
            case (_, false): return "max raised / removed"
            }
        default:
            return ""
        }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
}

private extension ChangeKind {
    var isServiceOrOperationLevel: Bool {
        [.serviceAdded, .serviceRemoved, .operationAdded, .operationRemoved, .operationDeprecated].contains(self)
    }
}
