// swift-tools-version: 6.2
// Benchmarks live in their own package so that `swift test` on the main package never builds them.
// Run: swift run -c release --package-path Benchmarks protocol-benchmarks
import PackageDescription

let package = Package(
    name: "ReveilleBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Reveille", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "protocol-benchmarks",
            dependencies: [
                .product(name: "PBXProtocol", package: "Reveille"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/ProtocolBenchmarks"
        ),
        .executableTarget(
            name: "planner-benchmarks",
            dependencies: [
                .product(name: "ReveilleCore", package: "Reveille"),
                .product(name: "PBXProtocol", package: "Reveille"),
            ],
            path: "Sources/PlannerBenchmarks"
        ),
        .executableTarget(
            name: "ingest-benchmarks",
            dependencies: [
                .product(name: "ReveilleIngest", package: "Reveille"),
                .product(name: "ReveilleCore", package: "Reveille"),
                .product(name: "PBXProtocol", package: "Reveille"),
            ],
            path: "Sources/IngestBenchmarks"
        ),
        .executableTarget(
            name: "push-benchmarks",
            dependencies: [
                .product(name: "ReveilleServices", package: "Reveille"),
                .product(name: "ReveilleStore", package: "Reveille"),
                .product(name: "ReveilleCore", package: "Reveille"),
                .product(name: "PBXSimulator", package: "Reveille"),
                .product(name: "PBXLink", package: "Reveille"),
                .product(name: "PBXProtocol", package: "Reveille"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/PushBenchmarks"
        ),
        .executableTarget(
            name: "store-benchmarks",
            dependencies: [
                .product(name: "ReveilleStore", package: "Reveille"),
                .product(name: "ReveilleCore", package: "Reveille"),
                .product(name: "PBXProtocol", package: "Reveille"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/StoreBenchmarks"
        ),
    ],
    swiftLanguageModes: [.v6]
)
