extension Substring {
    /// Without leading and trailing space as `TextSpace` counts it (U+0020, tab, U+00A0), as a
    /// slice: nothing is copied. Scans UTF-8 bytes, since readers call it on every line.
    var trimmingTextSpace: Substring {
        let u = utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi {
            let b = u[lo]
            if b == 0x20 || b == 0x09 { lo = u.index(after: lo); continue }
            if b == 0xC2 {
                let next = u.index(after: lo)
                if next < hi, u[next] == 0xA0 { lo = u.index(after: next); continue }
            }
            break
        }
        while hi > lo {
            let last = u.index(before: hi)
            let b = u[last]
            if b == 0x20 || b == 0x09 { hi = last; continue }
            if b == 0xA0, last > lo, u[u.index(before: last)] == 0xC2 { hi = u.index(before: last); continue }
            break
        }
        return self[lo..<hi]
    }
}

extension String {
    /// Without leading and trailing space (`TextSpace`), as a slice.
    var trimmingTextSpace: Substring { self[...].trimmingTextSpace }
}
