/// Values that live until the process ends: a command hands its large model over instead of
/// letting it be freed object by object on the way out (a whole botocore release is millions
/// of objects: 0.2–0.4 s of releases that the operating system does at once when the process
/// exits).
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
