import Foundation
import Logging
import PBXConsole
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ServiceLifecycle

/// The PBX driver `pbx.driver` selects, with its simulator when `pbx.simulator` is on: the TCP link
/// (§1–§5), or the console files and CDR lines of older switches (§6).
struct PBXDriver {
    var pbx: any PBXSending
    /// The PBX's events (a fresh subscription each call, taken before the services run).
    var events: @Sendable () -> AsyncStream<PBXEvent>
    /// In start order: the simulator first.
    var services: [any Service] = []
    var link: PBXLink?
    var console: ConsoleFileDriver<ContinuousClock>?
    var simulator: PBXSimulatorServer?
    var consoleSimulator: ConsoleSimulator?
    /// What this driver cannot send at all: never planned (the console interface has no DND or names, §6).
    var unsentKinds: Set<PlannedCommand.Kind> { console == nil ? [] : [.dnd, .name] }

    /// - Parameter now: the service's clock (the real one, or `pbx.simulatorStartsAt`'s); the simulators ring on it.
    static func build(
        _ configuration: ReveilleConfiguration, rooms: [Room], now: @escaping @Sendable () -> Date, logger: Logger, pbxLogger: Logger
    ) async throws -> PBXDriver {
        switch configuration.pbxDriver {
        case .tcp: try await tcp(configuration, rooms: rooms, now: now, logger: logger, pbxLogger: pbxLogger)
        case .consoleFiles: try consoleFiles(configuration, now: now, logger: logger, pbxLogger: pbxLogger)
        }
    }

    private static func tcp(
        _ configuration: ReveilleConfiguration, rooms: [Room], now: @escaping @Sendable () -> Date, logger: Logger, pbxLogger: Logger
    ) async throws -> PBXDriver {
        var services: [any Service] = []
        var pbxPort = configuration.pbxPort
        var simulatorServer: PBXSimulatorServer?
        if configuration.pbxSimulator {
            let pbx = SimulatedPBX(accounts: [configuration.pbxUser: configuration.pbxPassword], extensions: Set(rooms.map(\.phone)))
            for (phone, answering) in configuration.simulatorScript { pbx.setAnswering(answering, for: phone) }
            let server = try await PBXSimulatorServer.bind(
                pbx: pbx, host: configuration.pbxHost, port: configuration.pbxPort, logger: logger.with(label: "simulator"))
            pbxPort = server.port
            simulatorServer = server
            services.append(SimulatorService(server: server, timeZone: configuration.settings.timeZone, now: now))
        }
        let trace = configuration.tracePath.map { path in
            let traceLogger = pbxLogger
            traceLogger.notice("PBX wire trace on (pbx.trace.path): every frame, password redacted", metadata: ["path": "\(path)"])
            return WireTrace(path: path, maximumBytes: configuration.traceMaximumBytes, keep: configuration.traceKeep,
                             onError: { traceLogger.error("\($0)") })
        }
        let link = PBXLink(
            endpoint: .init(host: configuration.pbxHost, port: pbxPort), configuration: configuration.link, trace: trace, logger: pbxLogger)
        services.append(LinkService(link: link))
        return PBXDriver(pbx: link, events: { link.events() }, services: services, link: link, simulator: simulatorServer)
    }

    private static func consoleFiles(
        _ configuration: ReveilleConfiguration, now: @escaping @Sendable () -> Date, logger: Logger, pbxLogger: Logger
    ) throws -> PBXDriver {
        let folder = configuration.console.folder ?? "."
        var services: [any Service] = []
        var simulator: ConsoleSimulator?
        if configuration.pbxSimulator {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let simulated = ConsoleSimulator(folder: folder, encoding: configuration.console.encoding, logger: logger.with(label: "simulator"))
            simulator = simulated
            services.append(ConsoleSimulatorService(simulator: simulated, timeZone: configuration.settings.timeZone, now: now))
        }
        let calendar = HotelCalendar(timeZone: configuration.settings.timeZone)
        let driver = ConsoleFileDriver(
            folder: folder, replyTimeout: configuration.console.replyTimeout, encoding: configuration.console.encoding,
            clock: ContinuousClock(),
            now: { calendar.wallClock(now()) }, logger: pbxLogger)
        let feed = ConsoleCDRFeed(
            cdrFile: (folder as NSString).appendingPathComponent("hd.txt"),
            offsetFile: (configuration.dataFolder as NSString).appendingPathComponent("hd.txt.offset"),
            serialPort: configuration.console.serialPort, pollInterval: configuration.console.pollInterval, clock: ContinuousClock(),
            logger: pbxLogger)
        services.append(ConsoleDriverService(driver: driver, feed: feed, checkEvery: configuration.console.pollInterval, logger: pbxLogger))
        return PBXDriver(pbx: driver, events: { feed.events() }, services: services, console: driver, consoleSimulator: simulator)
    }
}

/// The console driver and its CDR feed as a `Service`: reports at start what the console interface
/// cannot send (§6), checks the folder (the driver's `up`/`down`) every `checkEvery`, reads CDR lines.
struct ConsoleDriverService: Service {
    let driver: ConsoleFileDriver<ContinuousClock>
    let feed: ConsoleCDRFeed<ContinuousClock>
    let checkEvery: Duration
    let logger: Logger

    /// What the driver cannot send, one sentence each: every limit of the interface, always.
    static func unsupported(_ driver: ConsoleFileDriver<ContinuousClock>) -> [String] {
        ConsoleUnsupported.allCases.map { limit in
            limit.explanation + (driver.unsupportedSeen.contains(limit) ? " (met by a push)" : "")
        }
    }

    func run() async throws {
        logger.warning("pbx.driver console-files: the console interface (§6) cannot send everything; each limit is shown on the status page",
                       metadata: ["unsupported": "\(ConsoleUnsupported.allCases.map(\.explanation).joined(separator: "; "))"])
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await feed.run() }
                group.addTask {
                    while !Task.isCancelled {
                        driver.checkFolder()
                        try? await Task.sleep(for: checkEvery)
                    }
                }
            }
        }
        driver.shutdown()
    }
}

/// The simulator's console mode as a `Service`: answers in the folder, rings on the real wall clock.
struct ConsoleSimulatorService: Service {
    let simulator: ConsoleSimulator
    let timeZone: TimeZone
    let now: @Sendable () -> Date

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await simulator.run() }
                    group.addTask { await tickEverySecond(timeZone: timeZone, now: now) { simulator.tick(now: $0) } }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: the normal end.
        }
    }
}

extension ConsoleSimulator {
    /// What the console simulator holds, in the shape of acknowledgements (for the API): the Clock
    /// lines' times as an AlarmClock list with the default parts, the Grade level as its call class.
    var asAcknowledged: [String: AcknowledgedExtension] {
        var result: [String: AcknowledgedExtension] = [:]
        for (phone, level) in callClasses { result[phone, default: AcknowledgedExtension()].callClass = level.callClass }
        for (phone, lines) in wakeUps {
            let entries = lines.sorted { ($0.month, $0.day, $0.hour, $0.minute) < ($1.month, $1.day, $1.hour, $1.minute) }
                .compactMap { TimeOfDay(hour: $0.hour, minute: $0.minute).map { WakeUpEntry(start: $0) } }
            result[phone, default: AcknowledgedExtension()].alarmClock = try? AlarmClock.compile(entries)
        }
        return result
    }
}
