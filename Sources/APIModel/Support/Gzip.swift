import CZlib

public struct GzipError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// gzip/zlib decompression through the system zlib (botocore ships its models as `.json.gz`).
public enum Gzip {
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The inflated bytes; content that inflates past `limit` (a gzip bomb) is refused.
    public static func decompress(_ input: [UInt8], limit: Int = FileReading.maximumBytes) throws(GzipError) -> [UInt8] {
        let (output, status) = try inflate(input, upTo: limit + 1, initial: Swift.min(Swift.max(input.count * 6, 4096), limit + 1))
        if output.count > limit {
            throw GzipError(description: "gzip content inflates to more than the \(limit) bytes one input may have (DOCCONFORM_MAX_INPUT_BYTES): not read")
        }
        guard status == Z_STREAM_END else {
            throw GzipError(description: status == Z_BUF_ERROR ? "truncated gzip data" : "corrupt gzip data (zlib status \(status))")
        }
        return output
    }

    /// The first `count` inflated bytes (fewer when the content is shorter), without inflating
    /// the rest; nil when the data is corrupt before that point.
    public static func prefix(_ input: [UInt8], count: Int) -> [UInt8]? {
        guard let (output, status) = try? inflate(input, upTo: count, initial: count) else { return nil }
        guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && !output.isEmpty) else { return nil }
        return output
    }

    /// Inflates until the stream ends, fails, or `maximum` bytes are out (the buffer grows by
    /// doubling from `initial`); returns what came out and zlib's last status.
    private static func inflate(_ input: [UInt8], upTo maximum: Int, initial: Int) throws(GzipError) -> ([UInt8], Int32) {
        var stream = z_stream()
        // 16 + MAX_WBITS: expect a gzip header.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GzipError(description: "zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Swift.max(1, Swift.min(initial, maximum)))
        var produced = 0
        var status: Int32 = Z_OK
        var input = input
        input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while status == Z_OK {
                if produced == output.count {
                    if produced >= maximum { return }
                    output.append(contentsOf: repeatElement(0, count: Swift.min(output.count, maximum - produced)))
                }
                output.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress! + produced
                    stream.avail_out = uInt(outBuf.count - produced)
                    status = zlib_inflate(&stream)
                    produced = outBuf.count - Int(stream.avail_out)
                }
                if status == Z_BUF_ERROR && stream.avail_in > 0 { status = Z_OK }
            }
        }
        output.removeSubrange(produced...)
        return (output, status)
    }

    /// zlib's `inflate` (a name this type's own `inflate` hides).
    private static func zlib_inflate(_ stream: UnsafeMutablePointer<z_stream>) -> Int32 {
        CZlib.inflate(stream, Z_NO_FLUSH)
    }
}
