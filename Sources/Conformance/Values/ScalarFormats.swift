/// The string encodings of JSON-less types (spec/formats.md §3): RFC 3339 timestamps and
/// strict base64 blobs, checked over raw UTF-8 bytes.
enum ScalarFormats {
    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t`/`z` accepted as RFC 3339 allows.
    static func isRFC3339(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        guard n >= 20 else { return false }
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= n else { return nil }
            var v = 0
            for i in at..<(at + count) {
                let d = Int(s[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = digits(0, 4), s[4] == 0x2D, let month = digits(5, 2), s[7] == 0x2D, let day = digits(8, 2),
              s[10] == 0x54 || s[10] == 0x74,
              let hour = digits(11, 2), s[13] == 0x3A, let minute = digits(14, 2), s[16] == 0x3A, let second = digits(17, 2)
        else { return false }
        guard month >= 1 && month <= 12, hour <= 23, minute <= 59, second <= 60 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day >= 1 && day <= days else { return false }
        var i = 19
        if i < n, s[i] == 0x2E {
            i += 1
            let start = i
            while i < n, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
            guard i > start else { return false }
        }
        guard i < n else { return false }
        if s[i] == 0x5A || s[i] == 0x7A { return i + 1 == n }
        guard s[i] == 0x2B || s[i] == 0x2D, i + 6 == n, let oh = digits(i + 1, 2), s[i + 3] == 0x3A, let om = digits(i + 4, 2)
        else { return false }
        return oh <= 23 && om <= 59
    }

    /// The decoded length of strict base64 (padding required, no whitespace), or nil.
    static func base64DecodedLength(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = s.count
        guard n % 4 == 0 else { return nil }
        if n == 0 { return 0 }
        var padding = 0
        if s[n - 1] == 0x3D { padding = 1; if s[n - 2] == 0x3D { padding = 2 } }
        for i in 0..<(n - padding) {
            let c = s[i]
            let ok = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2F
            if !ok { return nil }
        }
        return n / 4 * 3 - padding
    }
}
