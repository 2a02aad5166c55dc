// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Reveille",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reveille", targets: ["reveille"]),
        .library(name: "PBXProtocol", targets: ["PBXProtocol"]),
        .library(name: "ReveilleCore", targets: ["ReveilleCore"]),
        .library(name: "ReveilleIngest", targets: ["ReveilleIngest"]),
        .library(name: "ReveilleStore", targets: ["ReveilleStore"]),
        .library(name: "ReveilleServices", targets: ["ReveilleServices"]),
        .library(name: "PBXLink", targets: ["PBXLink"]),
        .library(name: "PBXSimulator", targets: ["PBXSimulator"]),
        .library(name: "ReveilleAPIContract", targets: ["ReveilleAPIContract"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks.git", from: "1.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Already resolved for HummingbirdTesting: the alert webhook's client.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already resolved through swift-certificates: the webhook's HMAC-SHA256 signature.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Already resolved through swift-configuration's YAML trait: the unknown-key check reads the file's keys.
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Staff passwords: bcrypt, a slow salted hash (only its HummingbirdBcrypt product is used).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        // Frames, typed messages and the AlarmClock codec of the Guowei PMS interface. No I/O.
        .target(
            name: "PBXProtocol",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
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
        // Linux inotify as an AsyncStream of changed file names (the CSV watcher, the console driver).
        .target(name: "FileEvents"),
        // The legacy console interface (§6): the Grade/Clock file driver and the hd.txt and serial CDR readers.
        .target(
            name: "PBXConsole",
            dependencies: [
                "PBXProtocol", "FileEvents",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A faithful Guowei PBX on loopback, with fault injection: for tests, demos and benchmarks.
        .target(
            name: "PBXSimulator",
            dependencies: [
                "PBXProtocol", "FileEvents",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Rooms, stays, wake-up policies, groups, DND windows and rules; the desired state and the
        // reconciler. Pure: no I/O, `now` and the time zone passed in.
        .target(name: "ReveilleCore", dependencies: ["PBXProtocol"]),
        // SQLite through GRDB: migrations, records, acknowledged PBX state, the durable outbox, audit.
        .target(
            name: "ReveilleStore",
            dependencies: [
                "ReveilleCore", "PBXProtocol", .product(name: "GRDB", package: "GRDB.swift"),
                // StoreExecutor: SQLite work on threads of its own, off the cooperative pool.
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Occupancy from the PMS: the CSV export (read, mapped, diffed, watched) and the local socket.
        .target(
            name: "ReveilleIngest",
            dependencies: [
                "ReveilleCore", "PBXProtocol", "ReveilleStore", "FileEvents",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Long-running services: the push scheduler (and later the ingest watchers).
        .target(
            name: "ReveilleServices",
            dependencies: [
                "ReveilleCore", "ReveilleStore", "PBXLink", "PBXConsole", "PBXProtocol", "ReveilleAPIContract",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Accounts: bcrypt hashes computed on NIO's thread pool, off the cooperative threads.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The JSON API's request and reply bodies, shared by the server (ReveilleHTTP) and the CLI. Foundation only.
        .target(name: "ReveilleAPIContract"),
        // The JSON API, the reception page (plain HTML/CSS/JS resources) and /metrics, on Hummingbird.
        .target(
            name: "ReveilleHTTP",
            dependencies: [
                "ReveilleAPIContract", "ReveilleServices", "ReveilleIngest", "ReveilleStore", "ReveilleCore", "PBXProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // Session ids are kept by their SHA-256 only.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")]
        ),
        // `reveille serve`: the configuration (YAML + environment) and every service in one ServiceGroup.
        .target(
            name: "ReveilleApp",
            dependencies: [
                "ReveilleHTTP", "ReveilleServices", "ReveilleIngest", "ReveilleStore", "ReveilleCore", "PBXLink",
                "PBXConsole", "PBXSimulator", "PBXProtocol",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The `reveille` command tree (kept in a library so tests can drive it).
        .target(
            name: "ReveilleCLI",
            dependencies: [
                "PBXProtocol",
                "PBXSimulator",
                "ReveilleAPIContract",
                "ReveilleCore",
                "ReveilleApp",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
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
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        // `reveille` itself: the binary tests start the built executable.
        .testTarget(
            name: "ReveilleCLITests",
            dependencies: [
                "ReveilleCLI", "ReveilleAPIContract", "PBXProtocol", "PBXSimulator", "ReveilleStore", "reveille",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ReveilleCoreTests",
            dependencies: ["ReveilleCore", "PBXProtocol", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "ReveilleIngestTests",
            dependencies: [
                "ReveilleIngest", "ReveilleCore", "ReveilleStore", "ReveilleServices", "PBXProtocol", "PBXLink", "PBXSimulator",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ReveilleHTTPTests",
            dependencies: [
                "ReveilleHTTP", "ReveilleAPIContract", "ReveilleApp", "ReveilleServices", "ReveilleIngest", "ReveilleStore", "ReveilleCore", "PBXProtocol",
                "PBXSimulator", "PBXLink",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReveilleStoreTests",
            dependencies: ["ReveilleStore", "ReveilleCore", "PBXProtocol", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ReveilleServicesTests",
            dependencies: [
                "ReveilleServices", "ReveilleStore", "ReveilleCore", "PBXLink", "PBXSimulator", "PBXProtocol", "ReveilleAPIContract",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "PBXConsoleTests",
            dependencies: [
                "PBXConsole", "PBXSimulator", "PBXProtocol",
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
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
