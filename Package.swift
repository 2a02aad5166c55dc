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
    ],
    targets: [
        // Frames, typed messages and the AlarmClock codec of the Guowei PMS interface. No I/O.
        .target(
            name: "PBXProtocol",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // The `reveille` command tree (kept in a library so tests can drive it).
        .target(
            name: "ReveilleCLI",
            dependencies: [
                "PBXProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
    ],
    swiftLanguageModes: [.v6]
)
