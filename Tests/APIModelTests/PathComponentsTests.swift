import APIModel
import Foundation
import Testing

@Suite struct PathComponentsTests {
    /// The byte-level readings give what Foundation's path methods gave, which they replace.
    @Test(arguments: ["", "/", "a", "a/", "/a//", "/tmp/x.json", "x.json", ".hidden", "a.", "a.b.c", "dir.d/file",
                      "x/.har", "/a/b/c.HAR", "a/b.", "a..b", "..", ".", "/.", "/..", "a/.b.c", "é/ü.jsön",
                      "a b/c d.j son", "/x/y/", "a//b.json", "api.ecr.DescribeRepositories_2.json", "a/b/.",
                      "a/./b", "a.b/", "a.b//", "...", "a...", "..a", "rec/\u{10FFF9}\u{10FFFE}.json"])
    func componentsAreFoundationsOnes(_ path: String) {
        let ns = path as NSString
        #expect(String(FileSystemPath.lastComponent(path)) == ns.lastPathComponent)
        #expect(String(FileSystemPath.fileExtension(path)) == ns.pathExtension)
    }

    /// A path of slashes only is the root, as on Darwin (swift-corelibs-foundation gives "" for
    /// more than one slash).
    @Test func slashesOnlyAreTheRoot() {
        #expect(FileSystemPath.lastComponent("//") == "/")
        #expect(FileSystemPath.fileExtension("///") == "")
    }
}
