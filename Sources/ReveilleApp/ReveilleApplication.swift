import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Logging
import PBXConsole
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleHTTP
import ReveilleIngest
import ReveilleServices
import ReveilleStore
import ServiceLifecycle

/// `reveille serve`: every part of Reveille in one `ServiceGroup`, built from the configuration.
///
/// Start order: simulator (when configured), PBX link, push scheduler, metrics, CSV watcher, PMS
/// socket, HTTP. Graceful shutdown (SIGTERM, SIGINT) runs in reverse: input stops first, the push
/// in flight finishes, the link logs out of the PBX (§3.2), the database closes with the process.
public struct ReveilleApplication: Sendable {
    public let serviceGroup: ServiceGroup
    public let store: Store
    /// The PBX driver the push scheduler sends through: ``link`` or ``console``.
    public let pbx: any PBXSending
    /// The TCP link (`pbx.driver: tcp`).
    public let link: PBXLink?
    /// The console files driver (`pbx.driver: console-files`, §6).
    public let console: ConsoleFileDriver<ContinuousClock>?
    /// The built-in simulator on TCP (`pbx.simulator` with `tcp`).
    public let simulator: PBXSimulatorServer?
    /// The built-in simulator's console mode (`pbx.simulator` with `console-files`).
    public let consoleSimulator: ConsoleSimulator?
    /// The port HTTP listens on, once it does (port 0 in the config picks a free one).
    public let httpPort: @Sendable () async -> Int

