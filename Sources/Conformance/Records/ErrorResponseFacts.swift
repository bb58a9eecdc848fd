/// What the `Error` member of an error response says, read before the response is checked
/// (its members may come in any order, and the code decides the shape they are checked
/// against): botocore's `{"Error": {"Code": "...", "Message": "..."}, ...}`.
struct ErrorResponseFacts {
    /// The payload root holds an `Error` member that is an object.
    var hasErrorObject = false
    /// `Error.Code` when it is a string.
    var code: String?
    /// `Error.QueryErrorCode` when it is a string: the protocol's own code of a query-compatible
    /// service's error, whose `Code` is the legacy query code (see `ErrorCodes.verdict`).
    var queryErrorCode: String?
    /// Problems with `Error` itself (a code that is not a string, a message that is not one).
    var issues: [ValidationIssue] = []
}

extension PayloadChecker {
    /// Reads the `Error` member of the object at the lexer's position and puts the lexer back.
    /// Malformed JSON stops the reading quietly: the check that follows reports it.
    func errorResponseFacts() -> ErrorResponseFacts {
        var facts = ErrorResponseFacts()
        let saved = lexer.pos
        defer { lexer.pos = saved }
        do throws(MalformedJSON) {
            lexer.skipWhitespace()
            guard lexer.byte == 0x7B else { return facts }
            lexer.pos += 1
            lexer.skipWhitespace()
            if lexer.byte == 0x7D { return facts }
            while true {
                let key = try lexer.scanKey()
                if !facts.hasErrorObject, keyEquals(key, "Error"), lexer.byte == 0x7B {
                    facts.hasErrorObject = true
                    try readErrorObject(into: &facts)
                } else if !facts.hasErrorObject, keyEquals(key, "Error"), lexer.byte != 0x6E {
                    // null counts as absent (the check reports it as missing)
                    facts.issues.append(ValidationIssue(path: "Error", code: .type, message: "expected object, got \(jsonTypeName())"))
                    try skip()
                } else {
                    try skip()
                }
                guard try lexer.nextItem(closing: 0x7D) else { break }
            }
        } catch {}
        return facts
    }

    /// At the `{` of `Error`: `Code` must be a string (its absence is reported by the check,
    /// which finds no code), `Message` a string where given.
    private func readErrorObject(into facts: inout ErrorResponseFacts) throws(MalformedJSON) {
        lexer.pos += 1
        lexer.skipWhitespace()
        var sawCode = false
        if lexer.byte != 0x7D {
            while true {
                let key = try lexer.scanKey()
                if lexer.literal("null") {
                    // null counts as absent
                } else if !sawCode, keyEquals(key, "Code") {
                    sawCode = true
                    if lexer.byte == 0x22 {
                        facts.code = try scanStringValue()
                    } else {
                        facts.issues.append(ValidationIssue(path: "Error.Code", code: .type, message: "expected string, got \(jsonTypeName())"))
                        try skip()
                    }
                } else if facts.queryErrorCode == nil, keyEquals(key, "QueryErrorCode"), lexer.byte == 0x22 {
                    facts.queryErrorCode = try scanStringValue()
                } else if keyEquals(key, "Message"), lexer.byte != 0x22 {
                    facts.issues.append(ValidationIssue(path: "Error.Message", code: .type, message: "expected string, got \(jsonTypeName())"))
                    try skip()
                } else {
                    try skip()
                }
                guard try lexer.nextItem(closing: 0x7D) else { break }
            }
        } else {
            lexer.pos += 1
        }
        if !sawCode { facts.issues.append(ValidationIssue(path: "Error.Code", code: .required, message: "missing required member Code")) }
    }

    /// The string at the lexer's position, escapes resolved.
    func scanStringValue() throws(MalformedJSON) -> String {
        IssueText.string(try lexer.scanString(), record: lexer.p)
    }

    /// A scanned key equals a name, escapes resolved.
    func keyEquals(_ key: ScannedString, _ name: StaticString) -> Bool {
        let bytes = contentBytes(key)
        return bytes.count == name.utf8CodeUnitCount && (bytes.isEmpty || memcmpBytes(name.utf8Start, bytes.baseAddress!, bytes.count))
    }
}
