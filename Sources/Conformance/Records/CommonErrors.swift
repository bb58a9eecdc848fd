/// Error codes any AWS operation may answer with, whatever its own documentation lists: the one
/// list every reader of error responses (parsed records, placebo recordings, the wire) judges by.
///
/// botocore keeps no per-service list of them, so they come from the places AWS and botocore
/// state them for every service:
/// - the "Common Errors" page of every AWS API Reference (`.../APIReference/CommonErrors.html`).
///   Its text is the same for every service and protocol; its current version lists
///   AccessDeniedException ... ValidationError below, its earlier version (still served for
///   some services, Query and JSON ones alike) the Query-era codes from InvalidAction to
///   Throttling;
/// - botocore's standard retry mode (`botocore/retries/standard.py`), which treats these
///   throttling and transient codes as retryable for every service;
/// - the failures a service's front end answers before any operation runs, in the spellings
///   of the protocols that the pages above do not list: the XML protocols' `AccessDenied` and
///   `SignatureDoesNotMatch` (IAM User Guide, "Troubleshoot access denied error messages" and
///   "Troubleshoot signed requests for AWS APIs"), the JSON protocols' `InvalidSignatureException`,
///   `ValidationException` and `InternalServerError` (DynamoDB's "Error handling" lists them
///   as errors of every operation).
public enum CommonErrors {
    public static let codes: Set<String> = [
        // API Reference "Common Errors", current version
        "AccessDeniedException", "ExpiredTokenException", "IncompleteSignature", "InternalFailure",
        "MalformedHttpRequestException", "NotAuthorized", "OptInRequired", "RequestAbortedException",
        "RequestEntityTooLargeException", "RequestExpired", "RequestTimeoutException", "ServiceUnavailable",
        "ThrottlingException", "UnrecognizedClientException", "UnknownOperationException", "ValidationError",
        // API Reference "Common Errors", earlier version
        "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
        "InvalidQueryParameter", "MalformedQueryString", "MissingAction", "MissingAuthenticationToken",
        "MissingParameter", "Throttling",
        // botocore's standard retry mode: throttling and transient error codes
        "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout",
        // front-end failures in the protocols' own spellings
        "AccessDenied", "SignatureDoesNotMatch", "InvalidSignatureException", "ValidationException",
        "InternalServerError",
    ]
}