    public static func build(_ configuration: ReveilleConfiguration, logger: Logger) async throws -> ReveilleApplication {
        // The rooms file first: a configuration that cannot start leaves nothing behind.
        let rooms = try RoomsFile.read(configuration.roomsFile)
        try FileManager.default.createDirectory(atPath: configuration.dataFolder, withIntermediateDirectories: true)
        try PMSSocketPath.check(configuration.socketPath)
        let databasePath = (configuration.dataFolder as NSString).appendingPathComponent("reveille.sqlite")
        // Held while the service runs: `reveille restore` and a second service on this folder refuse.
        let lock = try ServiceLock(database: databasePath)
        // A zero-byte or corrupt file refuses to start (StoreOpenError names it and `reveille restore`).
        let store = try Store(path: databasePath)
        if store.created { logger.notice("no database yet: created an empty one (first start)", metadata: ["path": "\(databasePath)"]) }
        // The service's clock: the real one, or with the simulator from `pbx.simulatorStartsAt` on.
        let calendar = HotelCalendar(timeZone: configuration.settings.timeZone)
        let offset = configuration.simulatorStartsAt.map { calendar.instant($0).timeIntervalSinceNow } ?? 0
        let now: @Sendable () -> Date = { Date().addingTimeInterval(offset) }
        if offset != 0 { logger.notice("demo clock: the service's time runs from \(calendar.wallClock(now())) (pbx.simulatorStartsAt)") }
        try store.save(rooms: rooms, actor: "config:\(configuration.roomsFile)", at: now())
        logger.info("rooms loaded", metadata: ["rooms": "\(rooms.count)", "file": "\(configuration.roomsFile)"])

        // First in the group, so the last to stop: the lock is released once everything else has.
        var services: [any Service] = [ServiceLockHolder(lock: lock)]
        // The link and the recorder know extensions only: their lines name the room as well.
        let pbxLogger = logger.with(label: "pbx").namingRooms(rooms)
        let driver = try await PBXDriver.build(configuration, rooms: rooms, now: now, logger: logger, pbxLogger: pbxLogger)
        services += driver.services
        let pbx = driver.pbx
        var push = configuration.push
        push.unsentKinds = driver.unsentKinds
        let recorder = PBXEventRecorder(events: driver.events(), store: store, now: now, logger: pbxLogger)
        services.append(OnStoreThreads(recorder))
        services.append(OnStoreThreads(LinkDropRecorder(states: driver.pbx.states(), store: store, now: now, logger: pbxLogger)))
        let metrics = ReveilleMetrics()
        // Every wake-up's outcome, alerts (log, metric, webhook), retention.
        var webhook: WebhookSender?
        if let configured = configuration.webhook {
            let sender = WebhookSender(configuration: configured, clock: ContinuousClock(), logger: logger.with(label: "alerts"))
            services.append(sender)
            webhook = sender
        }
        let alerts = AlertCenter(
            store: store, timeZone: configuration.settings.timeZone, webhook: webhook, onRaised: { metrics.record($0) },
            logger: logger.with(label: "alerts"))
        let scheduler = PushScheduler(
            store: store, link: pbx, settings: configuration.settings, configuration: push, clock: ContinuousClock(),
            now: now, alertSink: alerts, logger: logger.with(label: "push"))
        // One plan per change feeds both: the recorder records the scheduler's plans. A catch-up
        // is pushed at once: the recorder has the scheduler plan its room.
        let occurrences = OccurrenceRecorder(
            events: driver.events(), linkStates: pbx.states(), replan: { scheduler.changed(rooms: $0) }, plans: scheduler.plans(), store: store, settings: configuration.settings, configuration: configuration.outcomes,
            alerts: alerts, clock: ContinuousClock(), now: now, logger: pbxLogger)
        services.append(OnStoreThreads(occurrences))
        services.append(OnStoreThreads(RetentionService(
            store: store, retention: .seconds(configuration.retentionDays * 86_400), clock: ContinuousClock(), now: now,
            logger: logger.with(label: "retention"))))
        services.append(OnStoreThreads(scheduler))
        let export = configuration.csvPath.map { ExportFreshness(path: $0, staleAfter: configuration.csvStaleAfter.seconds) }
        var importerConfiguration = OccupancyImporter.Configuration()
        importerConfiguration.csv = configuration.csv
        importerConfiguration.mapping = configuration.mapping
        importerConfiguration.vanishThreshold = configuration.vanishThreshold
        importerConfiguration.minimumStaysForHold = configuration.minimumStaysForHold
        importerConfiguration.guestsPerRoom = configuration.guestsPerRoom
        importerConfiguration.promptLanguages = Set(configuration.settings.wakeUpDefaults.languagePrompts.keys)
        let importer = OccupancyImporter(
            store: store, timeZone: configuration.settings.timeZone, configuration: importerConfiguration,
            changed: { scheduler.changed(rooms: $0) }, now: now, logger: logger.with(label: "ingest"))
        var watcher: OccupancyWatcher<ContinuousClock>?
        if let path = configuration.csvPath {
            watcher = OccupancyWatcher(path: path, importer: importer, quietPeriod: configuration.csvQuietPeriod,
                                       pollInterval: configuration.csvPollInterval, clock: ContinuousClock(),
                                       logger: logger.with(label: "ingest"))
        }
        services.append(MemoryTrim(store: store))
        services.append(OnStoreThreads(MetricsObserver(metrics: metrics, link: pbx, scheduler: scheduler, watcher: watcher, store: store, export: export)))
        if let watcher { services.append(OnStoreThreads(watcher)) }
        if let path = configuration.socketPath {
            services.append(OnStoreThreads(PMSSocketListener(
                path: path, mode: configuration.socketMode, importer: importer, store: store, timeZone: configuration.settings.timeZone,
                mapping: configuration.mapping, logger: logger.with(label: "ingest"))))
        }
        let desk = FrontDesk(store: store, settings: configuration.settings, pacing: configuration.push.pacing,
                             changed: { scheduler.changed(rooms: $0) }, now: now)
        var simulatorExtensions: (@Sendable () -> [String: AcknowledgedExtension])?
        if let simulated = driver.simulator?.pbx {
            simulatorExtensions = { simulated.extensions.mapValues { $0.asAcknowledged } }
        } else if let simulated = driver.consoleSimulator {
            simulatorExtensions = { simulated.asAcknowledged }
        }
        var api = ReveilleAPI(
            store: store, desk: desk, importer: importer, settings: configuration.settings, tokens: configuration.tokens,
            linkState: { pbx.state }, resync: { scheduler.resync() }, simulatorExtensions: simulatorExtensions,
            metrics: { metrics.text() }, now: now,
            export: export, sessionIdle: configuration.sessionIdle)
        api.secureCookies = configuration.secureCookies
        if let console = driver.console {
            api.pbxDriver = PBXDriverKind.consoleFiles.rawValue
            api.unsupported = { ConsoleDriverService.unsupported(console) }
            api.unsentKinds = driver.unsentKinds
        }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let http = Application(
            router: api.router(),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "Reveille"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger.with(label: "http"))
        services.append(http)
        services.append(AccountsReloader(file: configuration.file, tokens: api.tokens, logger: logger.with(label: "http")))
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let port = PortBox(stream: portStream)
        return ReveilleApplication(
            serviceGroup: group, store: store, pbx: pbx, link: driver.link, console: driver.console, simulator: driver.simulator,
            consoleSimulator: driver.consoleSimulator, httpPort: { await port.value() })
    }
}

