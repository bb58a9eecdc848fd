/// Forward searches the markdown line renderer repeats from ever later positions of one line
/// (the `)` after each `](`, the quote after each `<a `, the closing run of each backtick
/// run). Each remembers its last answer: a line that never holds what is sought (200 KB of
/// `[` or of `<a `) is then scanned once, not once per position, so rendering stays linear.
struct ForwardScan {
    private let first: UInt8
    private let second: UInt8
    /// No byte sought lies in `from..<found`; `found` is the line's end when none follows.
    private var from = Int.max
    private var found = 0

    init(_ first: UInt8, or second: UInt8? = nil) {
        self.first = first
        self.second = second ?? first
    }

    mutating func reset() { from = Int.max }

    /// The first position at or after `start` holding a byte sought, else `s.count`.
    @inline(__always)
    mutating func next(in s: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        if start >= from && start <= found { return found }
        var j = start
        let n = s.count
        while j < n, s[j] != first, s[j] != second { j += 1 }
        from = start
        found = j
        return j
    }
}

/// The closing backtick run of each code span. Short runs (the usual one to three backticks)
/// are sought by scanning, remembered per length as above; a line of many distinct long runs
/// would still be scanned once per length, so runs longer than that are indexed once per line
/// (positions per length, each with a cursor that only moves forward).
struct BacktickScan {
    private static let shortLengths = 9
    /// Per run length below `shortLengths`: no run of that length lies in `from..<found`
    /// (allocated on first use: a renderer that meets no backtick allocates nothing).
    private var short: [(from: Int, found: Int)] = []
    /// Positions of the line's longer runs by length, with the next one to consider; nil until asked.
    private var long: [Int: (positions: [Int], next: Int)]?
    private var used = false

    mutating func reset() {
        guard used else { return }
        for k in short.indices { short[k] = (Int.max, 0) }
        long = nil
        used = false
    }

    /// The start of the first run of exactly `count` backticks at or after `start` (a run
    /// boundary), else `s.count`.
    mutating func closing(in s: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int {
        used = true
        guard count < Self.shortLengths else { return longRun(in: s, from: start, count: count) }
        if short.isEmpty { short = Array(repeating: (Int.max, 0), count: Self.shortLengths) }
        let known = short[count]
        if start >= known.from && start <= known.found { return known.found }
        var j = start
        let n = s.count
        var result = n
        while j < n {
            if s[j] == UInt8(ascii: "`") {
                let run = Self.runLength(s, at: j)
                if run == count { result = j; break }
                j += run
            } else {
                j += 1
            }
        }
        short[count] = (start, result)
        return result
    }

    private mutating func longRun(in s: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int {
        if long == nil {
            var runs: [Int: (positions: [Int], next: Int)] = [:]
            var j = 0
            while j < s.count {
                guard s[j] == UInt8(ascii: "`") else { j += 1; continue }
                let run = Self.runLength(s, at: j)
                if run >= Self.shortLengths { runs[run, default: ([], 0)].positions.append(j) }
                j += run
            }
            long = runs
        }
        guard var entry = long![count] else { return s.count }
        while entry.next < entry.positions.count, entry.positions[entry.next] < start { entry.next += 1 }
        long![count] = entry
        return entry.next < entry.positions.count ? entry.positions[entry.next] : s.count
    }

    private static func runLength(_ s: UnsafeBufferPointer<UInt8>, at j: Int) -> Int {
        var run = 0
        while j + run < s.count, s[j + run] == UInt8(ascii: "`") { run += 1 }
        return run
    }
}

/// Which `]` closes each `[` of a line (bracket depth, backslash escapes skipped), found in
/// one pass the first time a line asks. Only matched pairs are kept, and at most
/// `maxOpen` brackets wait for their `]` at once (the oldest give way: link texts do not nest
/// that deep), so a line of millions of `[` costs no memory per bracket.
struct BracketPairs {
    private static let maxOpen = 256
    /// Matched pairs, by opening position.
    private var pairs: [(open: Int, close: Int)] = []
    /// The open brackets waiting, as a ring of `maxOpen` slots (allocated on first use).
    private var ring: [Int] = []
    private var ready = false

    mutating func reset() { ready = false }

    mutating func close(of open: Int, in s: UnsafeBufferPointer<UInt8>) -> Int? {
        if !ready { pair(s) }
        var lo = 0, hi = pairs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pairs[mid].open < open { lo = mid + 1 } else { hi = mid }
        }
        return lo < pairs.count && pairs[lo].open == open ? pairs[lo].close : nil
    }

    private mutating func pair(_ s: UnsafeBufferPointer<UInt8>) {
        ready = true
        if ring.isEmpty { ring = Array(repeating: 0, count: Self.maxOpen) }
        if !pairs.isEmpty { pairs.removeAll(keepingCapacity: true) }
        var top = 0, waiting = 0
        var j = 0
        let n = s.count
        var sorted = true
        while j < n {
            switch s[j] {
            case UInt8(ascii: "\\"):
                j += 2
                continue
            case UInt8(ascii: "["):
                ring[top] = j
                top = (top + 1) % Self.maxOpen
                waiting = Swift.min(waiting + 1, Self.maxOpen)
            case UInt8(ascii: "]"):
                if waiting > 0 {
                    top = (top + Self.maxOpen - 1) % Self.maxOpen
                    waiting -= 1
                    if let last = pairs.last, last.open > ring[top] { sorted = false }
                    pairs.append((ring[top], j))
                }
            default:
                break
            }
            j += 1
        }
        if !sorted { pairs.sort { $0.open < $1.open } }
    }
}
