import Testing
@testable import DocIngest

/// The compact changelog layout's page words, scanned a word of bytes at a time where no capital is.
@Suite struct PageVocabularyTests {
    func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return PageVocabulary.pascalCaseWords(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func distinctPascalCaseWordsInPageOrder() {
        #expect(words("Request DescribeDBClusters with DBClusterIdentifier; DescribeDBClusters again") ==
            ["DescribeDBClusters", "DBClusterIdentifier"])
        // One letter, lower-case starts and digits-first runs are no words; nor is a word of
        // one capital (one name segment), whereas acronyms and `ARNs` are kept.
        #expect(words("A x1 9Lives ok Fleet Fleet2 EBS ARNs IPv6") == ["EBS", "ARNs", "IPv6"])
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

    /// A run of method-name segments takes the page's spelling: a whole word first, else the
    /// run inside a longer word, each in page order; a lone segment or no match gives nil.
    @Test func spellingOfSegmentRuns() {
        let page = PageVocabulary(ChangelogLines(Array(("Calls GetEBSVolumeRecommendations and DescribeDBClusterAutomatedBackups; "
            + "then DBClusterAutomatedBackup, ListTagsForResource").utf8)))
        #expect(page.spelling(of: ["ebs", "volume", "recommendations"]) == "EBSVolumeRecommendations")
        #expect(page.spelling(of: ["db", "cluster", "automated", "backup"]) == "DBClusterAutomatedBackup")
        #expect(page.spelling(of: ["db", "cluster"]) == "DBCluster")
        #expect(page.spelling(of: ["get", "ebs", "volume", "recommendations"]) == "GetEBSVolumeRecommendations")
        #expect(page.spelling(of: ["tags", "for"]) == "TagsFor")
        #expect(page.spelling(of: ["ebs"]) == nil)
        #expect(page.spelling(of: ["volume", "ebs"]) == nil)
        #expect(page.spelling(of: ["cluster", "automated", "backups"]) == "ClusterAutomatedBackups")
    }
}
