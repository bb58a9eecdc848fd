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
}

/// The error codes of each service, read from its error shapes once per service: the wire code
/// (`error.code`, or the shape name) and the shape name both lead to the shape, as botocore's
/// `shape_for_error_code` does and as hand-written records may name it. Several shapes may share
/// a code (cloudwatch's `DashboardNotFoundError` and `ResourceNotFound` both answer
/// `ResourceNotFound`): the one the operation lists is the one meant.
struct ErrorCodes {
    private var shapesByCode: [String: [String: [String]]] = [:]

    mutating func verdict(code: String, service: Service, operation: Operation) -> ErrorCodeVerdict {
        if !code.isEmpty, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .notChecked(reason: "the error body named no code (botocore then gives the HTTP status as the code)")
        }
        let shapes = shapeNames(code: code, service: service)
        if let listed = shapes.first(where: { s in operation.errors.contains { $0.name == s } }) { return .documented(shape: listed) }
        let shape = shapes.first
        if operation.errors.contains(where: { $0.name == code }) || CommonErrors.codes.contains(code) { return .documented(shape: shape) }
        if operation.errors.isEmpty && service.errorShapes.isEmpty {
            return .notChecked(reason: "the model documents no errors for \(service.name)")
        }
        let listed = operation.errors.isEmpty ? "it documents no errors" : "its errors: " + operation.errors.map(\.name).joined(separator: ", ")
        let message = shape != nil
            ? "error code \(PayloadChecker.quoted(code)) is an error of \(service.name) that \(operation.name) does not document (\(listed))"
            : "error code \(PayloadChecker.quoted(code)) is neither an error \(operation.name) documents (\(listed)) nor one of AWS's common errors"
        return .undocumented(shape: shape, message: message)
    }

    /// The service's error shapes answering this code: by wire code first, then by shape name.
    private mutating func shapeNames(code: String, service: Service) -> [String] {
        if shapesByCode[service.name] == nil {
            var table: [String: [String]] = [:]
            for (name, error) in service.errorShapes { table[error.code ?? name, default: []].append(name) }
            for name in service.errorShapes.keys where !(table[name]?.contains(name) ?? false) { table[name, default: []].append(name) }
            shapesByCode[service.name] = table
        }
        return shapesByCode[service.name]![code] ?? []
    }
}
