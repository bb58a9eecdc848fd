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

/// What judging error codes needs of a service, read from its error shapes once: the wire code
/// (`error.code`, or the shape name) and the shape name both lead to the shape, as botocore's
/// `shape_for_error_code` does and as hand-written records may name it. Several shapes may share
/// a code (cloudwatch's `DashboardNotFoundError` and `ResourceNotFound` both answer
/// `ResourceNotFound`): the one the operation lists is the one meant. Kept with the plans
/// (`PlanSnapshot`), so that a run with plans from the cache judges codes without reading the
/// service.
struct ServiceErrorCodes: Sendable, Equatable {
    var shapesByCode: [String: [String]] = [:]
    /// The service names its errors by `Error.QueryErrorCode` (see `ErrorCodes.verdict`).
    var byQueryErrorCode = false
    /// The service has error shapes (ec2's model has none: its codes cannot be judged).
    var documentsErrors = false

    init(shapesByCode: [String: [String]], byQueryErrorCode: Bool, documentsErrors: Bool) {
        self.shapesByCode = shapesByCode
        self.byQueryErrorCode = byQueryErrorCode
        self.documentsErrors = documentsErrors
    }

    init(_ service: Service) {
        for (name, error) in service.errorShapes { shapesByCode[error.code ?? name, default: []].append(name) }
        for name in service.errorShapes.keys where !(shapesByCode[name]?.contains(name) ?? false) { shapesByCode[name, default: []].append(name) }
        byQueryErrorCode = service.wire.awsQueryCompatible && !service.errorShapes.values.contains { $0.code != nil }
        documentsErrors = !service.errorShapes.isEmpty
    }
}

/// What an operation's error responses are judged by: its service's error codes and the
/// errors it documents (their shape names, in the model's order).
struct OperationErrors: Sendable {
    var service: String
    var operation: String
    var codes: ServiceErrorCodes
    var documented: [String]
}

/// Every reader of error responses judges codes here: records, placebo recordings and, through
/// `RecordValidator`, the wire decoder, which reads an error's members as the shape this names.
enum ErrorCodes {
    /// The verdict on an error's code, judged as the client names the error. An
    /// awsQueryCompatible service's error (sqs, cloudwatch) carries two codes: botocore makes
    /// the legacy query code of the `x-amzn-query-error` header `Error.Code` and keeps the
    /// protocol's own (`__type`) as `Error.QueryErrorCode`. A service whose error shapes carry
    /// the query codes (cloudwatch's `error.code`) is named by `Code`; one whose shapes state no
    /// codes (sqs: botocore's sqs handler raises the error `QueryErrorCode` names) by
    /// `QueryErrorCode` where the response has one.
    static func verdict(code: String, queryErrorCode: String? = nil, of errors: OperationErrors) -> ErrorCodeVerdict {
        if let query = queryErrorCode, errors.codes.byQueryErrorCode {
            return judge(query, queryErrorCodeOf: code, errors)
        }
        return judge(code, queryErrorCodeOf: nil, errors)
    }

    /// `code` judged; `queryErrorCodeOf` is the response's `Code` when `code` is its `QueryErrorCode`.
    private static func judge(_ code: String, queryErrorCodeOf primary: String?, _ errors: OperationErrors) -> ErrorCodeVerdict {
        if !code.isEmpty, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .notChecked(reason: "the error body named no code (botocore then gives the HTTP status as the code)")
        }
        let documented = errors.documented
        let shapes = errors.codes.shapesByCode[code] ?? []
        if let listed = shapes.first(where: documented.contains) { return .documented(shape: listed) }
        let shape = shapes.first
        if documented.contains(code) || CommonErrors.codes.contains(code) { return .documented(shape: shape) }
        if documented.isEmpty && !errors.codes.documentsErrors {
            return .notChecked(reason: "the model documents no errors for \(errors.service)")
        }
        let listed = documented.isEmpty ? "it documents no errors" : "its errors: " + documented.joined(separator: ", ")
        let subject = primary.map { "QueryErrorCode \(IssueText.quoted(code)) (of error code \(IssueText.quoted($0)))" }
            ?? "error code \(IssueText.quoted(code))"
        let message = shape != nil
            ? "\(subject) is an error of \(errors.service) that \(errors.operation) does not document (\(listed))"
            : "\(subject) is neither an error \(errors.operation) documents (\(listed)) nor one of AWS's common errors"
        return .undocumented(shape: shape, message: message)
    }
}
