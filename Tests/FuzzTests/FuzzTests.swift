import APIModel
import Foundation
import Testing
import TestSupport

/// The README's promises under broken input, checked on mutations of every fixture format and
/// payload kind, by running the CLI as a child process: no crash (a signal), no hang (a time
/// limit), bounded memory (`ulimit -v`), exit codes by the rule (0 ok; 1 some errors while the
/// rest is written / payloads invalid; 2 nothing usable), re-encodings read as the original,
/// no facts lost from a cut page without a diagnostic, and no malformed record passing.
///
/// Deterministic: case k of a seed document always gets the same mutation. A few cases per
/// document run in `swift test`; `DOCCONFORM_FUZZ_ITERATIONS=N` runs N per document (a
/// campaign), `DOCCONFORM_FUZZ_SEED` picks another series. Failing inputs are kept under
/// `$TMPDIR/docconform-fuzz-failures/` with the command that shows the failure.
@Suite struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["DOCCONFORM_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2
    static let seed = environment["DOCCONFORM_FUZZ_SEED"].flatMap(UInt64.init) ?? 21
    /// A hang detector, not a speed target: debug builds on a shared machine are slow.
    static let timeout = environment["DOCCONFORM_FUZZ_TIMEOUT"].flatMap(Double.init) ?? 90

    static func fixture(_ relative: String) -> String { Fixtures.path(relative) }

    /// One seed input: a committed fixture, where it sits in a corpus, how it nests.
    struct Seed: CustomTestStringConvertible, Sendable {
        enum Kind: Sendable { case document(service: String?), payload }
        var name: String
        var fixture: String
        var place: String
        var kind: Kind
        var json: Bool
        var testDescription: String { name }
        var nesting: Nesting { json ? .json : place.hasSuffix(".html") ? .html : .text }
    }

    static let documents: [Seed] = [
        Seed(name: "botocore-json", fixture: "bad-botocore/good/2020-01-01/service-2.json", place: "good/2020-01-01/service-2.json", kind: .document(service: nil), json: true),
        Seed(name: "docconform-model", fixture: "", place: "model.json", kind: .document(service: nil), json: true),
        Seed(name: "boto3-rst", fixture: "boto3-rst/boto3-rst_ec2_describe_image_references.rst", place: "ec2/client/describe_image_references.rst", kind: .document(service: nil), json: false),
        Seed(name: "boto3-html", fixture: "boto3-html/html/describe_image_builders.html", place: "describe_image_builders.html", kind: .document(service: nil), json: false),
        Seed(name: "boto3-html-text", fixture: "boto3-html/text/describe_image_builders.txt", place: "describe_image_builders.txt", kind: .document(service: nil), json: false),
        Seed(name: "aws-reference-html", fixture: "aws-reference/generated/iam-html/API_AttachRolePolicy.html", place: "API_AttachRolePolicy.html", kind: .document(service: "iam"), json: false),
        Seed(name: "aws-reference-text", fixture: "aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt", place: "aws-reference-text_imagebuilder_DistributeImage.txt", kind: .document(service: "imagebuilder"), json: false),
        Seed(name: "aws-reference-markdown", fixture: "aws-reference/generated/iam-markdown/API_AttachRolePolicy.md", place: "API_AttachRolePolicy.md", kind: .document(service: "iam"), json: false),
        Seed(name: "changelog-text", fixture: "changelog/seeds/changelog-text_appstream_2017-04-21.txt", place: "changelog-text_appstream_2017-04-21.txt", kind: .document(service: nil), json: false),
    ]

    static let payloads: [Seed] = [
        Seed(name: "payload-json", fixture: "payloads/paths.jsonl", place: "record.json", kind: .payload, json: true),
        Seed(name: "payload-jsonl", fixture: "payloads/labelled-sample.jsonl", place: "records.jsonl", kind: .payload, json: true),
        Seed(name: "payload-placebo", fixture: "payloads/appstream.DescribeImageBuilders_1.json", place: "appstream.DescribeImageBuilders_1.json", kind: .payload, json: true),
    ]

    static let payloadModel = fixture("botocore-1.43.11/data/appstream")

    /// The seed's bytes (payloads cut to a few records, so cases stay quick).
    static func bytes(of seed: Seed) throws -> [UInt8] {
        if seed.name == "docconform-model" {
            let parsed = try FuzzRunner.run(["parse", fixture("bad-botocore/good"), "--quiet"], timeout: timeout)
            try #require(parsed.status == 0, "\(parsed.stderr)")
            return Array(parsed.stdout)
        }
        let raw = try FileReading.bytes(atPath: fixture(seed.fixture))
        switch seed.name {
        case "payload-json": return Array(raw.split(separator: 0x0A).first ?? [])
        case "payload-jsonl": return Array(raw.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(40).joined(separator: [0x0A]))
        default: return raw
        }
    }

    /// A case's mutation: every kind in turn, the rest of it from the seeded generator.
    static func mutation(_ k: Int) -> Mutation { Mutation.allCases[k % Mutation.allCases.count] }

    static func generator(_ seed: Seed, _ k: Int) -> Mutator {
        var h: UInt64 = Self.seed
        for b in seed.name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Mutator(random: SplitMix64(seed: h &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15))
    }

    // MARK: - documents

    @Test(arguments: documents)
    func brokenDocumentsKeepThePromises(_ seed: Seed) throws {
        let original = try Self.bytes(of: seed)
        try #require(!original.isEmpty)
        let baseline = try Self.parse(original, seed)
        try #require(baseline.outcome.status == 0, "\(seed.name) unbroken: \(baseline.outcome.stderr)")
        let baseModel = try ModelReader.read(Array(baseline.outcome.stdout))
        try #require(baseModel.operationCount > 0, "\(seed.name)")
        for k in 0..<Self.iterations {
            let mutation = Self.mutation(k)
            var mutator = Self.generator(seed, k)
            let mutated = mutator.apply(mutation, to: original, nesting: seed.nesting)
            let (outcome, path) = try Self.parse(mutated, seed)
            let label = "\(seed.name) case \(k) (\(mutation.rawValue))"
            var failures = Self.ruleViolations(outcome, command: "parse")
            var model: Model?
            if outcome.status <= 1 && outcome.signal == nil && !outcome.timedOut {
                do { model = try ModelReader.read(Array(outcome.stdout)) } catch { failures.append("stdout is not a docconform model: \(error.message)") }
            }
            if let model {
                if mutation.keepsContent && Self.facts(model) != Self.facts(baseModel) {
                    failures.append("a re-encoding (\(mutation.rawValue)) reads differently: \(Self.facts(baseModel).subtracting(Self.facts(model)).sorted().prefix(5)) lost, \(Self.facts(model).subtracting(Self.facts(baseModel)).sorted().prefix(5)) gained")
                }
                if mutation == .truncate, let removals = try Self.removalsDiffReports(original, mutated, seed), !removals.isEmpty {
                    // A cut page removes nothing: diff must refuse (exit 2) rather than report removals.
                    let message = "diff of the page and its cut copy reports removals: \(removals.prefix(3))"
                    if seed.name.hasPrefix("aws-reference-") {
                        // Their truncation warnings are no `endsEarly` diagnostics yet, so diff compares.
                        withKnownIssue("truncated AWS reference pages are not marked as ending early (#21 item 5)", isIntermittent: true) {
                            Issue.record(Comment(rawValue: "\(label): \(message)"))
                        }
                    } else {
                        failures.append(message)
                    }
                }
                if mutation == .truncate {
                    // A cut inside the page's last word leaves a shorter word that reads like a
                    // name of its own (`...exceptions.Res`): no reader can tell, so a lost fact
                    // whose cut-short form was read is no silent loss.
                    let gained = Self.facts(model).subtracting(Self.facts(baseModel))
                    let lost = Self.facts(baseModel).subtracting(Self.facts(model))
                        .filter { fact in !gained.contains { fact.hasPrefix($0) } }
                    let said = outcome.stderr.contains(": warning: ") || outcome.stderr.contains(": error: ")
                    let marked = model.services.values.contains { $0.operations.values.contains(where: \.partial) }
                    if !lost.isEmpty && !said && !marked {
                        let message = "a cut page lost \(lost.count) fact(s) without a diagnostic: \(lost.sorted().prefix(5))"
                        if seed.name.hasPrefix("aws-reference-") {
                            // #21 item 5, the reference readers' (another branch): known until it lands.
                            withKnownIssue("truncated AWS reference pages lose facts silently (#21 item 5)", isIntermittent: true) {
                                Issue.record(Comment(rawValue: "\(label): \(message)"))
                            }
                        } else {
                            failures.append(message)
                        }
                    }
                }
            } else if outcome.status == 0 {
                failures.append("exit 0 without a model")
            }
            Self.record(failures, label: label, input: mutated, path: path, outcome: outcome)
        }
    }

    /// Parses `bytes` placed as the seed's file in a fresh folder; the folder is kept only on failure.
    static func parse(_ bytes: [UInt8], _ seed: Seed) throws -> (outcome: FuzzOutcome, path: String) {
        let (dir, file) = try placed(bytes, seed.place)
        defer { try? FileManager.default.removeItem(at: dir) }
        var arguments = ["parse", file.path]
        if case let .document(service?) = seed.kind { arguments += ["--service", service] }
        return (try FuzzRunner.run(arguments, timeout: timeout), file.path)
    }

    /// `bytes` written as `place` in a fresh folder (the caller removes the folder).
    static func placed(_ bytes: [UInt8], _ place: String) throws -> (folder: URL, file: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-fuzz-\(UUID().uuidString)")
        let file = dir.appendingPathComponent(place)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return (dir, file)
    }

    /// The removals `diff` reports between the page and its cut copy (nil when it refuses to compare).
    static func removalsDiffReports(_ original: [UInt8], _ mutated: [UInt8], _ seed: Seed) throws -> [String]? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old/" + seed.place), new = dir.appendingPathComponent("new/" + seed.place)
        for (url, bytes) in [(old, original), (new, mutated)] {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        var arguments = ["diff", dir.appendingPathComponent("old").path, dir.appendingPathComponent("new").path, "--format", "json", "--quiet"]
        if case let .document(service?) = seed.kind { arguments += ["--service", service] }
        let outcome = try FuzzRunner.run(arguments, timeout: timeout)
        guard outcome.status <= 1, outcome.signal == nil, !outcome.timedOut,
              case let .object(root)? = try? JSONParser.parse(Array(outcome.stdout)),
              case let .array(changes)? = root.first(where: { $0.key == "changes" })?.value else { return nil }
        return changes.compactMap { change in
            guard let kind = change["kind"]?.stringValue, kind.hasSuffix("-removed") else { return nil }
            return "\(kind) \(change["operation"]?.stringValue ?? "") \(change["path"]?.stringValue ?? "")"
        }
    }

    /// What a model states, as comparable lines (sources and documentation left out).
    static func facts(_ model: Model) -> Set<String> {
        var facts = Set<String>()
        func walk(_ shape: Shape, _ path: String) {
            facts.insert("\(path): \(shape.type?.rawValue ?? "ref \(shape.ref ?? "")")")
            for (name, member) in shape.members {
                walk(member, "\(path).\(name)")
                if shape.isRequired(name) { facts.insert("\(path).\(name) required") }
            }
            if let m = shape.member { walk(m, path + "[]") }
            if let k = shape.key { walk(k, path + "{key}") }
            if let v = shape.value { walk(v, path + "{}") }
            for e in shape.enumValues ?? [] { facts.insert("\(path) enum \(e)") }
        }
        for (s, service) in model.services {
            for (o, op) in service.operations {
                let at = "\(s).\(o)"
                facts.insert(at)
                if let input = op.input { walk(input, at + " input") }
                if let output = op.output { walk(output, at + " output") }
                for e in op.errors { facts.insert("\(at) error \(e.name)") }
            }
        }
        return facts
    }

    // MARK: - payloads

    @Test(arguments: payloads)
    func brokenPayloadsKeepThePromises(_ seed: Seed) throws {
        let original = try Self.bytes(of: seed)
        try #require(!original.isEmpty)
        for k in 0..<Self.iterations {
            let mutation = Self.mutation(k)
            var mutator = Self.generator(seed, k)
            let mutated = mutator.apply(mutation, to: original, nesting: .json)
            let (dir, file) = try Self.placed(mutated, seed.place)
            defer { try? FileManager.default.removeItem(at: dir) }
            let outcome = try FuzzRunner.run(["validate", "--model", Self.payloadModel, file.path], timeout: Self.timeout)
            let label = "\(seed.name) case \(k) (\(mutation.rawValue))"
            var failures = Self.ruleViolations(outcome, command: "validate")
            // A record that is not JSON never passes; every non-blank line of a stream is a record.
            let records = seed.place.hasSuffix(".jsonl") ? Self.lines(mutated) : [mutated[...]]
            let malformed = records.filter { line in (try? JSONParser.parse(Array(line))) == nil }
            if outcome.status == 0 && !malformed.isEmpty { failures.append("exit 0 with \(malformed.count) record(s) that are not JSON") }
            if outcome.status == 1, seed.place.hasSuffix(".jsonl"),
               let counted = outcome.stdoutText.split(separator: "\n").last(where: { $0.contains(" records in ") }),
               let n = Int(counted.prefix { $0 != " " }), n != records.count {
                failures.append("\(n) records reported, \(records.count) lines in the stream")
            }
            Self.record(failures, label: label, input: mutated, path: file.path, outcome: outcome, model: Self.payloadModel)
        }
    }

    /// The non-blank lines of a stream, as `validate` splits it (`\n`, a final `\r` dropped).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).compactMap { line in
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            return line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? nil : line
        }
    }

    // MARK: - deep trees

    /// Shape trees at and past the nesting limit, in both formats that can state any depth:
    /// every command either works (at the limit) or refuses with exit 2, never crashes.
    @Test(arguments: [499, 500, 501, 3_000])
    func deepTreesEverywhere(levels: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-fuzz-deep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("x/2020-01-01"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var shape = #"{"type":"string"}"#
        for _ in 1..<levels { shape = #"{"type":"structure","members":{"a":\#(shape)}}"# }
        let model = dir.appendingPathComponent("model.json")
        try Data(#"{"format":"docconform.model/1","services":{"x":{"operations":{"Op":{"input":\#(shape),"output":\#(shape)}}},"y":{"operations":{"Op":{"input":\#(shape)}}}}}"#.utf8).write(to: model)
        var shapes = [#""S\#(levels - 1)":{"type":"string"}"#]
        for i in 0..<(levels - 1) { shapes.append(#""S\#(i)":{"type":"structure","members":{"a":{"shape":"S\#(i + 1)"}}}"#) }
        let botocore = dir.appendingPathComponent("x/2020-01-01/service-2.json")
        try Data(#"{"metadata":{},"operations":{"Op":{"name":"Op","input":{"shape":"S0"}}},"shapes":{\#(shapes.joined(separator: ","))}}"#.utf8).write(to: botocore)
        let payload = dir.appendingPathComponent("p.jsonl")
        try Data(#"{"service":"x","operation":"Op","direction":"request","payload":{"a":{}}}"#.utf8).write(to: payload)
        let fits = levels <= 500
        for arguments in [["parse", model.path], ["parse", botocore.path], ["diff", model.path, model.path], ["diff", botocore.path, model.path],
                          ["export", "--model", model.path, "--format", "jsonschema"], ["validate", "--model", model.path, payload.path]] {
            let outcome = try FuzzRunner.run(arguments, timeout: Self.timeout)
            var failures = Self.ruleViolations(outcome, command: arguments[0])
            let expected: Set<Int32> = arguments[0] == "validate" ? (fits ? [0, 1] : [2]) : (fits ? [0] : [2])
            if !expected.contains(outcome.status) { failures.append("exit \(outcome.status), expected \(expected.sorted())") }
            if !fits && !outcome.stderr.contains("nest deeper than 500 levels") { failures.append("the refusal does not name the nesting limit") }
            Self.record(failures, label: "\(levels) levels: \(arguments.joined(separator: " "))", input: [], path: dir.path, outcome: outcome)
        }
    }

    // MARK: - the rules

    /// What every run must respect, whatever its input.
    static func ruleViolations(_ outcome: FuzzOutcome, command: String) -> [String] {
        var failures: [String] = []
        if let signal = outcome.signal { failures.append("crashed (signal \(signal))") }
        if outcome.timedOut { failures.append("still running after \(Int(timeout)) s") }
        guard outcome.signal == nil && !outcome.timedOut else { return failures }
        if !(0...2).contains(outcome.status) { failures.append("exit status \(outcome.status)") }
        if outcome.stderr.contains("Fatal error") || outcome.stderr.contains("Program crashed") { failures.append("a fatal error on stderr") }
        switch (command, outcome.status) {
        case ("parse", 0):
            if outcome.stderr.contains(": error: ") { failures.append("exit 0 with an error diagnostic") }
        case ("parse", 1):
            if !outcome.stderr.contains(": error: ") { failures.append("exit 1 without an error diagnostic") }
        case (_, 2):
            if !outcome.stderr.contains("error") { failures.append("exit 2 without saying why") }
            if command == "parse" && !outcome.stdout.isEmpty { failures.append("exit 2 with a model written") }
        default: break
        }
        return failures
    }

    /// Records the failures of one case, keeping its input and the command that shows them.
    static func record(_ failures: [String], label: String, input: [UInt8], path: String, outcome: FuzzOutcome, model: String? = nil) {
        guard !failures.isEmpty else { return }
        let keep = FileManager.default.temporaryDirectory.appendingPathComponent("docconform-fuzz-failures/\(label.filter { $0.isLetter || $0.isNumber || $0 == "-" })")
        try? FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true)
        let kept = keep.appendingPathComponent((path as NSString).lastPathComponent)
        if !input.isEmpty { try? Data(input).write(to: kept) }
        let command = model.map { "docconform validate --model \($0) \(kept.path)" } ?? "docconform parse \(kept.path)"
        Issue.record(Comment(rawValue: "\(label): \(failures.joined(separator: "; ")) [exit \(outcome.status), \(String(format: "%.1f", outcome.seconds)) s; input kept: \(command)]\n\(outcome.stderr.suffix(600))"))
    }
}
