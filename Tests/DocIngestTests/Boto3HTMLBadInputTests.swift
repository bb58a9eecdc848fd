import APIModel
@testable import DocIngest
import Testing
import TestSupport

/// Truncated and garbled pages: never a crash, always a `file:line` diagnostic where the
/// damage can be seen, and what was read before the damage is kept.
@Suite struct Boto3HTMLBadInputTests {
    static func parse(_ bytes: [UInt8], path: String, rendering: Boto3HTMLParser.Rendering) -> (Model, DiagnosticLog) {
        var log = DiagnosticLog()
        let model = Boto3HTMLParser(rendering: rendering).parse([SourceDocument(path: path, bytes: bytes)], options: IngestOptions(), log: &log)
        return (model, log)
    }

    /// Offsets spread over the whole page, denser near its start.
    static func offsets(_ count: Int) -> [Int] {
        var out = Set<Int>()
        var step = 1
        var p = 0
        while p < count {
            out.insert(p)
            p += step
            step = min(step + 7, 997)
        }
        return out.sorted()
    }

    @Test func truncatedHTMLAlwaysWarnsWithALine() throws {
        let page = try Fixtures.bytes("boto3-html/html/create_fleet.html")
        #expect(page.count > 10_000)
        for cut in Self.offsets(page.count - 20) {
            let (_, log) = Self.parse(Array(page.prefix(cut)), path: "cut.html", rendering: .html)
            #expect(!log.diagnostics.isEmpty, "cut at \(cut)")
            #expect(log.diagnostics.allSatisfy { $0.file == "cut.html" && $0.line != nil }, "cut at \(cut)")
        }
    }

    /// A text page has no end marker: a cut that falls after the last member of the response
    /// structure (in its description, or in the exceptions) reads as a complete shorter page.
    /// Any cut before that leaves a diagnostic or a partial operation.
    @Test func truncatedTextWarnsUntilTheLastMember() throws {
        let page = try Fixtures.bytes("boto3-html/text/create_fleet.txt")
        let text = String(decoding: page, as: UTF8.self)
        let lastMember = try #require(text.range(of: "• CreatedTime (datetime) –", options: .backwards))
        let limit = text.utf8.distance(from: text.startIndex, to: lastMember.lowerBound)
        var checked = 0
        for cut in Self.offsets(limit) {
            let (model, log) = Self.parse(Array(page.prefix(cut)), path: "cut.txt", rendering: .text)
            let partial = model.services.values.contains { $0.operations.values.contains(where: \.partial) }
            let warned = !log.diagnostics.isEmpty
            #expect(warned || partial || model.services.isEmpty, "cut at \(cut)")
            if warned { #expect(log.diagnostics.allSatisfy { $0.file == "cut.txt" && $0.line != nil }, "cut at \(cut)") }
            checked += 1
        }
        #expect(checked > 50)
    }

    /// Bytes overwritten at many places (tags, quotes, brackets broken): no crash, and the
    /// damage inside a syntax block or a tree is reported.
    @Test func garbledPagesNeverCrash() throws {
        for (fixture, rendering) in [("html/describe_image_builders.html", Boto3HTMLParser.Rendering.html),
                                     ("text/describe_image_builders.txt", .text)] {
            let page = try Fixtures.bytes("boto3-html/" + fixture)
            var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
            var reported = 0
            for round in 0..<200 {
                var bytes = page
                for _ in 0..<(1 + round % 8) {
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    let at = Int(seed >> 33) % bytes.count
                    let garbage: [UInt8] = [0x3C, 0x3E, 0x27, 0x7B, 0x7D, 0x5B, 0x5D, 0x28, 0x0A, 0xFF, 0x00, 0x2D]
                    bytes[at] = garbage[Int(seed >> 20) % garbage.count]
                }
                let (_, log) = Self.parse(bytes, path: "garbled", rendering: rendering)
                if !log.diagnostics.isEmpty { reported += 1 }
            }
            #expect(reported > 0, "\(fixture)")
        }
    }

    @Test func emptyAndForeignInput() {
        for rendering in [Boto3HTMLParser.Rendering.html, .text] {
            let (model, log) = Self.parse([], path: "empty", rendering: rendering)
            #expect(model.services.isEmpty)
            #expect(log.diagnostics.count == 1)
            let (other, otherLog) = Self.parse(Array("<html><body><p>hello</p></body></html>".utf8), path: "other", rendering: rendering)
            #expect(other.services.isEmpty)
            // A whole HTML page of the site that is no method page (index, search) is counted, not reported.
            #expect(otherLog.diagnostics.count == (rendering == .html ? 0 : 1))
            #expect(rendering == .text || otherLog.infoCounts.values.reduce(0, +) == 1)
        }
    }
}
