import APIModel

/// Placebo recordings: `[prefix.]<endpoint prefix>.<Operation>_<n>.json` holding
/// `{"status_code": N, "data": {...}}`, where `data` is what botocore parsed from the response
/// (placebo's `Pill.save_response`). A status of 300 or more (botocore raises a `ClientError`
/// from 300 on) or an `Error` object the operation's output does not define makes it an error
/// response, checked against the operation's errors; anything else is the operation's output.
extension RecordValidator {
    /// What the recording's top level holds.
    private struct PlaceboEnvelope {
        var status: Int?
        var data: Int?
        /// Keys of a docconform record (`payload`, `service`, ...): a file named like a recording
        /// but written as a record is read as a record.
        var recordKeys = false
        var issues: [ValidationIssue] = []
    }

    /// The recording's result, or nil when the file is a docconform record after all.
    func validatePlacebo(_ bytes: UnsafeBufferPointer<UInt8>, file: String, origin: PlaceboOrigin) -> RecordResult? {
        checker.begin(record: bytes, placebo: true)
        defer { checker.placebo = false }
        var record = RecordResult(service: origin.service, operation: origin.operation, direction: .response, file: file, line: 1)
        var envelope = PlaceboEnvelope()
        do throws(MalformedJSON) {
            var reader = JSONLexer(bytes)
            envelope = try readPlaceboEnvelope(&reader)
        } catch {
            checker.issues.append(ValidationIssue(path: "", code: .malformed, message: "malformed JSON at byte \(error.offset): \(error.reason)"))
            finish(&record, envelopeIssues: [], file: file, line: 1, byteCount: bytes.count)
            return record
        }
        // Issues found beside `data` (a NaN in another field) belong to the envelope.
        envelope.issues += checker.issues
        checker.issues.removeAll(keepingCapacity: true)
        if envelope.recordKeys && envelope.data == nil { return nil }
        guard let data = envelope.data else {
            envelope.issues.append(ValidationIssue(path: "", code: .record, message: "a placebo recording holds its response in \"data\"; this one has none"))
            finish(&record, envelopeIssues: envelope.issues, file: file, line: 1, byteCount: bytes.count)
            return record
        }
        guard let (name, candidates) = services(for: origin, issues: &envelope.issues) else {
            finish(&record, envelopeIssues: envelope.issues, file: file, line: 1, byteCount: bytes.count)
            return record
        }
        // Each service the name stands for that has the operation; several (elb and elbv2 both
        // have DescribeLoadBalancers) are told apart by the one the response fits best.
        checker.seek(to: data)
        let facts = checker.errorResponseFacts()
        var best: (service: String, direction: Direction, issues: [ValidationIssue])?
        for service in candidates {
            checker.issues.removeAll(keepingCapacity: true)
            checker.seek(to: data)
            let direction = isErrorResponse(status: envelope.status, facts: facts, service: service, operation: origin.operation) ? Direction.error : .response
            do throws(MalformedJSON) {
                if direction == .error {
                    try checkErrorResponse(service: service, operation: origin.operation, file: file)
                } else if case let .found(roots) = plan.roots(service: service, operation: origin.operation) {
                    try checker.check(root: roots.output)
                }
            } catch {
                checker.issues.append(ValidationIssue(path: "", code: .malformed, message: "malformed JSON at byte \(error.offset): \(error.reason)"))
            }
            if best == nil || checker.issues.count < best!.issues.count {
                best = (service, direction, checker.issues)
            }
        }
        if candidates.count > 1 {
            notes.sharedName(name, operation: origin.operation, services: candidates, chosen: best!.service, file: file)
        }
        checker.issues = best!.issues
        finish(&record, envelopeIssues: envelope.issues, file: file, line: 1, byteCount: bytes.count)
        record.service = best!.service
        record.direction = best!.direction
        return record
    }

