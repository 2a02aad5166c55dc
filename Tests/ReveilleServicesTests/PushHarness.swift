import Clocks
import Foundation
import Logging
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// Store, simulator, link and push scheduler, all timed by one `TestClock`.
struct PushHarness {
    typealias Activity = SchedulerActivity<TestClock<Duration>.Instant>

    let clock = TestClock<Duration>()
    let store: Store
    let pbx: SimulatedPBX
    let server: PBXSimulatorServer
    let link: PBXLink
    let scheduler: PushScheduler<TestClock<Duration>>
    let settings: HotelSettings
    let now: @Sendable () -> Date
    let path: String
    var activity: AsyncStream<Activity>.Iterator
    var tasks: [Task<Void, Never>] = []

    /// 2026-11-24 20:00 in Shanghai.
    static let base = Date(timeIntervalSince1970: 1_795_521_600)

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// - Parameter seed: seeds the scheduler's random source (the group gap jitter).
    init(
        rooms: Int, extensions: Set<String>? = nil, seed: UInt64 = 0x9E37_79B9,
        configure: (inout PushConfiguration) -> Void = { _ in }, link configureLink: (inout LinkConfiguration) -> Void = { _ in },
        alertSink: (any AlertSink)? = nil, settings configureSettings: (inout HotelSettings) -> Void = { _ in },
        statements: (@Sendable (String) -> Void)? = nil
    ) async throws {
        // On tmpfs where there is one: a commit's fsync costs nothing there, and these tests are about
        // the pushes, not about durability against power loss.
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        path = folder.appendingPathComponent("push-\(UUID().uuidString).sqlite").path
        if let statements {
            store = try Store(path: path, statements: statements)
        } else {
            store = try Store(path: path)
        }
        var settings = HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        configureSettings(&settings)
        self.settings = settings
        let origin = clock.now
        let clock = self.clock
        now = { PushHarness.base.addingTimeInterval(origin.duration(to: clock.now).seconds) }
        var roomList: [Room] = []
        for index in 0..<rooms {
            roomList.append(Room(number: String(1201 + index), phone: String(8201 + index), floor: 12))
        }
        try store.save(rooms: roomList, actor: "test", at: Self.base)
        for (index, room) in roomList.enumerated() {
            try store.save(
                Stay(id: Int64(index + 1), room: room.number, guestName: "Guest \(index + 1)", arrival: Self.base - 3600,
                     departure: Self.base + 3 * 86_400, groupCode: "TOUR"),
                actor: "test", at: Self.base)
        }
        pbx = SimulatedPBX(accounts: ["pms": "pw"], extensions: extensions, random: { 0.5 })
        server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Self.logger)
        var linkConfiguration = LinkConfiguration(user: "pms", password: "pw")
        configureLink(&linkConfiguration)
        link = PBXLink(endpoint: .init(host: "127.0.0.1", port: server.port), configuration: linkConfiguration,
                       clock: clock, random: { 0 }, logger: Self.logger)
        var configuration = PushConfiguration()
        configure(&configuration)
        let jitter = Mutex(seed)
        scheduler = PushScheduler(
            store: store, link: link, settings: settings, configuration: configuration, clock: clock, now: now,
            random: {
                jitter.withLock { state in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Double(state >> 11) / Double(1 << 53)
                }
            },
            alertSink: alertSink, logger: Self.logger)
        activity = scheduler.activity().makeAsyncIterator()
    }

    mutating func start() {
        let link = self.link
        let scheduler = self.scheduler
        tasks.append(Task { await link.run() })
        tasks.append(Task { try? await scheduler.run() })
    }

    /// Books the whole hotel as one group wake-up at 06:30 tomorrow.
    func bookGroup() throws {
        try store.save(GroupWakeUp(id: 1, name: "Tour", members: .bookingGroup("TOUR"), time: TimeOfDay("06:30")!,
                                   recurrence: .once(LocalDate("2026-11-25")!)), actor: "test", at: now())
        scheduler.changed(rooms: nil)
    }

    /// Follows the scheduler, advancing the clock whenever it waits on pacing or for its next plan,
    /// until `done` says so.
    /// Returns every activity seen.
    mutating func drive(until done: (Activity, [Activity]) throws -> Bool) async throws -> [Activity] {
        var seen: [Activity] = []
        while let next = await activity.next() {
            // HARNESS_TRACE=1 prints what the scheduler did and when: how a hang is read.
            if ProcessInfo.processInfo.environment["HARNESS_TRACE"] != nil { print("harness:", next, clock.now) }
            seen.append(next)
            if try done(next, seen) { return seen }
            // A retry later than the next plan waits as "idle" until the plan: step to it as well.
            if case .waiting(let until?, let reason) = next {
                switch reason {
                case .pacing, .idle, .storeError:
                    // One millisecond past the deadline: `TestClock` keeps a sleep whose deadline
                    // equals `now` suspended, and the scheduler's timer may register just after.
                    await clock.advance(to: until.advanced(by: .milliseconds(1)))
                case .linkDown:
                    // The link dropped on its own (under load a heartbeat reply can miss a clock
                    // jump): one second at a time lets its reconnect timer fire without timing out
                    // the login in flight. Without it such a run hung (1 in 50 seeds).
                    await clock.advance(to: min(until, clock.now.advanced(by: .seconds(1))).advanced(by: .milliseconds(1)))
                }
            }
        }
        return seen
    }

    /// Follows the scheduler until it has planned and then has nothing left to push (nothing
    /// pending, idle).
    ///
    /// It listens afresh and asks for a plan first: activities buffered from before (a plan made
    /// while the clock was still on its way to now) must not count as the settled state — that
    /// made the 3-day test read the simulator before the day's push had landed.
    mutating func settle() async throws {
        let store = store
        activity = scheduler.activity().makeAsyncIterator()
        scheduler.changed(rooms: nil)
        _ = try await drive { activity, seen in
            guard case .waiting(_, .idle) = activity,
                seen.contains(where: { if case .planned = $0 { true } else { false } })
            else { return false }
            return ((try? store.pendingCount()) ?? 1) == 0
        }
    }

    /// Waits until the link has gone down and then steps past its first reconnect backoff (1 s).
    /// It watches `link.state` rather than subscribing: `states()` reads the current state and then
    /// subscribes, and a drop between the two was missed, leaving the run waiting for ever (1 CI run).
    func awaitLinkDownAndReconnect() async {
        while link.state.isUp && !Task.isCancelled { await Task.yield() }
        await clock.advance(by: .seconds(1) + .milliseconds(1))  // past the deadline, see `drive`
    }

    /// The test clock's instant at wall-clock time `date`.
    func instant(_ date: Date) -> TestClock<Duration>.Instant {
        let offset = date.timeIntervalSince(now())
        return clock.now.advanced(by: .milliseconds(Int64((offset * 1000).rounded())))
    }

    /// The simulator's settings differ from the desired state of these rooms (empty: converged).
    func differences() throws -> [String] {
        var differences: [String] = []
        for desired in Planner(settings: settings).desired(try store.snapshot(), now: now()) {
            let state = pbx.extensionState(desired.phone)
            let alarms = try AlarmClock.compile(desired.alarmEntries)
            if state.alarmClockValue != alarms { differences.append("\(desired.phone) alarms \(state.alarmClockValue) ≠ \(alarms)") }
            if state.name != desired.name { differences.append("\(desired.phone) name \(state.name ?? "nil")") }
            if state.callClass != desired.callClass { differences.append("\(desired.phone) call class") }
            if state.dnd != desired.dnd { differences.append("\(desired.phone) DND") }
        }
        return differences
    }

    func stop() async {
        link.shutdown()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await server.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

import Synchronization
