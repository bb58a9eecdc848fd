import APIModel

/// botocore's `xform_name`: API operation names to Python method names
/// (`DescribeDBInstances` → `describe_db_instances`), rule for rule.
public enum BotocoreNames {
    public static func pythonMethodName(_ name: String) -> String {
        if name.utf8.contains(UInt8(ascii: "_")) { return name }
        if let known = knownNames[name] { return known }
        // On UTF-8 bytes: the rules' classes are ASCII, and a byte of a longer character is in
        // none of them (so it never starts or ends a match inside that character).
        var chars = Array(name.utf8)
        // `[A-Z]{2,}s$`: ARNs, ACLs → _arns, _acls
        if chars.last == UInt8(ascii: "s") {
            var j = chars.count - 1
            while j > 0, isUpper(chars[j - 1]) { j -= 1 }
            if chars.count - 1 - j >= 2 {
                chars = Array(chars[..<j]) + [UInt8(ascii: "_")] + chars[j...].map { lower($0) }
            }
        }
        // `(.)([A-Z][a-z]+)` → `\1_\2`
        var s1: [UInt8] = []
        s1.reserveCapacity(chars.count + 8)
        var i = 0
        while i < chars.count {
            if i + 2 < chars.count, chars[i] != UInt8(ascii: "\n"), isUpper(chars[i + 1]), isLower(chars[i + 2]) {
                var end = i + 2
                while end < chars.count, isLower(chars[end]) { end += 1 }
                s1.append(chars[i]); s1.append(UInt8(ascii: "_"))
                s1.append(contentsOf: chars[(i + 1)..<end])
                i = end
            } else {
                s1.append(chars[i]); i += 1
            }
        }
        // `([a-z0-9])([A-Z])` → `\1_\2`, then lower-case everything
        var out: [UInt8] = []
        out.reserveCapacity(s1.count + 8)
        i = 0
        while i < s1.count {
            if i + 1 < s1.count, isLower(s1[i]) || isDigit(s1[i]), isUpper(s1[i + 1]) {
                out.append(s1[i]); out.append(UInt8(ascii: "_")); out.append(lower(s1[i + 1]))
                i += 2
            } else {
                out.append(lower(s1[i])); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUpper(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }
    private static func isLower(_ c: UInt8) -> Bool { c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    private static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c + 32 : c }

    /// botocore's seeded cache: names whose plain transformation would read badly.
    private static let knownNames: [String: String] = [
        "CreateCachediSCSIVolume": "create_cached_iscsi_volume",
        "DescribeCachediSCSIVolumes": "describe_cached_iscsi_volumes",
        "DescribeStorediSCSIVolumes": "describe_stored_iscsi_volumes",
        "CreateStorediSCSIVolume": "create_stored_iscsi_volume",
        "ListHITsForQualificationType": "list_hits_for_qualification_type",
        "ExecutePartiQLStatement": "execute_partiql_statement",
        "ExecutePartiQLTransaction": "execute_partiql_transaction",
        "ExecutePartiQLBatch": "execute_partiql_batch",
        "AssociateWhatsAppBusinessAccount": "associate_whatsapp_business_account",
        "CreateWhatsAppMessageTemplate": "create_whatsapp_message_template",
        "CreateWhatsAppMessageTemplateFromLibrary": "create_whatsapp_message_template_from_library",
        "CreateWhatsAppMessageTemplateMedia": "create_whatsapp_message_template_media",
        "DeleteWhatsAppMessageMedia": "delete_whatsapp_message_media",
        "DeleteWhatsAppMessageTemplate": "delete_whatsapp_message_template",
        "DisassociateWhatsAppBusinessAccount": "disassociate_whatsapp_business_account",
        "GetLinkedWhatsAppBusinessAccount": "get_linked_whatsapp_business_account",
        "GetLinkedWhatsAppBusinessAccountPhoneNumber": "get_linked_whatsapp_business_account_phone_number",
        "GetOTelEnrichment": "get_otel_enrichment",
        "GetWhatsAppMessageMedia": "get_whatsapp_message_media",
        "GetWhatsAppMessageTemplate": "get_whatsapp_message_template",
        "ListLinkedWhatsAppBusinessAccounts": "list_linked_whatsapp_business_accounts",
        "ListWhatsAppMessageTemplates": "list_whatsapp_message_templates",
        "ListWhatsAppTemplateLibrary": "list_whatsapp_template_library",
        "PostWhatsAppMessageMedia": "post_whatsapp_message_media",
        "PutWhatsAppBusinessAccountEventDestinations": "put_whatsapp_business_account_event_destinations",
        "SendWhatsAppMessage": "send_whatsapp_message",
        "StartOTelEnrichment": "start_otel_enrichment",
        "StopOTelEnrichment": "stop_otel_enrichment",
        "UpdateWhatsAppMessageTemplate": "update_whatsapp_message_template",
    ]
}
