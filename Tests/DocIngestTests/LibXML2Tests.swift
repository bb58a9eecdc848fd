import CLibXML2
import Foundation
import Testing
import TestSupport

/// The libxml2 system-library target links and parses real-world (sloppy) HTML.
@Suite struct LibXML2Tests {
    @Test func parsesAnHTMLFixtureAndQueriesItWithXPath() throws {
        let bytes = try Fixtures.bytes("html/libxml2-smoke.html")
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let doc = try #require(bytes.withUnsafeBytes { raw in
            htmlReadMemory(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "fixture.html", "UTF-8", options)
        })
        defer { xmlFreeDoc(doc) }
        let context = try #require(xmlXPathNewContext(doc))
        defer { xmlXPathFreeContext(context) }

        func strings(_ xpath: String) -> [String] {
            guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
            defer { xmlXPathFreeObject(result) }
            guard let set = result.pointee.nodesetval else { return [] }
            return (0..<Int(set.pointee.nodeNr)).compactMap { i in
                guard let node = set.pointee.nodeTab[i], let content = xmlNodeGetContent(node) else { return nil }
                defer { free(content) } // xmlFree is a global var Swift 6 rejects; libxml2 allocates with malloc
                return String(cString: content)
            }
        }

        #expect(strings("//div[@id='main-col-body']/h1") == ["PutWidget"])
        #expect(strings("//div[@class='variablelist']/dl/dt") == ["Name", "Size"])
        let facts = strings("//dd/p")
        #expect(facts.contains("Required: Yes"))
        #expect(facts.contains("Valid Range: Minimum value of 1. Maximum value of 100."))
        #expect(strings("//div[@id='main-col-body']/p").first?.hasPrefix("Stores a widget & its settings.") == true)
    }
}
