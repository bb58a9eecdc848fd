import APIModel

/// Measures how exactly a model read from boto3 pages matches the botocore model the pages
/// were generated from, in everything the pages can state: both sides projected onto the
/// boto3 view, botocore's doc hooks applied to the botocore side, operations compared one
/// by one (members order-insensitive, recursion compared through refs).
public struct RSTFidelity {
    public struct Mismatch: Sendable {
        public var service: String
        public var operation: String
        public var detail: String
    }

    public struct Report: Sendable {
        /// Operations of the pages' model.
        public var operations = 0
        /// Of those, the ones whose pages were complete (not partial).
        public var complete = 0
        /// Complete operations equal to the botocore model.
        public var matched = 0
        public var partial = 0
        /// Page operations with no botocore counterpart, and the reverse.
        public var notInReference: [String] = []
        public var missingPages: [String] = []
        /// botocore operations boto3 writes no page for (input event streams).
        public var undocumentedByBoto3: [String] = []
        /// Services of the botocore model with no pages at all (not generated).
        public var servicesWithoutPages: [String] = []
        public var mismatches: [Mismatch] = []

        public var percentage: Double { complete == 0 ? 100 : Double(matched) * 100 / Double(complete) }
    }

    public static func compare(pages: Model, reference: Model) -> Report {
        let view = FormatView.boto3
        let left = pages.projected(onto: view)
        let right = reference.projected(onto: view)
        var report = Report()
        // The botocore operations each service's pages were matched with.
        var matched: [String: Set<String>] = [:]
        for (serviceName, service) in left.services {
            guard let refService = right.services[serviceName] else {
                report.notInReference += service.operations.keys.map { "\(serviceName).\($0)" }
                report.operations += service.operations.count
                continue
            }
            // Pages of boto3 before 2017 link no API operation: their operations are named from
            // the method, which botocore derives from the operation name (`xform_name`).
            var byMethod: [String: String] = [:]
            for (name, refOp) in refService.operations { if let m = refOp.method { byMethod[m] = name } }
            for (opName, op) in service.operations {
                report.operations += 1
                guard let refName = refService.operations[opName] != nil ? opName : op.method.flatMap({ byMethod[$0] }),
                      let refOp = refService.operations[refName] else {
                    report.notInReference.append("\(serviceName).\(opName)")
                    continue
                }
                matched[serviceName, default: []].insert(refName)
                if op.partial { report.partial += 1; continue }
                report.complete += 1
                var eq = ShapeEquivalence(left: service, right: refService)
                if let d = eq.difference(op.input, refOp.input) {
                    report.mismatches.append(Mismatch(service: serviceName, operation: opName, detail: "input " + d))
                } else if let d = eq.difference(op.output, refOp.output) {
                    report.mismatches.append(Mismatch(service: serviceName, operation: opName, detail: "output " + d))
                } else {
                    report.matched += 1
                }
            }
        }
        for (serviceName, service) in right.services {
            guard left.services[serviceName] != nil else { report.servicesWithoutPages.append(serviceName); continue }
            for (opName, op) in service.operations where matched[serviceName]?.contains(opName) != true {
                // boto3 has no client method for operations that stream events in the request.
                if op.input?.members.values.contains(where: { $0.eventstream }) == true {
                    report.undocumentedByBoto3.append("\(serviceName).\(opName)")
                } else {
                    report.missingPages.append("\(serviceName).\(opName)")
                }
            }
        }
        return report
    }
}
