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
    public init(name: String, className: String, file: String? = nil, line: Int? = nil, failures: [JUnitFailure] = []) {
        self.name = name
        self.className = className
        self.file = file
        self.line = line
        self.failures = failures
    }
}

public struct JUnitSuite: Sendable {
    public var name: String
    public var cases: [JUnitTestCase]
    public init(name: String, cases: [JUnitTestCase]) {
        self.name = name
        self.cases = cases
    }
}

public enum JUnitWriter {
    public static func xml(suites: [JUnitSuite], name: String = "docconform") -> [UInt8] {
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.cases.filter { !$0.failures.isEmpty }.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for suite in suites {
            let f = suite.cases.filter { !$0.failures.isEmpty }.count
            out += "  <testsuite name=\"\(escape(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(f)\" errors=\"0\" skipped=\"0\">\n"
            for c in suite.cases {
                var attrs = "name=\"\(escape(c.name))\" classname=\"\(escape(c.className))\""
                if let file = c.file { attrs += " file=\"\(escape(file))\"" }
                if let line = c.line { attrs += " line=\"\(line)\"" }
                if c.failures.isEmpty {
                    out += "    <testcase \(attrs)/>\n"
                    continue
                }
                out += "    <testcase \(attrs)>\n"
                for failure in c.failures {
                    out += "      <failure type=\"\(escape(failure.type))\" message=\"\(escape(failure.message))\">\(escape(failure.details))</failure>\n"
                }
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
