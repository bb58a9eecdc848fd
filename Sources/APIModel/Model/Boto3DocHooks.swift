/// What botocore's documentation hooks change between a service model and the boto3 pages
/// generated from it (botocore `handlers.py`): parameter aliases, hidden parameters, and
/// parameters boto3 fills in itself (shown without `[REQUIRED]` and left out of the request
/// syntax). Applied to a botocore model, it gives the API as boto3 documents and accepts
/// it, so the two can be compared.
public enum Boto3DocHooks {
    /// (service, operation or "*", original name, alias): `ec2.*.Filter` is documented as `Filters`.
    static let aliases: [(String, String, String, String)] = [
        ("ec2", "*", "Filter", "Filters"),
        ("logs", "CreateExportTask", "from", "fromTime"),
        ("cloudsearchdomain", "Search", "return", "returnFields"),
    ]
    /// Top-level request parameters removed from the pages.
    static let hidden: [(String, [String], String)] = [
        ("s3", ["DeleteObjects", "PutBucketAcl", "PutBucketCors", "PutBucketLifecycle", "PutBucketLogging",
                "PutBucketNotification", "PutBucketPolicy", "PutBucketReplication", "PutBucketRequestPayment",
                "PutBucketTagging", "PutBucketVersioning", "PutBucketWebsite", "PutObjectAcl"], "ContentMD5"),
    ]
    /// Top-level request parameters boto3 populates: never required on the pages.
    static let autoPopulated: [(String, String, String)] = [
        ("glacier", "*", "accountId"),
        ("glacier", "UploadArchive", "checksum"),
        ("glacier", "UploadMultipartPart", "checksum"),
        ("ec2", "CopySnapshot", "PresignedUrl"),
        ("ec2", "CopySnapshot", "DestinationRegion"),
        ("s3", "*", "SSECustomerKeyMD5"),
        ("s3", "*", "CopySourceSSECustomerKeyMD5"),
    ]

    /// The model as boto3's pages present it.
    public static func apply(to model: Model) -> Model {
        var copy = model
        for key in copy.services.keys {
            var service = copy.services[key]!
            for opName in service.operations.keys {
                var op = service.operations[opName]!
                if var input = op.input {
                    apply(service: key, operation: opName, to: &input)
                    op.input = input
                }
                if key == "cloudformation", opName == "GetTemplate", var output = op.output, output.members["TemplateBody"] != nil {
                    // botocore documents the template body as a dict with no members.
                    output.members["TemplateBody"] = Shape(type: .structure)
                    op.output = output
                }
                if key == "s3", var output = op.output, let expires = output.members.index(forKey: "Expires"),
                   output.members["ExpiresString"] == nil {
                    // botocore's document_expires_shape adds a synthetic `ExpiresString` after `Expires`.
                    output.members.updateValue(Shape(type: .string), forKey: "ExpiresString", insertingAt: expires + 1)
                    op.output = output
                }
                service.operations[opName] = op
            }
            copy.services[key] = service
        }
        return copy
    }

    static func apply(service: String, operation: String, to input: inout Shape) {
        for (s, op, original, alias) in aliases where s == service && (op == "*" || op == operation) {
            guard let member = input.members[original], input.members[alias] == nil else { continue }
            input.members.rename(original, to: alias, value: member)
            input.required = input.required.map { $0 == original ? alias : $0 }
        }
        for (s, ops, name) in hidden where s == service && ops.contains(operation) {
            input.members[name] = nil
            input.required.removeAll { $0 == name }
        }
        for (s, op, name) in autoPopulated where s == service && (op == "*" || op == operation) {
            input.required.removeAll { $0 == name }
        }
    }
}