    /// `status_code` and `data` (each once), noting keys of a docconform record.
    private func readPlaceboEnvelope(_ reader: inout JSONLexer) throws(MalformedJSON) -> PlaceboEnvelope {
        var envelope = PlaceboEnvelope()
        var sawStatus = false
        reader.skipWhitespace()
        guard reader.byte == 0x7B else {
            throw reader.fail(reader.atEnd ? "empty record" : "a placebo recording must be a JSON object")
        }
        reader.pos += 1
        reader.skipWhitespace()
        if reader.byte == 0x7D {
            reader.pos += 1
        } else {
            while true {
                let key = try reader.scanKey()
                if checker.keyEquals(key, "data") {
                    if envelope.data != nil {
                        envelope.issues.append(ValidationIssue(path: "", code: .duplicate, message: "record field \"data\" appears more than once"))
                    } else {
                        envelope.data = reader.pos
                    }
                    // Syntax only: what the data holds is reported when it is checked.
                    let reported = checker.issues.count
                    try checker.skip(at: &reader)
                    if checker.issues.count > reported { checker.issues.removeLast(checker.issues.count - reported) }
                } else if checker.keyEquals(key, "status_code") {
                    if sawStatus {
                        envelope.issues.append(ValidationIssue(path: "", code: .duplicate, message: "record field \"status_code\" appears more than once"))
                        try checker.skip(at: &reader)
                    } else if reader.byte == 0x2D || (reader.byte >= 0x30 && reader.byte <= 0x39) {
                        let n = try reader.scanNumber()
                        if n.plainInteger && !n.overflow { envelope.status = Int(n.intValue) }
                        else { envelope.issues.append(ValidationIssue(path: "", code: .record, message: "status_code \(String(decoding: IssueText.number(n, record: reader.p), as: UTF8.self)) is not an HTTP status")) }
                    } else {
                        envelope.issues.append(ValidationIssue(path: "", code: .record, message: "status_code must be a number, got \(PayloadChecker.jsonTypeName(reader.byte))"))
                        try checker.skip(at: &reader)
                    }
                    sawStatus = true
                } else {
                    envelope.recordKeys = envelope.recordKeys || checker.keyEquals(key, "payload") || checker.keyEquals(key, "service")
                        || checker.keyEquals(key, "operation") || checker.keyEquals(key, "direction")
                    try checker.skip(at: &reader)
                }
                guard try reader.nextItem(closing: 0x7D, inside: "the record") else { break }
            }
        }
        reader.skipWhitespace()
        if !reader.atEnd { throw reader.fail("data after the end of the record") }
        return envelope
    }

    /// The services with the recording's operation that its name stands for, best match first;
    /// nil with an `operation` issue when there is none.
    private func services(for origin: PlaceboOrigin, issues: inout [ValidationIssue]) -> (name: String, services: [String])? {
        guard let (name, named) = directory.services(forHead: Substring(origin.service)) else {
            issues.append(ValidationIssue(path: "", code: .operation, message: "service \(IssueText.quoted(origin.service)) is not in the model (no service has this name, endpoint prefix or signing name)"))
            return nil
        }
        let having = named.filter { plan.hasOperation(service: $0, operation: origin.operation) }
        guard !having.isEmpty else {
            let services = named == [name] ? "service \(name)" : "\(named.count == 1 ? "service" : "services") \(named.joined(separator: ", ")) (\(IssueText.quoted(name)))"
            issues.append(ValidationIssue(path: "", code: .operation, message: "operation \(IssueText.quoted(origin.operation)) is not in \(services)"))
            return nil
        }
        return (name, having)
    }

    /// botocore's rule: a status of 300 or more raises a `ClientError` carrying the parsed error.
    /// Without one, an `Error` object the operation's output has no member for (33 outputs do:
    /// amplifybackend's jobs, redshift-data's statements) marks a recorded error.
    private func isErrorResponse(status: Int?, facts: ErrorResponseFacts, service: String, operation: String) -> Bool {
        if let status, status >= 300 { return true }
        guard facts.hasErrorObject else { return false }
        // Read from the output's plan (from the cache where it holds it), not the service.
        return !plan.outputHasMember(service: service, operation: operation, "Error")
    }
}
