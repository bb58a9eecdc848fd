import APIModel
import Conformance

/// An error response's code against the operation's documented errors (their names, or their
/// wire codes where botocore states one) and AWS's common errors, which every operation may
/// return. An operation that documents no errors is not checked: botocore leaves many out.
enum DocumentedErrors {
    /// The errors AWS's "Common Errors" pages list for every service.
    static let common: Set<String> = [
        "AccessDenied", "AccessDeniedException", "ExpiredTokenException", "IncompleteSignature", "InternalFailure",
        "InternalServerError", "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination",
        "InvalidParameterValue", "InvalidQueryParameter", "MalformedQueryString", "MissingAction",
        "MissingAuthenticationToken", "MissingParameter", "NotAuthorized", "OptInRequired", "RequestExpired",
        "RequestTimeout", "ServiceUnavailable", "ThrottlingException", "Throttling", "UnrecognizedClientException",
        "ValidationError", "ValidationException", "SignatureDoesNotMatch", "InvalidSignatureException",
    ]

    static func check(_ error: WireErrorResponse, operation: String, in service: Service?) -> ValidationIssue? {
        guard let op = service?.operations[operation], !op.errors.isEmpty, !error.codeFromStatus else { return nil }
        if common.contains(error.code) { return nil }
        if op.errors.contains(where: { $0.name == error.code || $0.code == error.code }) { return nil }
        let documented = op.errors.map { $0.code ?? $0.name }
        let list = documented.prefix(8).joined(separator: ", ") + (documented.count > 8 ? ", ..." : "")
        return ValidationIssue(path: "", code: .undocumentedError, message: "error code \(DecodeLog.display(error.code)) is not among \(operation)'s documented errors (\(list))")
    }
}
