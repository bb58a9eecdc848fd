#if canImport(_FoundationICU)
import _FoundationICU

/// A Java-syntax regular expression run by ICU (whose dialect is Java's), through the ICU
/// that ships inside the Swift toolchain's Foundation. Using that copy avoids the clash
/// between the system `unicode/*.h` headers and Foundation's own ICU module (design.md).
/// Work per match is bounded with `uregex_setTimeLimit` in proportion to the value (ICU counts
/// its limit in units of 10,000 steps of its match engine: `timeLimit` units, plus one per 200
/// code units), so a pattern that backtracks exponentially gives up instead of hanging the run.
final class ICURegex {
    enum Outcome { case match, noMatch, gaveUp }

    private let regex: OpaquePointer
    private let baseLimit: Int32
    private var text: [UInt16] = []

    /// nil and a reason when ICU cannot compile the pattern.
    static func compile(_ pattern: String, timeLimit: Int32) -> (ICURegex?, String?) {
        let utf16 = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        let re = utf16.withUnsafeBufferPointer { buf in
            swift_uregex_open(buf.baseAddress, Int32(buf.count), 0, &parseError, &status)
        }
        guard let re, status.rawValue <= U_ZERO_ERROR.rawValue else {
            if let re { swift_uregex_close(re) }
            return (nil, "ICU cannot compile it (error \(status.rawValue) at offset \(parseError.offset))")
        }
        return (ICURegex(re, baseLimit: timeLimit), nil)
    }

    private init(_ regex: OpaquePointer, baseLimit: Int32) {
        self.regex = regex
        self.baseLimit = baseLimit
    }

    deinit { swift_uregex_close(regex) }

    /// Searches (or, with `whole`, fully matches) the code points of a value.
    func run(_ value: UnsafeBufferPointer<UInt32>, whole: Bool) -> Outcome {
        // A local array (its buffer reused across calls): appends to a class property would
        // each pay a dynamic exclusivity check.
        var text = self.text
        self.text = []
        defer { self.text = text }
        text.removeAll(keepingCapacity: true)
        for c in value {
            if c < 0x10000 { text.append(UInt16(c)) } else {
                let v = c - 0x10000
                text.append(UInt16(0xD800 + (v >> 10)))
                text.append(UInt16(0xDC00 + (v & 0x3FF)))
            }
        }
        var status = U_ZERO_ERROR
        swift_uregex_setTimeLimit(regex, baseLimit &+ Int32(min(text.count / 200, 1 << 24)), &status)
        let found: UBool = text.withUnsafeBufferPointer { buf in
            // ICU keeps the pointer only until the next setText; the match runs inside this closure.
            var empty: UInt16 = 0
            let base = buf.baseAddress ?? withUnsafePointer(to: &empty) { $0 }
            swift_uregex_setText(regex, base, Int32(buf.count), &status)
            return whole ? swift_uregex_matches(regex, 0, &status) : swift_uregex_find(regex, 0, &status)
        }
        if status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW { return .gaveUp }
        if status.rawValue > U_ZERO_ERROR.rawValue { return .gaveUp }
        return found != 0 ? .match : .noMatch
    }
}
#else
import Foundation

/// Fallback where the toolchain's ICU module is not importable: NSRegularExpression (ICU
/// underneath, Java dialect) without a per-match work bound.
final class ICURegex {
    enum Outcome { case match, noMatch, gaveUp }
    private let regex: NSRegularExpression

    static func compile(_ pattern: String, timeLimit: Int32) -> (ICURegex?, String?) {
        do { return (ICURegex(try NSRegularExpression(pattern: pattern)), nil) } catch {
            return (nil, "the regex engine cannot compile it (\(error.localizedDescription))")
        }
    }

    private init(_ regex: NSRegularExpression) { self.regex = regex }

    func run(_ value: UnsafeBufferPointer<UInt32>, whole: Bool) -> Outcome {
        var s = String.UnicodeScalarView()
        for c in value { if let u = Unicode.Scalar(c) { s.append(u) } }
        let str = String(s)
        let range = NSRange(str.startIndex..., in: str)
        if whole {
            guard let m = regex.firstMatch(in: str, options: [.anchored], range: range) else { return .noMatch }
            return m.range.length == range.length ? .match : .noMatch
        }
        return regex.firstMatch(in: str, range: range) != nil ? .match : .noMatch
    }
}
#endif
