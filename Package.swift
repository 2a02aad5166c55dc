// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Reveille",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reveille", targets: ["reveille"]),
        .library(name: "PBXProtocol", targets: ["PBXProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks.git", from: "1.1.1"),
    ],
    targets: [
        // Frames, typed messages and the AlarmClock codec of the Guowei PMS interface. No I/O.
        .target(
            name: "PBXProtocol",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // The PBX link over TCP: carries out LinkStateMachine's actions with SwiftNIO; async API.
        .target(
            name: "PBXLink",
            dependencies: [
                "PBXProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A faithful Guowei PBX on loopback, with fault injection: for tests, demos and benchmarks.
        .target(
            name: "PBXSimulator",
            dependencies: [
                "PBXProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `reveille` command tree (kept in a library so tests can drive it).
        .target(
            name: "ReveilleCLI",
            dependencies: [
                "PBXProtocol",
                "PBXSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "reveille", dependencies: ["ReveilleCLI"]),
        .testTarget(
            name: "PBXProtocolTests",
            dependencies: [
                "PBXProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "ReveilleCLITests", dependencies: ["ReveilleCLI", "PBXProtocol"]),
        .testTarget(
            name: "PBXLinkTests",
            dependencies: [
                "PBXLink", "PBXSimulator", "PBXProtocol",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
