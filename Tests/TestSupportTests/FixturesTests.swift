import Foundation
import Testing
import TestSupport

@Suite struct FixturesTests {
    @Test func findsTheRepositoryFromAnyWorkingDirectory() throws {
        #expect(FileManager.default.fileExists(atPath: Fixtures.repositoryPath("Package.swift")))
        #expect(try Fixtures.contents(ofFolder: Fixtures.root).contains("reports"))
    }

    @Test func aMissingFixtureIsAnErrorNamingIt() {
        #expect {
            _ = try Fixtures.bytes("no/such/fixture.json")
        } throws: { error in
            "\(error)".contains("docs-corpus/fixtures/no/such/fixture.json")
        }
    }

    @Test func temporaryFoldersAreFreshAndEmpty() throws {
        let a = try Fixtures.temporaryDirectory(), b = try Fixtures.temporaryDirectory()
        #expect(a != b)
        #expect(try Fixtures.contents(ofFolder: a).isEmpty)
    }
}