/// The HTTP port, known once the server runs.
private actor PortBox {
    private var stream: AsyncStream<Int>?
    private var port: Int?

    init(stream: AsyncStream<Int>) {
        self.stream = stream
    }

    func value() async -> Int {
        if let port { return port }
        var iterator = stream?.makeAsyncIterator()
        stream = nil
        let found = await iterator?.next() ?? 0
        port = found
        return found
    }
}

/// Holds the service's ``ServiceLock`` until graceful shutdown (the kernel drops it if the process dies).
struct ServiceLockHolder: Service {
    let lock: ServiceLock

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        }
        lock.release()
    }
}

/// The PBX link as a `Service`: graceful shutdown logs out (§3.2).
struct LinkService: Service {
    let link: PBXLink

    func run() async throws {
        await withGracefulShutdownHandler {
            await link.run()
        } onGracefulShutdown: {
            link.shutdown()
        }
    }
}

/// The built-in simulator as a `Service`: its wall clock follows the service's, a tick a second.
struct SimulatorService: Service {
    let server: PBXSimulatorServer
    let timeZone: TimeZone
    let now: @Sendable () -> Date

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await tickEverySecond(timeZone: timeZone, now: now) { _ = server.tick(now: $0) }
        }
        await server.close()
    }
}

/// Calls `tick` with the hotel's wall clock, now and then once a second, until cancelled: a
/// simulator's clock following the real one.
func tickEverySecond(timeZone: TimeZone, now: @Sendable () -> Date, _ tick: (PBXDateTime) -> Void) async {
    let calendar = HotelCalendar(timeZone: timeZone)
    while !Task.isCancelled {
        tick(calendar.wallClock(now()))
        try? await Task.sleep(for: .seconds(1))
    }
}

/// Hands freed heap memory back to the system every 30 s (glibc keeps it otherwise): planning a large
/// hotel allocates and frees tens of MiB in bursts.
struct MemoryTrim: Service {
    /// Its idle SQLite connections give back their page caches too (reader connections close and
    /// are opened again by the next read; nothing waits for it).
    let store: Store

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(30))
                store.releaseMemoryEventually()
                #if canImport(Glibc)
                _ = glibcMallocTrim(0)
                #endif
            }
        }
    }
}

/// Feeds the metrics from the link, the scheduler and the watcher.
struct MetricsObserver: Service {
    let metrics: ReveilleMetrics
    let link: any PBXSending
    let scheduler: PushScheduler<ContinuousClock>
    let watcher: OccupancyWatcher<ContinuousClock>?
    let store: Store
    /// The occupancy export whose age is reported, if any.
    let export: ExportFreshness?
    /// How often the store-derived gauges are read.
    var interval: Duration = .seconds(15)

    func run() async throws {
        let states = link.states()
        let activity = scheduler.activity()
        let imports = watcher?.activity()
        // Graceful shutdown cancels the observation: its normal end.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { for await state in states { metrics.record(state) } }
                group.addTask {
                    for await event in activity {
                        metrics.record(event)
                    }
                }
                if let imports {
                    group.addTask {
                        for await event in imports {
                            if case .imported(let report) = event { metrics.record(report) }
                        }
                    }
                }
                group.addTask {
                    // Outcomes already in the store when the service starts are not new.
                    var counted = (try? store.newestWakeUpAttemptID()) ?? 0
                    while !Task.isCancelled {
                        if let pending = try? store.pendingCount(), let failed = try? store.count(.failed) {
                            metrics.record(pending: pending, failed: failed)
                        }
                        if let new = try? store.wakeUpOutcomes(after: counted) {
                            metrics.record(newOutcomes: new.counts)
                            counted = new.through
                        }
                        metrics.record(exportAge: export?.age())
                        try? await Task.sleep(for: interval)
                    }
                }
            }
        }
    }
}

extension SimulatedExtension {
    /// What the simulator holds, in the shape of an acknowledgement (for the API).
    var asAcknowledged: AcknowledgedExtension {
        AcknowledgedExtension(alarmClock: alarmClockValue, dnd: dnd, name: name, callClass: callClass)
    }
}

extension Logger {
    /// The same handler and level under another label.
    func with(label: String) -> Logger {
        var logger = self
        logger[metadataKey: "component"] = "\(label)"
        return logger
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (declared in `<malloc.h>`, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
