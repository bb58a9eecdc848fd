import APIModel
import Conformance

/// HAR files as payload files of `docconform validate`: each entry gives a request record
/// and, when it has a response, a response record, located at the entry's line.
public enum HARPayloads {
    /// The extension of the files this reader reads (`PayloadFiles.readers`' key).
    public static let fileExtension = "har"

    public static func reader(model: Model, plan: ValidationPlan) -> PayloadFiles.FileReader {
        reader(model: { model }, plan: plan)
    }

    /// - Parameter model: the whole model, asked for when the first HAR file comes (telling an
    ///   exchange's service from its request looks at every service).
    public static func reader(model: @escaping () -> Model, plan: ValidationPlan) -> PayloadFiles.FileReader {
        var made: WireValidator?
        return { file, bytes, log, emit in
            let validator = made ?? WireValidator(model: model(), plan: plan)
            made = validator
            var notes: [(line: Int, text: String)] = []
            do throws(HARReader.NotHAR) {
                try HARReader.read(bytes, file: file, log: &log) { entry in
                    let result = validator.validate(entry.exchange, file: file, line: entry.line, id: "entries[\(entry.index)]")
                    for note in result.notes { notes.append((entry.line, "entries[\(entry.index)] (\(result.service ?? "?") \(result.operation ?? "?")): \(note)")) }
                    if let r = result.request { emit(r) }
                    if let r = result.response { emit(r) }
                }
            } catch {
                log.error(file, error.description)
                return false
            }
            for n in notes { log.warning(file, line: n.line, n.text) }
            log.append(contentsOf: validator.takeRunDiagnostics())
            return true
        }
    }
}
