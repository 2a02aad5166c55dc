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
    var activity: AsyncStream<Activity>.Iterator
    var tasks: [Task<Void, Never>] = []

    /// 2026-11-24 20:00 in Shanghai.
    static let base = Date(timeIntervalSince1970: 1_795_521_600)

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    init(rooms: Int, extensions: Set<String>? = nil, configure: (inout PushConfiguration) -> Void = { _ in }) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("push-\(UUID().uuidString).sqlite").path
        store = try Store(path: path)
        settings = HotelSettings(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
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
        link = PBXLink(endpoint: .init(host: "127.0.0.1", port: server.port), configuration: LinkConfiguration(user: "pms", password: "pw"),
                       clock: clock, random: { 0 }, logger: Self.logger)
        var configuration = PushConfiguration()
        configure(&configuration)
        var draws: UInt64 = 0x9E37_79B9
        let jitter = Mutex(draws)
        _ = draws
        scheduler = PushScheduler(
            store: store, link: link, settings: settings, configuration: configuration, clock: clock, now: now,
            random: {
                jitter.withLock { state in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Double(state >> 11) / Double(1 << 53)
                }
            },
            logger: Self.logger)
        activity = scheduler.activity().makeAsyncIterator()
        draws = 0
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

    /// Follows the scheduler, advancing the clock whenever it waits on pacing, until `done` says so.
    /// Returns every activity seen.
    mutating func drive(until done: (Activity, [Activity]) throws -> Bool) async throws -> [Activity] {
        var seen: [Activity] = []
        while let next = await activity.next() {
            seen.append(next)
            if try done(next, seen) { return seen }
            if case .waiting(let until?, .pacing) = next {
                // One millisecond past the deadline: `TestClock` keeps a sleep whose deadline equals
                // `now` suspended, and the scheduler's timer may register just after the advance.
                await clock.advance(to: until.advanced(by: .milliseconds(1)))
            }
        }
        return seen
    }

    func stop() async {
        link.shutdown()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await server.close()
    }
}

import Synchronization
