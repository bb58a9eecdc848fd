import APIModel
import ChangeRecords
import ArgumentParser
import Differ

/// `--quiet`, shared by every command that reports on standard error.
struct ConsoleOptions: ParsableArguments {
    @Flag(help: "No progress or summary on standard error.")
    var quiet = false
}

/// `--format` of `diff` and `changes`: the diff renderers.
extension DiffFormat: ExpressibleByArgument {}

/// `--fail-on` of `diff` and `report`: the lowest severity that fails the run.
enum FailOnLevel: String, ExpressibleByArgument, CaseIterable {
    case breaking, dangerous, any

    /// `info` is accepted as another name for `any`.
    init?(argument: String) {
        self.init(rawValue: argument == "info" ? "any" : argument)
    }

    var severity: Severity {
        switch self {
        case .breaking: return .breaking
        case .dangerous: return .dangerous
        case .any: return .info
        }
    }
}
