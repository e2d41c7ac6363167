// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ecsform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ecsform", targets: ["ecsform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "YAML", dependencies: ["CYAML"], swiftSettings: strict),
        .target(name: "StackConfig", dependencies: ["YAML"], swiftSettings: strict),
        .target(
            name: "Orchestrator",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Engine",
            dependencies: [
                "StackConfig",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(name: "LocalProvider", dependencies: ["Engine", "Orchestrator"], swiftSettings: strict),
        .target(name: "ECSFormTesting", dependencies: ["Engine", "StackConfig"], swiftSettings: strict),
        .executableTarget(
            name: "ecsform",
            dependencies: [
                "YAML", "StackConfig", "Orchestrator", "Engine", "LocalProvider",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // mimalloc replaces glibc's malloc for the whole process (it is loaded before libc):
            // a plan or apply of 10,000 resources allocates millions of small values, and it
            // takes 5-8% less CPU with it (BENCHMARKS.md). Debian: libmimalloc-dev.
            linkerSettings: [.linkedLibrary("mimalloc")]
        ),
        .executableTarget(
            name: "ecsform-bench",
            dependencies: ["Orchestrator"],
            path: "Benchmarks/ecsform-bench",
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "StackConfigTests", dependencies: ["StackConfig"]),
        .testTarget(name: "OrchestratorTests", dependencies: ["Orchestrator"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "ECSFormTesting", "StackConfig"]),
        .testTarget(name: "LocalProviderTests", dependencies: ["LocalProvider", "Engine", "Orchestrator", "StackConfig"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
