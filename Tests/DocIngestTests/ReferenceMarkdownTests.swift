import APIModel
import Differ
import Testing
@testable import DocIngest
import TestSupport

/// The 92 real markdown-rendered pages of Amazon Transcribe (2021).
@Suite struct ReferenceMarkdownTests {
    static let folder = "aws-reference/markdown/transcribe"

    var result: Ingest.Result { ReferenceFixtures.load(Self.folder) }

    @Test func allPagesParseWithoutErrors() {
        let r = result
        #expect(r.filesByFormat[.awsReferenceMarkdown] == 92)
        #expect(ReferenceFixtures.errors(r).isEmpty)
        #expect(ReferenceFixtures.warnings(r).isEmpty)
        #expect(r.log.infoCounts["reference index pages skipped (no API sections)"] == 7)
        // Service names from the anchors; the streaming sub-reference is its own service.
        #expect(r.model.services["transcribe"]?.operations.count == 39)
        #expect(r.model.services["transcribe-streaming"]?.operations.count == 2)
        #expect(r.model.services["transcribe"]?.apiVersion == "2017-10-26")
    }

    @Test func startTranscriptionJobInDetail() throws {
        let op = try #require(result.model.services["transcribe"]?.operations["StartTranscriptionJob"])
        let input = try #require(op.input)
        #expect(input.members.count == 15)
        #expect(input.required == ["Media", "TranscriptionJobName"])
        let m = input.members
        // Backticks stripped, backslashes inside them kept.
        #expect(m["OutputBucketName"]?.pattern == "[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]")
        #expect(m["OutputBucketName"]?.max == .integer(64))
        #expect(m["OutputKey"]?.pattern == "[a-zA-Z0-9-_.!*'()/]{1,1024}$")
        #expect(m["LanguageCode"]?.enumValues?.count == 40)
        #expect(m["LanguageCode"]?.enumValues?.first == "af-ZA")
        #expect(m["LanguageOptions"]?.type == .list)
        #expect(m["LanguageOptions"]?.min == .integer(1))
        #expect(m["LanguageOptions"]?.member?.enumValues?.last == "en-NZ")
        #expect(m["MediaSampleRateHertz"]?.type == .integer)
        #expect(m["MediaSampleRateHertz"]?.min == .integer(8000))
        #expect(m["MediaSampleRateHertz"]?.max == .integer(48000))
        #expect(m["IdentifyLanguage"]?.type == .boolean)
        let tags = try #require(m["Tags"])
        #expect(tags.min == .integer(1) && tags.max == .integer(200))
        #expect(tags.member?.name == "Tag")
        #expect(tags.member?.required == ["Key", "Value"])
        #expect(tags.member?.members["Value"]?.min == .integer(0))
        #expect(m["Media"]?.name == "Media")
        #expect(m["Media"]?.members.keys.contains("MediaFileUri") == true)
        #expect(op.output?.members["TranscriptionJob"]?.name == "TranscriptionJob")
        #expect(op.errors.map(\.name) == ["BadRequestException", "ConflictException", "InternalFailureException", "LimitExceededException"])
        #expect(op.errors.map(\.httpStatus) == [400, 400, 500, 400])
    }

    @Test func numericTypesAreExact() throws {
        let job = try #require(result.model.services["transcribe"]?.operations["GetTranscriptionJob"]?.output?.members["TranscriptionJob"])
        #expect(job.members["CompletionTime"]?.type == .timestamp)
        #expect(job.members["IdentifiedLanguageScore"]?.type == .float)
        #expect(job.members["Settings"]?.members["MaxSpeakerLabels"]?.max == .integer(10))
    }

    @Test func streamingPageWithHeaderParameters() throws {
        let op = try #require(result.model.services["transcribe-streaming"]?.operations["StartStreamTranscription"])
        #expect(op.http?.method == "POST")
        #expect(op.http?.requestUri == "/stream-transcription")
        let input = try #require(op.input)
        #expect(input.required == ["LanguageCode", "MediaEncoding", "MediaSampleRateHertz", "AudioStream"])
        let language = try #require(input.members["LanguageCode"])
        #expect(language.location == "header")
        #expect(language.locationName == "x-amzn-transcribe-language-code")
        #expect(language.enumValues?.count == 12)
        #expect(input.members["SessionId"]?.min == .integer(36))
        #expect(input.members["SessionId"]?.max == .integer(36))
        #expect(input.members["NumberOfChannels"]?.type == .integer)
        #expect(input.members["AudioStream"]?.location == nil)
        #expect(input.members["AudioStream"]?.name == "AudioStream")
        let output = try #require(op.output)
        #expect(output.members["RequestId"]?.locationName == "x-amzn-request-id")
        let stream = try #require(output.members["TranscriptResultStream"])
        #expect(stream.members["ConflictException"]?.type == .structure)
        #expect(stream.members["TranscriptEvent"]?.members["Transcript"]?.members["Results"]?.type == .list)
        #expect(op.errors.first { $0.name == "ConflictException" }?.httpStatus == 409)
    }

    /// Real pages of one day against the SDK release they describe (botocore 1.21.30; the
    /// pages predate 1.21.40's `KMSEncryptionContext` and postdate 1.21.27's call-analytics
    /// changes): every Transcribe operation equals the model in everything the pages state.
    @Test func realPagesEqualTheReleaseTheyDescribe() throws {
        let pages = result.model
        var release = Ingest.load(paths: [Fixtures.path("aws-reference/botocore-1.21.30")]).model
        #expect(release.services["transcribe"]?.operations.count == 39)
        // boto3 has no transcribe-streaming client: its pages have nothing to compare with.
        var documented = pages
        documented.services["transcribe-streaming"] = nil
        release = release.projected(onto: .awsReference)
        let changes = ModelDiffer().diff(release, NameAlignment.align(documented.projected(onto: .awsReference), to: release))
        #expect(changes.isEmpty, "\(changes.prefix(5).map { "\($0.kind.rawValue) \($0.operation ?? "") \($0.path ?? "")" })")
    }
}
