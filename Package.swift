// swift-tools-version: 6.1
import PackageDescription

// Library targets mirror the pipeline: docs → DocIngest → APIModel → Conformance / Differ → Reports.
// The executable stays a thin layer of commands over them.
let package = Package(
    name: "docconform",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docconform", targets: ["docconform"]),
        .library(name: "APIModel", targets: ["APIModel"]),
        .library(name: "DocIngest", targets: ["DocIngest"]),
        .library(name: "Conformance", targets: ["Conformance"]),
        .library(name: "Differ", targets: ["Differ"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
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
        // Changelog pages state changes, which are the differ's `Change` records.
        .target(name: "DocIngest", dependencies: ["APIModel", "CLibXML2"]),
        .target(
            name: "Conformance",
            dependencies: ["APIModel"],
            // uregex_* from the ICU inside the toolchain's Foundation (Java-dialect patterns with a work bound).
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),
        .target(name: "Differ", dependencies: ["APIModel"]),
        .target(name: "Reports", dependencies: ["APIModel", "DocIngest", "Conformance", "Differ"]),
        .executableTarget(
            name: "docconform",
            dependencies: [
                "APIModel", "DocIngest", "Conformance", "Differ", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "APIModelTests", dependencies: ["APIModel"]),
        .testTarget(name: "DocIngestTests", dependencies: ["DocIngest", "APIModel", "CLibXML2", "Differ"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "APIModel"]),
        .testTarget(name: "DifferTests", dependencies: ["Differ", "APIModel"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "APIModel", "Conformance", "Differ"]),
        // Runs the built `docconform` binary end to end: exit codes, stderr diagnostics, output files.
        .testTarget(name: "DocConformCLITests", dependencies: ["APIModel"]),
        // Mutated inputs of every format through the built binary: the README's promises under bad input.
        .testTarget(name: "FuzzTests", dependencies: ["APIModel"]),
    ]
)
