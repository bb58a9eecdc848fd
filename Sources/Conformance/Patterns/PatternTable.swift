/// Every distinct pattern of the model, compiled once: simple character-class sequences
/// go to the engine-free `SequenceMatchers`, the rest to ICU. A pattern neither can compile
/// is recorded once (per shape) as unsupported and not checked.
final class PatternTable {
    enum Outcome { case match, noMatch, gaveUp }

    struct Unsupported: Sendable, Hashable {
        var pattern: String
        var shape: String
        var reason: String
    }

    /// Per pattern: >= 0 a sequence-matcher index, < 0 the ICU regex at -(value + 1)
    /// (read on every pattern check: kept in a cell, see UncheckedCell).
    private let engineCell = UncheckedCell(ScratchStack<Int32>())
    private var engineOf: ScratchStack<Int32> {
        @inline(__always) unsafeAddress { UnsafePointer(engineCell.pointer) }
        @inline(__always) unsafeMutableAddress { engineCell.pointer }
    }
    private let sequences = SequenceMatchers()
    private var icu: [ICURegex] = []
    private(set) var sources: [String] = []
    private var indexByPattern: [String: Int32] = [:]
    private var failed: [String: String] = [:]
    private(set) var unsupported: [Unsupported] = []
    /// Patterns whose match gave up on its work bound at least once, with how often.
    var gaveUp: [Int32: Int] = [:]
    let wholeValue: Bool
    let timeLimit: Int32

    private var codePoints = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 256)

    init(wholeValue: Bool, timeLimit: Int32 = 40) {
        self.wholeValue = wholeValue
        self.timeLimit = timeLimit
    }

    deinit {
        codePoints.deallocate()
        engineOf.release()
        engineCell.free()
    }

    /// The pattern's index, or nil when no engine can run it (reported once per pattern and shape).
    func compile(_ pattern: String, shape: String) -> Int32? {
        if let i = indexByPattern[pattern] { return i }
        if let reason = failed[pattern] {
            let entry = Unsupported(pattern: pattern, shape: shape, reason: reason)
            if !unsupported.contains(entry) { unsupported.append(entry) }
            return nil
        }
        let engine: Int32
        if var branches = SimplePattern.parseAlternatives(pattern) {
            if wholeValue {
                for k in branches.indices {
                    branches[k].anchoredStart = true
                    branches[k].anchoredEnd = true
                    branches[k].endAllowsFinalTerminator = false
                }
            }
            engine = sequences.add(branches)
        } else {
            let (regex, reason) = ICURegex.compile(pattern, timeLimit: timeLimit)
            guard let regex else {
                failed[pattern] = reason ?? "cannot compile"
                unsupported.append(Unsupported(pattern: pattern, shape: shape, reason: reason ?? "cannot compile"))
                return nil
            }
            icu.append(regex)
            engine = -Int32(icu.count)
        }
        let i = Int32(engineOf.count)
        engineOf.push(engine)
        sources.append(pattern)
        indexByPattern[pattern] = i
        return i
    }

    /// Runs pattern `index` on a UTF-8 value (already known to be valid UTF-8); `ascii` when
    /// every byte is below 0x80 (then bytes are code points).
    func run(_ index: Int32, utf8 value: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Outcome {
        let engine = engineOf[Int(index)]
        if engine >= 0 && ascii { return sequences.matches(engine, value) ? .match : .noMatch }
        let cps = decode(value)
        if engine >= 0 { return sequences.matches(engine, cps) ? .match : .noMatch }
        switch icu[Int(-engine - 1)].run(cps, whole: wholeValue) {
        case .match: return .match
        case .noMatch: return .noMatch
        case .gaveUp:
            gaveUp[index, default: 0] += 1
            return .gaveUp
        }
    }

    private func decode(_ value: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt32> {
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
        return UnsafeBufferPointer(rebasing: codePoints[0..<n])
    }

    /// A value too large to match within the work bound: counted like a time-out.
    func noteGaveUp(_ index: Int32) { gaveUp[index, default: 0] += 1 }
}
