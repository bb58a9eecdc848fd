@testable import APIModel
import Foundation
import Testing
import TestSupport

/// A model file indexed without being read whole must give, service by service, what reading
/// it whole gives; anything off the plain format is left to the general reader.
@Suite struct ModelFileIndexTests {
    private func write(_ bytes: [UInt8]) throws -> String {
        let path = try Fixtures.temporaryDirectory() + "/model.json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func write(_ text: String) throws -> String { try write(Array(text.utf8)) }

    @Test func readsEachServiceAsTheWholeFileGivesIt() throws {
        let model = try Fixtures.sampleModel()
        for pretty in [false, true] {
            let bytes = ModelWriter(includeDocumentation: true, pretty: pretty).bytes(of: model)
            let whole = try ModelReader.read(bytes)
            let withoutDocs = try ModelReader.read(ModelWriter(includeDocumentation: false, pretty: pretty).bytes(of: model))
            let path = try write(bytes)
            for docs in [true, false] {
                let catalog = ServiceCatalog(indexes: [try #require(ModelFileIndex.index(path: path, includeDocumentation: docs))])
                #expect(Array(catalog.entries.keys) == whole.services.keys.sorted())
                for (name, service) in whole.services {
                    let entry = try #require(catalog.entries[name])
                    #expect(entry.title == service.title && entry.apiVersion == service.apiVersion)
                    #expect(entry.protocolName == service.protocolName && entry.endpointPrefix == service.endpointPrefix)
                    #expect(catalog.service(name) == (docs ? service : withoutDocs.services[name]), "\(name), pretty \(pretty), docs \(docs)")
                }
                #expect(catalog.log.diagnostics.isEmpty)
            }
        }
    }

    @Test func readsOnlyTheServicesAskedFor() throws {
        let path = try write(ModelWriter(includeDocumentation: false, pretty: false).bytes(of: try Fixtures.sampleModel()))
        let catalog = ServiceCatalog(indexes: [try #require(ModelFileIndex.index(path: path, includeDocumentation: false))])
        #expect(catalog.entries.count == Fixtures.sampleServices.count)
        #expect(catalog.service("lambda")?.operations["Invoke"] != nil)
        #expect(catalog.service("nope") == nil)
        #expect(catalog.loadedCount == 1)
    }

    @Test func escapedNamesAndFieldsOrderedAnyhow() throws {
        let path = try write(#"""
        {"extra": [1, {"services": "not these"}], "services": {"s\u0031": {"operations": {"Op": {"input": {"type": "string"}}}, "endpointPrefix": "api.\"x\"", "partial": true, "future": {"a": [1, 2]}},
         "s2": {}, "s1": {"title": "later wins", "operations": {}}}, "format": "docconform.model/1"}
        """#)
        let catalog = ServiceCatalog(indexes: [try #require(ModelFileIndex.index(path: path, includeDocumentation: false))])
        #expect(Array(catalog.entries.keys) == ["s1", "s2"])
        #expect(catalog.entries["s1"]?.title == "later wins")
        #expect(catalog.service("s1") == (try ModelReader.read(FileReading.bytes(atPath: path))).services["s1"])
        #expect(catalog.service("s2")?.operations.isEmpty == true)
    }

    /// Not a plain model document: no index, the general reader answers (and reports).
    @Test(arguments: [
        #"{"format":"docconform.model/2","services":{}}"#,
        #"{"format":"docconform.model/1"}"#,
        #"{"format":"docconform.model/1","services":{"s":[]}}"#,
        #"{"format":"docconform.model/1","services":{"s":"x"}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{}}}"#,
        #"{"format":"docconform.model/1","services":{}} {}"#,
        #"[{"format":"docconform.model/1","services":{}}]"#,
        #"{"format":"docconform.model/1","services":{},"services":{}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"title":"unterminated}}}"#,
    ])
    func leavesOtherDocumentsToTheGeneralReader(text: String) throws {
        #expect(ModelFileIndex.index(path: try write(text), includeDocumentation: false) == nil)
    }

    @Test func aFaultInsideAServiceIsReportedWhenItIsRead() throws {
        let text = "{\"format\": \"docconform.model/1\", \"services\": {\n\"good\": {\"operations\": {}},\n"
            + "\"bad\": {\"operations\": {\"Op\": {\"input\": {\"type\": \"structure\",\n\"members\": {\"A\": {\"type\": nope}}}}}}}}\n"
        let path = try write(text)
        let catalog = ServiceCatalog(indexes: [try #require(ModelFileIndex.index(path: path, includeDocumentation: false))])
        #expect(catalog.service("good") != nil)
        #expect(catalog.log.diagnostics.isEmpty)
        #expect(catalog.service("bad") == nil)
        let error = try #require(catalog.log.diagnostics.first)
        #expect(error.severity == .error && error.file == path && error.line == 4, "\(error)")
        #expect(error.message.hasPrefix("not valid JSON"))
    }

    @Test func aFileChangedSinceItWasIndexedIsNotReadByOffsets() throws {
        let path = try write(#"{"format":"docconform.model/1","services":{"s":{"operations":{}}}}"#)
        let catalog = ServiceCatalog(indexes: [try #require(ModelFileIndex.index(path: path, includeDocumentation: false))])
        try Data(#"{"format":"docconform.model/1","services":{"s":{"operations":{"A":{}}}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(catalog.service("s") == nil)
        #expect(catalog.log.diagnostics.first?.message.contains("changed") == true)
    }

    /// `skipString` accepts and refuses what `parseString` does, and ends where it ends.
    @Test(arguments: [#""plain""#, #""a\"b\\c\/\n\u00e9\ud83d\ude00 end""#, "\"caf\u{e9} \u{1F600} long enough to cross words\"",
                      "\"ctl\u{01}\"", #""bad \x escape""#, #""\u12G4""#, #""unterminated"#, "\"\u{e9}\\n\u{e9}\""])
    func skippingAStringChecksItAsReadingDoes(text: String) {
        let bytes = Array((text + " ,").utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var read = JSONParser.Reader(buffer)
            var skipped = JSONParser.Reader(buffer)
            let readOK = (try? read.parseString()) != nil
            let skipOK = (try? skipped.skipString()) != nil
            #expect(readOK == skipOK, "\(text)")
            if readOK { #expect(read.position == skipped.position) }
        }
        // Invalid UTF-8 inside a string is refused by both.
        let invalid: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x62, 0x22]
        invalid.withUnsafeBufferPointer { buffer in
            var skipped = JSONParser.Reader(buffer)
            #expect((try? skipped.skipString()) == nil)
        }
    }
}
