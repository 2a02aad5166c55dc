// Draining the outbox to the in-process PBX simulator over loopback TCP:
// 1. pushes per second with pacing 0 after a login, at 500, 2,000 and 5,000 occupied rooms (every
//    setting of every room: wake-up clears, DND, name, call class — 4 per room);
// 2. at 5,000 rooms with the default pacing: the time from the login until every wake-up due in the
//    next 2 hours (one room in five) is on the PBX.
// The store is a real SQLite file in $TMPDIR (WAL, as the service runs it).
//
// Run: swift run -c release --package-path Benchmarks push-benchmarks [rooms…]
import Foundation
import Logging
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Synchronization

let zone = TimeZone(identifier: "Asia/Shanghai")!
let settings = HotelSettings(timeZone: zone)
let calendar = HotelCalendar(timeZone: zone)
func quiet() -> Logger {
    var logger = Logger(label: "bench")
    logger.logLevel = .critical
    return logger
}

/// A line to standard output at once (not buffered until exit).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// A hotel of `rooms` occupied rooms in a fresh store; with `wakeUpShare`, that share of rooms has a
/// wake-up spread over the next 2 hours.
func makeStore(rooms: Int, wakeUpEvery: Int?, now: Date) throws -> (Store, String, [String: String]) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("push-bench-\(UUID().uuidString).sqlite").path
    let store = try Store(path: path)
    let roomList = (0..<rooms).map { Room(number: String(10000 + $0), phone: String(80000 + $0), floor: $0 / 100) }
    try store.save(rooms: roomList, actor: "bench", at: now)
    for (index, room) in roomList.enumerated() {
        try store.save(Stay(id: Int64(index + 1), room: room.number, guestName: "客人 \(index)", arrival: now - 86_400,
                            departure: now + 3 * 86_400), actor: "bench", at: now)
        if let every = wakeUpEvery, index % every == 0 {
            let at = now.addingTimeInterval(300 + Double(index % 100) * 60)  // 5 … 104 min ahead
            let wall = calendar.wallClock(at)
            let policy = WakeUpPolicy(id: Int64(index + 1), room: room.number, time: wall.timeOfDay, recurrence: .once(calendar.date(of: at)))
            try store.save(policy, actor: "bench", at: now)
        }
    }
    // phone → its wake-up list, as the planner compiles it
    var expected: [String: String] = [:]
    for want in Planner(settings: settings).desired(try store.snapshot(), now: now) where !want.wakeUps.isEmpty {
        expected[want.phone] = try AlarmClock.compile(want.alarmEntries)
    }
    return (store, path, expected)
}

struct Run {
    var pushes = 0
    /// From the first push to the last answer.
    var seconds = 0.0
    /// From the scheduler's start (connect, login, verification, plan) to the last answer.
    var sinceStart = 0.0
    var cpu = 0.0
}

/// Starts simulator, link and scheduler; `done` is asked after every answer.
func run(store: Store, configuration: PushConfiguration, now: @escaping @Sendable () -> Date,
         done: @escaping @Sendable (SimulatedPBX, Int) -> Bool) async throws -> Run
{
    let pbx = SimulatedPBX(accounts: ["pms": "pw"], extensions: nil)
    let clock = ContinuousClock()
    let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: quiet())
    let link = PBXLink(endpoint: .init(host: "127.0.0.1", port: server.port), configuration: LinkConfiguration(user: "pms", password: "pw"),
                       clock: clock, logger: quiet())
    let scheduler = PushScheduler(store: store, link: link, settings: settings, configuration: configuration, clock: clock, now: now,
                                  logger: quiet())
    var activity = scheduler.activity().makeAsyncIterator()
    let began = clock.now
    let linkTask = Task { await link.run() }
    let schedulerTask = Task { try? await scheduler.run() }
    var result = Run()
    var start: ContinuousClock.Instant?
    var cpuAtStart = 0.0
    while let next = await activity.next() {
        switch next {
        case .sent:
            if start == nil { (start, cpuAtStart) = (clock.now, cpuSeconds()) }
        case .answered:
            result.pushes += 1
            if done(pbx, result.pushes) {
                result.seconds = start.map { $0.duration(to: clock.now).seconds } ?? 0
                result.sinceStart = began.duration(to: clock.now).seconds
                result.cpu = cpuSeconds() - cpuAtStart
                link.shutdown()
                schedulerTask.cancel()
                _ = await (linkTask.value, schedulerTask.value)
                await server.close()
                return result
            }
        default:
            if ProcessInfo.processInfo.environment["BENCH_TRACE"] != nil { say("\(next)") }
        }
    }
    return result
}

let start = calendar.instant(PBXDateTime("2026-11-30 04:00:00")!)
// The hotel's clock starts at 04:00 and runs in real time (pacing waits on it).
let origin = ContinuousClock.now
let frozen: @Sendable () -> Date = { start.addingTimeInterval(origin.duration(to: .now).seconds) }
// Arguments: room counts for part 1 (default 500 2000 5000); `drain` or `login` runs one part only;
// `pacing=0.2` sets part 2's pacing interval in seconds (default: the service's default).
let arguments = Set(CommandLine.arguments.dropFirst())
let sizes = arguments.compactMap { Int($0) }.sorted()
let pacing = arguments.first { $0.hasPrefix("pacing=") }.flatMap { Double($0.dropFirst("pacing=".count)) }

if !arguments.contains("login") {
say("1. drain with pacing 0 (every setting of every room after the first login)")
say("rooms | pushes | seconds | pushes/s | CPU s per 1,000 pushes")
for rooms in sizes.isEmpty ? [500, 2000, 5000] : sizes {
    let (store, path, _) = try makeStore(rooms: rooms, wakeUpEvery: nil, now: start)
    var configuration = PushConfiguration()
    configuration.pacing.interval = .zero
    let total = rooms * 4
    let result = try await run(store: store, configuration: configuration, now: frozen) { _, pushes in pushes >= total }
    say(String(format: "%5d | %6d | %7.2f | %8.0f | %.2f", rooms, result.pushes, result.seconds,
                 Double(result.pushes) / result.seconds, result.cpu / Double(result.pushes) * 1000))
    try? FileManager.default.removeItem(atPath: path)
}

}

if !arguments.contains("drain") {
say("\n2. 5,000 rooms: the login until every wake-up due in the next 2 h is on the PBX")
let (store, path, expected) = try makeStore(rooms: 5000, wakeUpEvery: 5, now: start)
var configuration = PushConfiguration()
if let pacing { configuration.pacing.interval = .milliseconds(Int64(pacing * 1000)) }
let wanted = Mutex(expected)
let result = try await run(store: store, configuration: configuration, now: frozen) { pbx, _ in
    wanted.withLock { wanted in
        // Checking the few still missing (each answer lands one) keeps this cheap.
        for (phone, value) in wanted where pbx.extensionState(phone).alarmClockValue == value { wanted[phone] = nil }
        return wanted.isEmpty
    }
}
say(String(format: "%d wake-up lists (of %d settings) on the PBX %.1f s after the start (login, verification, plan), %.1f s after the first push, %d pushes; pacing %.2f s",
             expected.count, 5000 * 4, result.sinceStart, result.seconds, result.pushes, configuration.pacing.interval.seconds))
try? FileManager.default.removeItem(atPath: path)
}
