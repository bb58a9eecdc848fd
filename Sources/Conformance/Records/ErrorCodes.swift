import APIModel

/// What an error response's `Error.Code` means for its operation, and which of the service's
/// error shapes describes the members the response carries.
enum ErrorCodeVerdict: Equatable {
    /// One of the operation's documented errors, or one of AWS's common errors.
    case documented(shape: String?)
    /// Neither; `shape` is the service's own error shape for the code, when it defines one.
    case undocumented(shape: String?, message: String)
    /// The code cannot be judged: botocore's stand-in for an error body without a code (the
    /// HTTP status as the code), or a service whose model documents no errors at all (ec2).
    case notChecked(reason: String)

    /// The error shape whose members the response carries, when the code has one.
    var shape: String? {
        switch self {
        case let .documented(s), let .undocumented(s, _): s
        case .notChecked: nil
        }
    }
}

/// The error codes of each service, read from its error shapes once per service: the wire code
/// (`error.code`, or the shape name) and the shape name both lead to the shape, as botocore's
/// `shape_for_error_code` does and as hand-written records may name it. Several shapes may share
/// a code (cloudwatch's `DashboardNotFoundError` and `ResourceNotFound` both answer
/// `ResourceNotFound`): the one the operation lists is the one meant. Every reader of error
/// responses judges codes here: records, placebo recordings and, through `RecordValidator`, the
/// wire decoder, which reads an error's members as the shape this names.
struct ErrorCodes {
    private var services: [String: ServiceCodes] = [:]

    private struct ServiceCodes {
        var shapesByCode: [String: [String]] = [:]
        /// The service names its errors by `Error.QueryErrorCode` (see `verdict`).
        var byQueryErrorCode = false
    }

    /// The verdict on an error's code, judged as the client names the error. An
    /// awsQueryCompatible service's error (sqs, cloudwatch) carries two codes: botocore makes
    /// the legacy query code of the `x-amzn-query-error` header `Error.Code` and keeps the
    /// protocol's own (`__type`) as `Error.QueryErrorCode`. A service whose error shapes carry
    /// the query codes (cloudwatch's `error.code`) is named by `Code`; one whose shapes state no
    /// codes (sqs: botocore's sqs handler raises the error `QueryErrorCode` names) by
    /// `QueryErrorCode` where the response has one.
    mutating func verdict(code: String, queryErrorCode: String? = nil, service: Service, operation: Operation) -> ErrorCodeVerdict {
        let codes = codes(of: service)
        if let query = queryErrorCode, codes.byQueryErrorCode {
            return judge(query, queryErrorCodeOf: code, codes: codes, service: service, operation: operation)
        }
        return judge(code, queryErrorCodeOf: nil, codes: codes, service: service, operation: operation)
    }

    /// `code` judged; `queryErrorCodeOf` is the response's `Code` when `code` is its `QueryErrorCode`.
    private func judge(_ code: String, queryErrorCodeOf primary: String?, codes: ServiceCodes, service: Service, operation: Operation) -> ErrorCodeVerdict {
        if !code.isEmpty, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .notChecked(reason: "the error body named no code (botocore then gives the HTTP status as the code)")
        }
        let shapes = codes.shapesByCode[code] ?? []
        if let listed = shapes.first(where: { s in operation.errors.contains { $0.name == s } }) { return .documented(shape: listed) }
        let shape = shapes.first
        if operation.errors.contains(where: { $0.name == code }) || CommonErrors.codes.contains(code) { return .documented(shape: shape) }
        if operation.errors.isEmpty && service.errorShapes.isEmpty {
            return .notChecked(reason: "the model documents no errors for \(service.name)")
        }
        let listed = operation.errors.isEmpty ? "it documents no errors" : "its errors: " + operation.errors.map(\.name).joined(separator: ", ")
        let subject = primary.map { "QueryErrorCode \(IssueText.quoted(code)) (of error code \(IssueText.quoted($0)))" }
            ?? "error code \(IssueText.quoted(code))"
        let message = shape != nil
            ? "\(subject) is an error of \(service.name) that \(operation.name) does not document (\(listed))"
            : "\(subject) is neither an error \(operation.name) documents (\(listed)) nor one of AWS's common errors"
        return .undocumented(shape: shape, message: message)
    }

    /// The service's error shapes by code (wire code first, then shape name), and how it names its errors.
    private mutating func codes(of service: Service) -> ServiceCodes {
        if let known = services[service.name] { return known }
        var codes = ServiceCodes()
        for (name, error) in service.errorShapes { codes.shapesByCode[error.code ?? name, default: []].append(name) }
        for name in service.errorShapes.keys where !(codes.shapesByCode[name]?.contains(name) ?? false) { codes.shapesByCode[name, default: []].append(name) }
        codes.byQueryErrorCode = service.wire.awsQueryCompatible && !service.errorShapes.values.contains { $0.code != nil }
        services[service.name] = codes
        return codes
    }
}
