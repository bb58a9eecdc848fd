import APIModel
import Testing
@testable import DocIngest

/// The seed: the text rendering of imagebuilder's DistributeImage page.
@Suite struct ReferenceSeedTests {
    static let seed = "aws-reference/text/aws-reference-text_imagebuilder_DistributeImage.txt"

    func distributeImage() throws -> (Operation, Ingest.Result) {
        let result = ReferenceFixtures.load(Self.seed, service: "imagebuilder")
        let op = try #require(result.model.services["imagebuilder"]?.operations["DistributeImage"])
        return (op, result)
    }

    @Test func parsesWithoutErrors() throws {
        let (_, result) = try distributeImage()
        #expect(ReferenceFixtures.errors(result).isEmpty)
        #expect(result.filesByFormat[.awsReferenceText] == 1)
    }

    @Test func sixMembersFourRequired() throws {
        let (op, _) = try distributeImage()
        let input = try #require(op.input)
        #expect(Array(input.members.keys) == ["clientToken", "distributionConfigurationArn", "executionRole",
                                                "loggingConfiguration", "sourceImage", "tags"])
        #expect(input.required == ["clientToken", "distributionConfigurationArn", "executionRole", "sourceImage"])
    }

    @Test func lengthLimitsAndVerbatimPatterns() throws {
        let (op, _) = try distributeImage()
        let m = try #require(op.input?.members)
        #expect(m["clientToken"]?.type == .string)
        #expect(m["clientToken"]?.min == .integer(1))
        #expect(m["clientToken"]?.max == .integer(36))
        #expect(m["executionRole"]?.max == .integer(2048))
        #expect(m["sourceImage"]?.max == .integer(1024))
        // Glued to `Required: Yes` in the text rendering; split off exactly.
        #expect(m["distributionConfigurationArn"]?.pattern
            == "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):distribution-configuration/[a-z0-9-_]+$")
        #expect(m["executionRole"]?.pattern == "^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/)?[a-zA-Z_0-9+=,.@\\-_/]+$")
        #expect(op.output?.members["imageBuildVersionArn"]?.pattern
            == "^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+$")
    }

    @Test func tagsMapWithKeyAndValueConstraints() throws {
        let (op, result) = try distributeImage()
        let tags = try #require(op.input?.members["tags"])
        #expect(tags.type == .map)
        #expect(tags.max == .integer(50))
        #expect(tags.min == nil)
        #expect(tags.key?.pattern == "^(?!aws:)[a-zA-Z+-=._:/]+$")
        #expect(tags.key?.min == .integer(1))
        #expect(tags.key?.max == .integer(128))
        #expect(tags.value?.type == .string)
        #expect(tags.value?.max == .integer(256))
        // The rendering lost the entry's name; the request syntax supplies it, with a warning.
        #expect(ReferenceFixtures.warnings(result).contains { $0.line == 52 && $0.message.contains("named tags") })
    }

    @Test func nestedTypeFromTheSyntaxWhenItsPageIsMissing() throws {
        let (op, result) = try distributeImage()
        let logging = try #require(op.input?.members["loggingConfiguration"])
        #expect(logging.type == .structure)
        #expect(logging.name == "ImageLoggingConfiguration")
        #expect(logging.members["logGroupName"]?.type == .string)
        #expect(op.partial)
        #expect(ReferenceFixtures.warnings(result).contains { $0.line == 44 && $0.message.contains("API_ImageLoggingConfiguration") })
    }

    @Test func twelveErrorsWithStatusCodes() throws {
        let (op, _) = try distributeImage()
        #expect(op.errors.count == 12)
        let status = Dictionary(uniqueKeysWithValues: op.errors.map { ($0.name, $0.httpStatus) })
        #expect(status["AccessDeniedException"] == 403)
        #expect(status["CallRateLimitExceededException"] == 429)
        #expect(status["ResourceNotFoundException"] == 404)
        #expect(status["ServiceException"] == 500)
        #expect(status["ServiceQuotaExceededException"] == 402)
        #expect(status["ServiceUnavailableException"] == 503)
        #expect(op.errors.allSatisfy { $0.httpStatus != nil })
    }

    @Test func httpBinding() throws {
        let (op, _) = try distributeImage()
        #expect(op.http?.method == "PUT")
        #expect(op.http?.requestUri == "/DistributeImage")
        #expect(op.http?.responseCode == 200)
        #expect(Array(op.output?.members.keys ?? []) == ["clientToken", "imageBuildVersionArn"])
    }

    /// The page predates botocore 1.43.11: the facts that moved since, checked directly
    /// against that release's model (the differ is not on this branch yet).
    @Test func olderThanBotocore1_43_11InExactlyTheKnownFacts() throws {
        let (page, _) = try distributeImage()
        let truth = ReferenceFixtures.load("botocore-1.43.11/data/imagebuilder")
        let sdk = try #require(truth.model.services["imagebuilder"]?.operations["DistributeImage"])
        let pageIn = try #require(page.input), sdkIn = try #require(sdk.input)
        #expect(pageIn.members["clientToken"]?.max == .integer(36))
        #expect(sdkIn.members["clientToken"]?.max == .integer(64))
        #expect(sdkIn.members["tags"]?.key?.pattern == "^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$")
        #expect(pageIn.members["tags"]?.key?.pattern != sdkIn.members["tags"]?.key?.pattern)
        // Everything else the page states agrees with the SDK model.
        #expect(Set(pageIn.members.keys) == Set(sdkIn.members.keys))
        #expect(Set(pageIn.required) == Set(sdkIn.required))
        for name in ["distributionConfigurationArn", "executionRole", "sourceImage"] {
            #expect(pageIn.members[name]?.pattern == sdkIn.members[name]?.pattern, "\(name)")
            #expect(pageIn.members[name]?.min == sdkIn.members[name]?.min, "\(name)")
            #expect(pageIn.members[name]?.max == sdkIn.members[name]?.max, "\(name)")
        }
        #expect(pageIn.members["tags"]?.max == sdkIn.members["tags"]?.max)
        #expect(pageIn.members["tags"]?.value?.max == sdkIn.members["tags"]?.value?.max)
        #expect(page.output?.members["imageBuildVersionArn"]?.pattern == sdk.output?.members["imageBuildVersionArn"]?.pattern)
        #expect(Set(page.errors.map(\.name)) == Set(sdk.errors.map(\.name)))
        for e in page.errors {
            #expect(e.httpStatus == sdk.errors.first { $0.name == e.name }?.httpStatus, "\(e.name)")
        }
    }
}
