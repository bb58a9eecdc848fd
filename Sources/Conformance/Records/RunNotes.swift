import APIModel

/// What a run could not settle for certain records, said once at the end as warnings with
/// counts rather than once per record: a recording's name that several services answer to,
/// error codes that could not be judged.
struct RunNotes {
    private struct Shared {
        var file: String
        var services: [String]
        var chosen: [String: Int] = [:]
    }
    private struct Unchecked {
        var file: String
        var reason: String
        var count = 0
    }
    /// By `name.Operation` as the recordings name it.
    private var shared: [String: Shared] = [:]
    private var sharedOrder: [String] = []
    /// By service and reason.
    private var unchecked: [String: Unchecked] = [:]
    private var uncheckedOrder: [String] = []

    /// A recording named `name.operation` that the operation of several services fits by name;
    /// `chosen` is the one whose shape it fits best.
    mutating func sharedName(_ name: String, operation: String, services: [String], chosen: String, file: String) {
        let key = name + "." + operation
        if shared[key] == nil {
            shared[key] = Shared(file: file, services: services)
            sharedOrder.append(key)
        }
        shared[key]!.chosen[chosen, default: 0] += 1
    }

    mutating func errorCodeNotChecked(service: String, reason: String, file: String) {
        let key = service + "\u{0}" + reason
        if unchecked[key] == nil {
            unchecked[key] = Unchecked(file: file, reason: reason)
            uncheckedOrder.append(key)
        }
        unchecked[key]!.count += 1
    }

    /// Adds the notes of records that came after these (checked on another thread): the result
    /// is what one run over both would have noted.
    mutating func append(_ later: RunNotes) {
        for key in later.sharedOrder {
            let s = later.shared[key]!
            if shared[key] == nil {
                shared[key] = Shared(file: s.file, services: s.services)
                sharedOrder.append(key)
            }
            for (service, n) in s.chosen { shared[key]!.chosen[service, default: 0] += n }
        }
        for key in later.uncheckedOrder {
            let u = later.unchecked[key]!
            if unchecked[key] == nil {
                unchecked[key] = Unchecked(file: u.file, reason: u.reason)
                uncheckedOrder.append(key)
            }
            unchecked[key]!.count += u.count
        }
    }

    var log: DiagnosticLog {
        var log = DiagnosticLog()
        for key in sharedOrder {
            let s = shared[key]!
            let chosen = s.chosen.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let names = s.services.count == 2 ? "\(s.services[0]) and \(s.services[1]) both" : s.services.dropLast().joined(separator: ", ") + " and \(s.services.last!) all"
            log.warning(s.file, "\(key): \(names) have this operation; each recording is checked against the service whose shape it fits best (\(chosen))")
        }
        for key in uncheckedOrder {
            let u = unchecked[key]!
            let service = String(key[..<key.firstIndex(of: "\u{0}")!])
            log.warning(u.file, "\(service): the error code of \(u.count) error response\(u.count == 1 ? "" : "s") not checked: \(u.reason)")
        }
        return log
    }
}
