import APIModel

/// An operation's input or output as a nested list: member, type, required, constraints and
/// enum values; recursion (`ref` nodes) links to the service's shared shapes.
struct ShapeTreeHTML {
    let service: Service
    /// Enum values shown before the rest folds away; the longest enums (EC2 instance types)
    /// are cut after `enumCap` with a pointer to model.json.
    var enumInline = 8
    var enumCap = 80

    func root(_ shape: Shape?) -> String {
        guard let shape else { return "<p class=\"none\">nothing</p>" }
        let resolved = service.resolve(shape) ?? shape
        if resolved.members.isEmpty, resolved.type == .structure || resolved.type == .union {
            return "<p class=\"none\">no members</p>"
        }
        var out = ""
        if shape.isRef { out += refLink(shape.ref!) }
        out += members(of: resolved, root: true)
        return out
    }

    func members(of shape: Shape, root: Bool = false) -> String {
        var out = "<ul class=\"tree\(root ? " root" : "")\">"
        for (name, member) in shape.members {
            out += "<li>" + line(name: name, member, required: shape.isRequired(name)) + children(member) + "</li>"
        }
        return out + "</ul>"
    }

    /// The member's own line: name, type, badges, constraints, enum.
    func line(name: String?, _ shape: Shape, required: Bool) -> String {
        var out = name.map { "<span class=\"m\">\(HTML.escape($0))</span>" } ?? ""
        out += "<span class=\"t\">\(HTML.escape(typeText(shape)))</span>"
        if required { out += " " + HTML.badge("required", "req") }
        if shape.deprecated { out += " " + HTML.badge("deprecated", "dangerous") }
        if let ref = shape.ref { out += refLink(ref) }
        out += facts(shape)
        return out
    }

    func children(_ shape: Shape) -> String {
        guard !shape.isRef, let type = shape.type else { return "" }
        switch type {
        case .structure, .union:
            return shape.members.isEmpty ? "" : members(of: shape)
        case .list:
            guard let member = shape.member, needsChildren(member) else { return "" }
            return "<ul class=\"tree\"><li>" + line(name: "[ ]", member, required: false) + children(member) + "</li></ul>"
        case .map:
            guard let value = shape.value else { return "" }
            var out = "<ul class=\"tree\">"
            if let key = shape.key, key.enumValues != nil || key.pattern != nil {
                out += "<li>" + line(name: "{key}", key, required: false) + "</li>"
            }
            if needsChildren(value) { out += "<li>" + line(name: "{ }", value, required: false) + children(value) + "</li>" }
            return out + "</ul>"
        default:
            return ""
        }
    }

    /// Lists of plain strings say it all on their own line.
    func needsChildren(_ shape: Shape) -> Bool {
        if shape.isRef { return true }
        switch shape.type {
        case .structure?, .union?, .list?, .map?: return true
        default: return shape.enumValues != nil || shape.min != nil || shape.max != nil || shape.pattern != nil
        }
    }

    func typeText(_ shape: Shape) -> String {
        if let ref = shape.ref { return service.shapes[ref]?.type?.rawValue ?? "structure" }
        guard let type = shape.type else { return "?" }
        switch type {
        case .list: return "list of " + (shape.member.map(typeText) ?? "?")
        case .map: return "map " + (shape.key.map(typeText) ?? "string") + " → " + (shape.value.map(typeText) ?? "?")
        case .structure, .union:
            return (type == .union ? "union" : "structure") + (shape.name.map { " " + $0 } ?? "")
        default: return type.rawValue
        }
    }

    func facts(_ shape: Shape) -> String {
        var parts: [String] = []
        let isLength = shape.type == .string || shape.type == .blob
        let isCount = shape.type == .list || shape.type == .map
        if shape.min != nil || shape.max != nil {
            let label = isLength ? "length" : isCount ? "items" : "range"
            parts.append("\(label) \(shape.min?.literal ?? "…")–\(shape.max?.literal ?? "…")")
        }
        if let pattern = shape.pattern { parts.append("pattern <code>\(HTML.escape(pattern))</code>") }
        if shape.streaming { parts.append("streaming") }
        if shape.eventstream { parts.append("event stream") }
        var out = parts.isEmpty ? "" : "<span class=\"k\">" + parts.joined(separator: " · ") + "</span>"
        if let values = shape.enumValues { out += enumHTML(values) }
        return out
    }

    func enumHTML(_ values: [String]) -> String {
        let shown = values.prefix(enumInline).map(HTML.escape).joined(separator: " | ")
        guard values.count > enumInline else { return "<span class=\"e\">\(shown)</span>" }
        let rest = values.dropFirst(enumInline).prefix(enumCap - enumInline).map(HTML.escape).joined(separator: " | ")
        let cut = values.count > enumCap ? " … and \(values.count - enumCap) more (all in model.json)" : ""
        return "<span class=\"e\">\(shown) <details><summary>+\(values.count - enumInline) more</summary>\(rest)\(cut)</details></span>"
    }

    func refLink(_ name: String) -> String {
        "<a class=\"ref\" href=\"#\(HTML.id("shape", service.name, name))\">↻ \(HTML.escape(name))</a>"
    }

    /// The service's shared (recursive) shapes, each once.
    func sharedShapes() -> String {
        guard !service.shapes.isEmpty else { return "" }
        var out = "<details class=\"op shared\" data-name=\"shared shapes\"><summary><span class=\"opname\">Recursive shapes</span><span class=\"docline\">\(service.shapes.count) shape(s) that refer to themselves; ↻ links lead here</span></summary><div class=\"op-body\">"
        for (name, shape) in service.shapes {
            out += "<div class=\"side\" id=\"\(HTML.id("shape", service.name, name))\"><h4>\(HTML.escape(name))</h4>"
            out += "<ul class=\"tree root\"><li>" + line(name: nil, shape, required: false) + children(shape) + "</li></ul></div>"
        }
        return out + "</div></details>"
    }
}
