import Testing
@testable import DocIngest

/// The compact changelog layout's page words, scanned a word of bytes at a time where no capital is.
@Suite struct PageVocabularyTests {
    func words(_ text: String) -> [String] { PageVocabulary.pascalCaseWords(Array(text.utf8)) }

    @Test func distinctPascalCaseWordsInPageOrder() {
        #expect(words("Request DescribeDBClusters with DBClusterIdentifier; DescribeDBClusters again") ==
            ["Request", "DescribeDBClusters", "DBClusterIdentifier"])
        // One letter, lower-case starts and digits-first runs are no words.
        #expect(words("A x1 9Lives ok") == [])
    }

    @Test func capitalsInsideLowerCaseWordsStartNoWord() {
        // Long lower-case runs are skipped eight bytes at a time: a skip may land inside a word
        // (`eventBridgeRule`), whose later capitals are no word start, at any offset.
        for pad in 0..<9 {
            let lead = String(repeating: " ", count: pad) + "lowercase prose here and eventBridgeRule then "
            #expect(words(lead + "GetRule") == ["GetRule"], "pad \(pad)")
            #expect(words(lead + "xGetRule") == [], "pad \(pad)")
        }
        // Glued to a non-ASCII letter: no API word.
        #expect(words("plain text long enough éGetRule ÉtatRule") == [])
        #expect(words("plain text long enough GetRuleé") == [])
    }
}
