extension PayloadChecker {
    /// One open object or array of a document value.
    private struct DocumentFrame {
        /// `}` or `]`.
        var closing: UInt8
        /// Where the object's keys start in `mapKeys`.
        var keyBase: Int
        var items = 0
        var index: [UInt64: [Int]]? = nil
    }

    /// A `document` value accepts any JSON. It is walked without recursion rather than skipped,
    /// so that a key given twice in one of its objects is reported at its path (as in any other
    /// object) and nesting deeper than `maximumDepth` is reported like nesting elsewhere.
    func document() throws(MalformedJSON) {
        guard lexer.byte == 0x7B || lexer.byte == 0x5B else { return try skip() }
        let basePath = path.count, baseKeys = mapKeys.count, baseDepth = depth
        defer {
            path.count = basePath
            mapKeys.count = baseKeys
            depth = baseDepth
        }
        var frames: [DocumentFrame] = []
        while true {
            // At a value.
            lexer.skipWhitespace()
            let b = lexer.byte
            if b == 0x7B || b == 0x5B {
                if depth >= Self.maximumDepth {
                    reportTooDeep(at: lexer.pos)
                    try skip(boundingDepth: false)
                } else {
                    lexer.pos += 1
                    lexer.skipWhitespace()
                    let closing: UInt8 = b == 0x7B ? 0x7D : 0x5D
                    if lexer.byte == closing {
                        lexer.pos += 1
                    } else {
                        depth += 1
                        frames.append(DocumentFrame(closing: closing, keyBase: mapKeys.count))
                        if closing == 0x7D {
                            try documentKey(&frames[frames.count - 1])
                        } else {
                            path.push(PathComponent(kind: .index, indexOrOffset: 0, keyLength: 0, escaped: false))
                        }
                        continue
                    }
                }
            } else {
                try skip()
            }
            // After a value: the next item, or close containers.
            while let top = frames.last {
                if try lexer.nextItem(closing: top.closing) {
                    if top.closing == 0x7D {
                        path.pop()
                        try documentKey(&frames[frames.count - 1])
                    } else {
                        frames[frames.count - 1].items += 1
                        path[path.count - 1].indexOrOffset = frames[frames.count - 1].items
                    }
                    break
                }
                path.pop()
                mapKeys.count = top.keyBase
                depth -= 1
                frames.removeLast()
            }
            if frames.isEmpty { return }
        }
    }

    /// An object member's key inside a document: onto the path, checked against the object's
    /// earlier keys.
    private func documentKey(_ frame: inout DocumentFrame) throws(MalformedJSON) {
        let key = try lexer.scanKey()
        path.push(PathComponent(kind: .rawKey, indexOrOffset: key.start, keyLength: key.end - key.start, escaped: key.hasEscapes))
        if isRepeatedKey(key, keyBase: frame.keyBase, index: &frame.index) { report(.duplicate, "key appears more than once") }
    }
}
