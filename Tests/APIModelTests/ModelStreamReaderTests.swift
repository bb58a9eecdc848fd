@testable import APIModel
import Foundation
import Testing
import TestSupport

/// The model file read straight from its bytes must give what the tree reader gives, and
/// leave every document it does not take plainly to the tree reader (same model or same error).
@Suite struct ModelStreamReaderTests {
    private func streamed(_ bytes: [UInt8]) -> Model? { bytes.withUnsafeBufferPointer { ModelStreamReader.read($0) } }

    @Test func readsWhatTheTreeReaderReads() throws {
        let model = try Fixtures.sampleModel()
        for pretty in [false, true] {
            for docs in [false, true] {
                let bytes = ModelWriter(includeDocumentation: docs, pretty: pretty).bytes(of: model)
                let fast = try #require(streamed(bytes), "pretty \(pretty), docs \(docs): the plain path gave up")
                #expect(fast == (try ModelReader.readThroughTree(bytes)))
                #expect(ModelWriter(includeDocumentation: docs, pretty: pretty).bytes(of: fast) == bytes)
            }
        }
    }

    @Test(arguments: ["differ/models/demo-old.json", "differ/models/demo-new.json", "aws-reference/merge/gadgets-sdk-model.json"])
    func readsTheCommittedModelFiles(path: String) throws {
        let bytes = try FileReading.bytes(atPath: Fixtures.path(path))
        let fast = try #require(streamed(bytes))
        #expect(fast == (try ModelReader.readThroughTree(bytes)))
    }

    @Test func skipsKeysItDoesNotKnowAsTheTreeReaderDoes() throws {
        let text = #"{"x":[1,{"y":null}],"format":"docconform.model/1","services":{"s":{"future":{"a":1},"operations":{"Op":{"later":true,"input":{"type":"structure","hint":"x","members":{"A":{"type":"string","enum":["a","b"],"min":1}},"required":["A"]}}}}}}"#
        let bytes = Array(text.utf8)
        let fast = try #require(streamed(bytes))
        #expect(fast == (try ModelReader.readThroughTree(bytes)))
        #expect(fast.services["s"]?.operations["Op"]?.input?.members["A"]?.enumValues == ["a", "b"])
    }

    /// Documents off the plain path: the stream reader gives up, and `read` answers exactly as
    /// the tree reader does.
    @Test(arguments: [
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"type":"string","type":"integer"}}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"type":"string","pattern":null}}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"type":"string","min":"1"}}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"ref":7,"type":"string"}}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"type":"varchar"}}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"members":{}}}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"input":{"type":"structure","members":{"A":{"type":"string"}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":{"Op":{"errors":[{"httpStatus":400}]}}}}}"#,
        #"{"format":"docconform.model/1","services":{"s":{"operations":"none"}}}"#,
        #"{"services":{},"format":"docconform.model/2"}"#,
        #"{"format":"docconform.model/1"}"#,
        #"[]"#,
        #"{"format":"docconform.model/1","services":{}} trailing"#,
    ])
    func givesUpAndTheTreeReaderAnswers(text: String) {
        let bytes = Array(text.utf8)
        #expect(streamed(bytes) == nil)
        let viaRead = Result { () throws -> Model in try ModelReader.read(bytes) }
        let viaTree = Result { () throws -> Model in try ModelReader.readThroughTree(bytes) }
        switch (viaRead, viaTree) {
        case let (.success(a), .success(b)): #expect(a == b)
        case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)")
        default: Issue.record("read and the tree reader disagree on \(text)")
        }
    }
}
