import APIModel
import Testing

/// `ModelWriter.write(_:to:)` serializes services in parallel and hands them on as each is
/// ready: the pieces must still come in name order, each service exactly as it is written alone.
@Suite struct ModelWriterStreamingTests {
    /// Services of very different sizes, inserted out of name order, so workers finish out of order.
    func model() -> Model {
        var model = Model()
        for k in (0..<120).reversed() {
            var service = Service(name: "service-\(String(k, radix: 7))")
            for n in 0..<(k % 9 == 0 ? 400 : k % 5) {
                var op = Operation(name: "Op\(n)")
                op.input = .structure([("Name", Shape(type: .string)), ("Items", .list(of: Shape(type: .integer)))])
                op.documentation = "Operation \(n) of \(service.name): \"quoted\"\n"
                service.operations[op.name] = op
            }
            model.services[service.name] = service
        }
        return model
    }

    @Test(arguments: [false, true]) func piecesComeInNameOrderEachAsWrittenAlone(pretty: Bool) throws {
        let model = model()
        let writer = ModelWriter(pretty: pretty)
        var pieces = 0
        var streamed: [UInt8] = []
        writer.write(model) { pieces += 1; streamed.append(contentsOf: $0) }
        #expect(pieces > model.services.count)
        #expect(streamed == writer.bytes(of: model))

        let services = try servicesObject(of: streamed)
        #expect(services.map(\.key) == model.services.keys.sorted())
        for (name, written) in services {
            let alone = try servicesObject(of: writer.bytes(of: Model(services: [model.services[name]!])))
            #expect(alone.first?.value == written, "\(name)")
        }
    }

    struct NoServicesObject: Error {}

    /// The document's `services` object, its keys in document order.
    func servicesObject(of bytes: [UInt8]) throws -> [(key: String, value: JSONValue)] {
        guard case let .object(top) = try JSONParser.parse(bytes),
              case let .object(services)? = top.first(where: { $0.key == "services" })?.value else { throw NoServicesObject() }
        return services
    }

    @Test func anEmptyModelIsTheBareDocument() {
        var streamed: [UInt8] = []
        ModelWriter(pretty: false).write(Model()) { streamed.append(contentsOf: $0) }
        #expect(String(decoding: streamed, as: UTF8.self) == "{\"format\":\"docconform.model/1\",\"services\":{}}\n")
    }
}
