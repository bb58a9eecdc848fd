/// Which service a page belongs to, from what the page itself shows: entry anchors
/// (`imagebuilder-DistributeImage-request-clientToken`, `transcribe-Type-streaming_AudioStream-AudioEvent`)
/// or the SDK links of See Also (`/goto/boto3/transcribe-2017-10-26/StartTranscriptionJob`).
enum ReferenceServiceName {
    struct Found: Sendable, Equatable {
        var service: String
        var apiVersion: String? = nil
    }

    /// `API_streaming_AudioStream` → `streaming_AudioStream`: the page's part of its anchors.
    static func anchorStem(_ page: ReferencePage) -> String {
        if let id = page.pageID, id.hasPrefix("API_") { return String(id.dropFirst(4)) }
        return page.title
    }

    /// The prefix of the page's first entry anchor (`imagebuilder` of `imagebuilder-DistributeImage-request-clientToken`).
    static func fromAnchors(_ page: ReferencePage) -> String? {
        guard !page.anchors.isEmpty else { return nil }
        var stem = anchorStem(page)
        guard !stem.isEmpty else { return nil }
        for var anchor in page.anchors {
            let service: String? = anchor.withUTF8 { a in
                stem.withUTF8 { s in
                    guard let parts = EntryAnchor.parts(a, stem: s), parts.prefixEnd > 0 else { return nil }
                    // A sub-reference (`streaming_`) is a service of its own (`transcribe-streaming`).
                    guard let underscore = s.firstIndex(of: UInt8(ascii: "_")) else { return String(decoding: a[..<parts.prefixEnd], as: UTF8.self) }
                    return String(decoding: a[..<parts.prefixEnd] + [UInt8(ascii: "-")] + s[..<underscore], as: UTF8.self)
                }
            }
            if let service { return service }
        }
        return nil
    }

    /// The service the SDK links of a page name. They name the service id the SDKs use
    /// (`transcribe-2017-10-26`); anchor prefixes (`fromAnchors`) are usually the same but some
    /// services use a house prefix there (`SSS`, `Textract`), so the links win when a page has
    /// both, and a page without SDK links (one cut before See Also) takes the name its anchors'
    /// prefix has on the pages that show both (the interpreter pairs them).
    /// `https://docs.aws.amazon.com/goto/boto3/transcribe-2017-10-26/X` → transcribe, 2017-10-26.
    static func fromLinks(_ page: ReferencePage) -> Found? {
        for link in page.externalLinks {
            guard let r = link.utf8Range(of: "/goto/") else { continue }
            switch gotoASCII(link[r.upperBound...]) {
            case let .found(found): return found
            case .notAService: continue
            case .notASCII: break
            }
            let parts = link[r.upperBound...].split(separator: "/")
            guard parts.count >= 2 else { continue }
            let uid = parts[1]
            guard uid.count > 11 else { continue }
            let version = uid.suffix(10)
            let dashes = version.enumerated().filter { $0.element == "-" }.map(\.offset)
            guard dashes == [4, 7], uid.dropLast(10).hasSuffix("-") else { continue }
            return Found(service: String(uid.dropLast(11)).lowercased(), apiVersion: String(version))
        }
        return nil
    }

    /// The same reading on the bytes of an ASCII link (all real ones; Character-wise splitting
    /// cost more than the rest of the page's interpretation). A non-ASCII link is read the slow way.
    private enum GotoReading { case found(Found), notAService, notASCII }

    private static func gotoASCII(_ rest: Substring) -> GotoReading {
        let u = Array(rest.utf8)
        guard u.allSatisfy({ $0 < 0x80 }) else { return .notASCII }
        // The second non-empty `/`-separated part: the SDK's id of the service (`transcribe-2017-10-26`).
        var parts: [Range<Int>] = []
        var start = 0
        for i in 0...u.count where i == u.count || u[i] == UInt8(ascii: "/") {
            if i > start { parts.append(start..<i) }
            start = i + 1
            if parts.count == 2 { break }
        }
        guard parts.count >= 2 else { return .notAService }
        let uid = u[parts[1]]
        guard uid.count > 11 else { return .notAService }
        let version = uid.suffix(10)
        let dashes = version.indices.filter { version[$0] == UInt8(ascii: "-") }.map { $0 - version.startIndex }
        guard dashes == [4, 7], uid[version.startIndex - 1] == UInt8(ascii: "-") else { return .notAService }
        let service = uid[..<(version.startIndex - 1)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return .found(Found(service: String(decoding: service, as: UTF8.self), apiVersion: String(decoding: version, as: UTF8.self)))
    }
}
