/// Which waiting stretch a side-by-side lane takes next. Each lane compiles plans of its own,
/// and an operation's plan brings its service's shared shapes and patterns with it: a file in
/// service order, cut into stretches that went to the lanes in turn, had every lane compile
/// nearly every service. So a service belongs to the lane that took it first, and a lane takes
/// the oldest waiting stretch that begins with one of its services, else the oldest that begins
/// with a service no lane has, else the oldest (no lane waits while there is work).
struct ServiceAffinity {
    /// The lane each service went to first, by `ServiceHints.serviceKey` (0, no service found,
    /// belongs to no lane).
    private var owners: [UInt64: Int] = [:]

    /// How many waiting stretches a lane looks over: results are handed on in input order, so
    /// a stretch passed over keeps the ones after it waiting.
    static let lookAhead = 8

    /// The index among `firstServices` (the waiting stretches' first services, oldest first) of
    /// the stretch `lane` takes.
    func choice(for lane: Int, firstServices: some Collection<UInt64>) -> Int {
        var unowned: Int?
        for (k, service) in firstServices.prefix(Self.lookAhead).enumerated() {
            guard service != 0, let owner = owners[service] else {
                unowned = unowned ?? k
                continue
            }
            if owner == lane { return k }
        }
        return unowned ?? 0
    }

    /// Gives `lane` the services of a stretch it took that no lane has yet.
    mutating func claim(first: UInt64, last: UInt64, for lane: Int) {
        if first != 0 && owners[first] == nil { owners[first] = lane }
        if last != 0 && owners[last] == nil { owners[last] = lane }
    }
}
