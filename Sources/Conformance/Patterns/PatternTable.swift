/// Every distinct pattern of the model, compiled once: simple character-class sequences
/// get the engine-free `SequenceMatcher`, the rest ICU. A pattern neither can compile is
/// recorded once as unsupported and not checked.
final class PatternTable {
    enum Engine {
        case sequence(SequenceMatcher)
        case icu(ICURegex)
    }

    enum Outcome { case match, noMatch, gaveUp }

    struct Unsupported: Sendable, Hashable {
        var pattern: String
        var shape: String
        var reason: String
    }

    private(set) var engines: [Engine] = []
    private(set) var sources: [String] = []
    private var indexByPattern: [String: Int32] = [:]
    private var failed: [String: String] = [:]
    private(set) var unsupported: [Unsupported] = []
    /// Patterns whose match gave up on its work bound at least once, with how often.
    var gaveUp: [Int32: Int] = [:]
    let wholeValue: Bool
    let timeLimit: Int32

    private var codePoints = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 256)
    private var scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 600)

    init(wholeValue: Bool, timeLimit: Int32 = 40) {
        self.wholeValue = wholeValue
        self.timeLimit = timeLimit
    }

    deinit {
        codePoints.deallocate()
        scratch.deallocate()
    }

    /// The pattern's index, or nil when no engine can run it (reported once per pattern and shape).
    func compile(_ pattern: String, shape: String) -> Int32? {
        if let i = indexByPattern[pattern] { return i }
        if let reason = failed[pattern] {
            let entry = Unsupported(pattern: pattern, shape: shape, reason: reason)
            if !unsupported.contains(entry) { unsupported.append(entry) }
            return nil
        }
        let engine: Engine
        if var simple = SimplePattern.parse(pattern) {
            if wholeValue {
                simple.anchoredStart = true
                simple.anchoredEnd = true
                simple.endAllowsFinalTerminator = false
            }
            engine = .sequence(SequenceMatcher(simple))
        } else {
            let (regex, reason) = ICURegex.compile(pattern, timeLimit: timeLimit)
            guard let regex else {
                failed[pattern] = reason ?? "cannot compile"
                unsupported.append(Unsupported(pattern: pattern, shape: shape, reason: reason ?? "cannot compile"))
                return nil
            }
            engine = .icu(regex)
        }
        let i = Int32(engines.count)
        engines.append(engine)
        sources.append(pattern)
        indexByPattern[pattern] = i
        return i
    }

    /// Runs pattern `index` on a UTF-8 value (already known to be valid UTF-8).
    func run(_ index: Int32, utf8 value: UnsafeBufferPointer<UInt8>) -> Outcome {
        if codePoints.count < value.count {
            codePoints.deallocate()
            codePoints = .allocate(capacity: value.count * 2)
        }
        var n = 0
        var i = 0
        let count = value.count
        while i < count {
            let b = UInt32(value[i])
            if b < 0x80 { codePoints[n] = b; i += 1 }
            else if b < 0xE0 { codePoints[n] = (b & 0x1F) << 6 | UInt32(value[i + 1] & 0x3F); i += 2 }
            else if b < 0xF0 { codePoints[n] = (b & 0x0F) << 12 | UInt32(value[i + 1] & 0x3F) << 6 | UInt32(value[i + 2] & 0x3F); i += 3 }
            else { codePoints[n] = (b & 0x07) << 18 | UInt32(value[i + 1] & 0x3F) << 12 | UInt32(value[i + 2] & 0x3F) << 6 | UInt32(value[i + 3] & 0x3F); i += 4 }
            n += 1
        }
        let cps = UnsafeBufferPointer(rebasing: codePoints[0..<n])
        switch engines[Int(index)] {
        case let .sequence(m):
            if scratch.count < 2 * (n + 2) {
                scratch.deallocate()
                scratch = .allocate(capacity: 4 * (n + 2))
            }
            return m.matches(cps, scratch: scratch.baseAddress!) ? .match : .noMatch
        case let .icu(re):
            switch re.run(cps, whole: wholeValue) {
            case .match: return .match
            case .noMatch: return .noMatch
            case .gaveUp:
                gaveUp[index, default: 0] += 1
                return .gaveUp
            }
        }
    }
}

extension PatternTable {
    /// A value too large to match within the work bound: counted like a time-out.
    func noteGaveUp(_ index: Int32) { gaveUp[index, default: 0] += 1 }
}
