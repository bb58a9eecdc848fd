// swift-tools-version: 6.1
import PackageDescription

// Library targets mirror the pipeline: docs → DocIngest → APIModel → Conformance / Differ → Reports;
// ChangeRecords are what the differ finds and changelog pages state.
// The executable stays a thin layer of commands over them.
let package = Package(
    name: "docconform",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docconform", targets: ["docconform"]),
        .executable(name: "docconform-bench", targets: ["DocConformBench"]),
        .library(name: "APIModel", targets: ["APIModel"]),
        .library(name: "DocIngest", targets: ["DocIngest"]),
        .library(name: "ChangeRecords", targets: ["ChangeRecords"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "Differ", targets: ["Differ"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Wire", targets: ["Wire"]),
        .library(name: "Proxy", targets: ["Proxy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", .upToNextMinor(from: "2.101.2")),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "APIModel",
            dependencies: [
                "CZlib",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The `docconform.diff/1` change records and their severity rules: what the differ
        // finds and what changelog pages state.
        .target(name: "ChangeRecords", dependencies: ["APIModel"]),
        .target(
            name: "DocIngest",
            dependencies: [
                "APIModel", "ChangeRecords", "CLibXML2",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "Conformance",
            dependencies: ["APIModel"],
            // uregex_* from the ICU inside the toolchain's Foundation (Java-dialect patterns with a work bound).
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),
        .target(name: "Differ", dependencies: ["APIModel", "ChangeRecords"]),
        // HTTP exchanges of the five AWS protocols decoded into the validator's walk (HAR files, proxies).
        .target(name: "Wire", dependencies: ["APIModel", "Conformance", "CLibXML2"]),
        // The recording proxy (`docconform proxy`): SwiftNIO's HTTP/1.1 codec on both sides, Wire's checker.
        .target(
            name: "Proxy",
            dependencies: [
                "APIModel", "Conformance", "Wire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(name: "Reports", dependencies: ["APIModel", "ChangeRecords", "DocIngest", "Conformance", "Differ"]),
        .executableTarget(
            name: "docconform",
            dependencies: [
                "APIModel", "ChangeRecords", "DocIngest", "Conformance", "Differ", "Reports", "Wire", "Proxy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Measurements the benchmark and fidelity scripts run (`docconform-bench`), apart from the user's commands.
        .executableTarget(
            name: "DocConformBench",
            dependencies: [
                "APIModel", "DocIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares: the fixture locator (and botocore fixtures imported), the process runner (the built
        // `docconform` and other programs), golden files, and the JUnit XSD / SARIF JSON Schema checks.
        .target(name: "TestSupport", dependencies: ["APIModel", "DocIngest", "CLibXML2"], path: "Tests/TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport", "APIModel"]),
        // Model fixtures are botocore service files, read by DocIngest's importer.
        .testTarget(name: "APIModelTests", dependencies: ["APIModel", "DocIngest", "TestSupport"]),
        .testTarget(name: "DocIngestTests", dependencies: ["DocIngest", "APIModel", "ChangeRecords", "CLibXML2", "Differ", "TestSupport"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "APIModel", "DocIngest", "TestSupport"]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Conformance", "APIModel", "DocIngest", "TestSupport"]),
        .testTarget(
            name: "ProxyTests",
            dependencies: [
                "Proxy", "Wire", "Conformance", "APIModel", "DocIngest", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "DifferTests", dependencies: ["Differ", "APIModel", "ChangeRecords", "DocIngest", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "APIModel", "ChangeRecords", "Conformance", "Differ", "TestSupport"]),
        // Runs the built `docconform` binary end to end: exit codes, stderr diagnostics, output files.
        .testTarget(name: "DocConformCLITests", dependencies: ["APIModel", "TestSupport"]),
        // Mutated inputs of every format through the built binary: the README's promises under bad input.
        .testTarget(name: "FuzzTests", dependencies: ["APIModel", "TestSupport"]),
    ]
)
