/// JUnit XML for CI: suites of test cases, each passing or with failures. Generic: the
/// validator turns records into cases, the doc report turns pages or checks into cases.
public struct JUnitFailure: Sendable {
    public var type: String
    public var message: String
    public var details: String
    public init(type: String, message: String, details: String = "") {
        self.type = type
        self.message = message
        self.details = details
    }
}

public struct JUnitTestCase: Sendable {
    public var name: String
    public var className: String
    public var file: String?
    public var line: Int?
    public var failures: [JUnitFailure]
    /// Notes that do not fail the case (warnings, the changes a case lists).
    public var systemOut: String?
    public init(name: String, className: String, file: String? = nil, line: Int? = nil, failures: [JUnitFailure] = [], systemOut: String? = nil) {
        self.name = name
        self.className = className
        self.file = file
        self.line = line
        self.failures = failures
        self.systemOut = systemOut
    }
}

public struct JUnitSuite: Sendable {
    public var name: String
    public var cases: [JUnitTestCase]
    /// The file the suite is about (a snapshot folder, a document).
    public var file: String?
    public init(name: String, cases: [JUnitTestCase], file: String? = nil) {
        self.name = name
        self.cases = cases
        self.file = file
    }
}

public enum JUnitWriter {
    /// `caseLocations: false` leaves out the `file`/`line` attributes of test cases, which
    /// GitLab reads but the Jenkins/xunit schema (junit-10.xsd) does not allow; callers then
    /// put the location in the case name.
    public static func xml(suites: [JUnitSuite], name: String = "docconform", caseLocations: Bool = true) -> [UInt8] {
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.cases.filter { !$0.failures.isEmpty }.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for suite in suites {
            let f = suite.cases.filter { !$0.failures.isEmpty }.count
            let file = suite.file.map { " file=\"\(escape($0))\"" } ?? ""
            out += "  <testsuite name=\"\(escape(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(f)\" errors=\"0\" skipped=\"0\"\(file)>\n"
            for c in suite.cases {
                var attrs = "name=\"\(escape(c.name))\" classname=\"\(escape(c.className))\""
                if caseLocations, let file = c.file { attrs += " file=\"\(escape(file))\"" }
                if caseLocations, let line = c.line { attrs += " line=\"\(line)\"" }
                if c.failures.isEmpty && c.systemOut == nil {
                    out += "    <testcase \(attrs)/>\n"
                    continue
                }
                out += "    <testcase \(attrs)>\n"
                for failure in c.failures {
                    out += "      <failure type=\"\(escape(failure.type))\" message=\"\(escape(failure.message))\">\(escape(failure.details))</failure>\n"
                }
                if let text = c.systemOut { out += "      <system-out>\(escape(text))</system-out>\n" }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return Array(out.utf8)
    }

    /// XML text/attribute escaping; characters XML 1.0 cannot carry become U+FFFD.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
